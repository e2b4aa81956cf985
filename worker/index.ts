import { createApp } from "./app";
import { createSite } from "./pages";

/**
 * One Worker: Workers Static Assets answer the files of the site build (hashed assets, the
 * few prerendered pages) before the Worker runs; everything else comes here. /api/* is the
 * Hono API; every other path is a page rendered on demand by Astro (worker/pages).
 */
const app = createApp();
const site = createSite();

export default {
  fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    return pathname.startsWith("/api/") ? app.fetch(request, env, ctx) : site.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
