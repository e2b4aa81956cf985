/**
 * The on-demand pages, built by `astro build` (site/adapter) into <outDir>/server/entry.mjs
 * and resolved through the `gongkai-site` alias (wrangler.toml; the tests point it at their
 * own build). `locals` is the PageLocals of site/src/lib/api.ts.
 */
declare module "gongkai-site" {
  export function renderPage(request: Request, locals: object): Promise<Response>;
  /** Build-time SHA-256 hashes of the inlined stylesheets ("sha256-…"). */
  export const styleHashes: readonly string[];
}
