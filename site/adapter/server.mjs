// The server entry Astro builds into <outDir>/server/entry.mjs (see index.mjs).
import { createApp } from "astro/app/entrypoint";

const app = createApp();

/**
 * Renders one page for a request. `locals` carries what the page needs from the Worker (its
 * data reader, the request id, the failure flag); Astro.locals in every page.
 */
export function renderPage(request, locals) {
  return app.render(request, { locals, addCookieHeader: false });
}
