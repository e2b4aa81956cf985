import { defineConfig } from "astro/config";

/**
 * Closes the build-time API (site/src/lib/api.ts keeps wrangler's platform proxy on
 * globalThis) once every page is written, so `astro build` exits promptly.
 */
const closeBuildApi = {
  name: "gongkai-build-api",
  hooks: {
    "astro:build:done": async () => {
      const api = globalThis.__gongkaiBuildApi;
      delete globalThis.__gongkaiBuildApi;
      if (api) await (await api).dispose();
    },
  },
};

// Static site: sources under site/, output to site/dist (served by Workers Static Assets).
export default defineConfig({
  output: "static",
  srcDir: "./site/src",
  publicDir: "./site/public",
  outDir: "./site/dist",
  trailingSlash: "ignore",
  // External CSS and JS files only: the CSP (site/public/_headers) allows no inline code.
  build: { format: "directory", inlineStylesheets: "never" },
  vite: { build: { assetsInlineLimit: 0 } },
  integrations: [closeBuildApi],
  i18n: {
    defaultLocale: "zh-cn",
    locales: ["zh-cn", "en"],
    routing: { prefixDefaultLocale: false },
  },
});
