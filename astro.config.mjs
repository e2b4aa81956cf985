import { defineConfig } from "astro/config";
import gongkaiWorkerAdapter from "./site/adapter/index.mjs";

// GONGKAI_SITE_OUT: another output folder (the test runs build their own, so they never
// rewrite the site/dist a developer's running `npm start` serves).
const outDir = process.env.GONGKAI_SITE_OUT ?? "./site/dist";

// Pages are rendered on demand by the Worker (site/adapter): <outDir>/server/entry.mjs is the
// renderer worker/index.ts imports, <outDir>/client the static files Workers Static Assets
// serves. The build reads no data, so its output is the same whatever the database holds.
export default defineConfig({
  output: "server",
  adapter: gongkaiWorkerAdapter(),
  srcDir: "./site/src",
  publicDir: "./site/public",
  outDir,
  trailingSlash: "ignore",
  // Stylesheets inline (no render-blocking request before the first paint), allowed by their
  // SHA-256 hashes, which Astro computes at build time (security.csp below) and the Worker sends
  // in its CSP header (worker/pages/render.ts siteCsp); scripts stay external files.
  build: { format: "directory", inlineStylesheets: "always" },
  vite: { build: { assetsInlineLimit: 0 } },
  // No image processing at request time (the site has no raster images): keeps sharp and its
  // native binaries out of the Worker.
  image: { service: { entrypoint: "astro/assets/services/noop" } },
  // The Worker checks where a form post comes from (worker/pages/index.ts): browsers send
  // `Origin: null` for form posts from pages with `Referrer-Policy: no-referrer`, which
  // Astro's own check refuses.
  security: {
    checkOrigin: false,
    // Build-time hashes of the inlined stylesheets (the renderer exports them: site/adapter/server.mjs).
    csp: {
      algorithm: "SHA-256",
      directives: ["default-src 'self'", "img-src 'self' data:", "font-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"],
    },
  },
  i18n: {
    defaultLocale: "zh-cn",
    locales: ["zh-cn", "en"],
    routing: { prefixDefaultLocale: false },
  },
});
