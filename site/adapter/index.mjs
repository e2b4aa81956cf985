/**
 * A minimal Astro adapter for this project's one Worker (see README "How one Worker serves
 * everything"). Astro builds the on-demand pages into one self-contained ES module
 * (`<outDir>/server/entry.mjs`) that exports `renderPage(request, locals)`; worker/index.ts
 * imports it (wrangler alias `gongkai:site`) and calls it for every non-API path that is not a
 * static file. Prerendered pages and hashed assets go to `<outDir>/client`, served by Workers
 * Static Assets.
 *
 * Why not @astrojs/cloudflare: 14.3.3 depends on @cloudflare/vite-plugin, whose newest release
 * pins wrangler 4.151.0 / workerd 1.20261012 (a second ~150 MB workerd beside the one the test
 * pool needs) and builds the Worker itself from a generated wrangler.json, which would take the
 * Worker's build away from wrangler.toml, `wrangler dev` and the vitest pool.
 */
export default function gongkaiWorkerAdapter() {
  return {
    name: "gongkai-worker-adapter",
    hooks: {
      "astro:config:setup": ({ updateConfig }) => {
        updateConfig({
          vite: {
            // One file with everything the pages need (no bare imports left for the Worker's
            // bundler to resolve), built for workerd rather than Node.
            ssr: { noExternal: true, target: "webworker" },
            resolve: { conditions: ["workerd", "worker", "browser"] },
          },
        });
      },
      "astro:config:done": ({ setAdapter }) => {
        setAdapter({
          name: "gongkai-worker-adapter",
          entrypointResolution: "auto",
          serverEntrypoint: new URL("./server.mjs", import.meta.url),
          supportedAstroFeatures: {
            staticOutput: "stable",
            hybridOutput: "stable",
            serverOutput: "stable",
            sharpImageService: "unsupported",
            envGetSecret: "unsupported",
          },
        });
      },
    },
  };
}
