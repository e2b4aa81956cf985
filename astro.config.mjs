import { defineConfig } from "astro/config";

// Static site: sources under site/, output to site/dist (served by Workers Static Assets).
export default defineConfig({
  output: "static",
  srcDir: "./site/src",
  publicDir: "./site/public",
  outDir: "./site/dist",
  trailingSlash: "ignore",
  build: { format: "directory" },
  i18n: {
    defaultLocale: "zh-cn",
    locales: ["zh-cn", "en"],
    routing: { prefixDefaultLocale: false },
  },
});
