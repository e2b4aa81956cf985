// The server entry Astro builds into <outDir>/server/entry.mjs (see index.mjs).
import { createApp } from "astro/app/entrypoint";

// Not streamed: a page is small, and the Worker decides its status and headers from what the
// render found (a 404, a failed read, a form's answer), so it needs the render finished.
const app = createApp({ streaming: false });

/**
 * Renders one page for a request. `locals` carries what the page needs from the Worker (its
 * data reader, the request id, the failure flag); Astro.locals in every page.
 */
export function renderPage(request, locals) {
  return app.render(request, { locals, addCookieHeader: false });
}

/**
 * The SHA-256 hashes (`sha256-…`) of every stylesheet the pages inline, computed by Astro at
 * build time (security.csp in astro.config.mjs). The Worker puts them in the CSP it sends with
 * every page and every 304 (worker/pages), so one policy allows exactly these styles.
 */
export const styleHashes = Object.freeze([...new Set(app.manifest.csp?.styleHashes ?? [])]);
