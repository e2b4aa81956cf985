import { createApp } from "./app";
import { createDb } from "./db/client";
import { recordLedgerCheck } from "./ledger/health";
import { CONSOLE_PATH, createConsole } from "./console";
import { handleImportQueue } from "./import/steps";
import { createSite } from "./pages";
import { refreshSearchIndex } from "./search";
import { scheduledSnapshot } from "./snapshots";

/**
 * One Worker: Workers Static Assets answer the files of the site build (hashed assets, the
 * few prerendered pages) before the Worker runs; everything else comes here. /api/* is the
 * Hono API; /admin/ is the staff console (worker/console); every other path is a page rendered
 * on demand by Astro (worker/pages).
 */
const app = createApp();
const site = createSite();
const adminConsole = createConsole();

export default {
  fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith("/api/")) return app.fetch(request, env, ctx);
    // The console (/admin/, /en/admin/) checks its session before any page renders.
    return CONSOLE_PATH.test(pathname) ? adminConsole.fetch(request, env, ctx) : site.fetch(request, env, ctx);
  },
  // Workers Cron Trigger (wrangler.toml [triggers]): the ledger cross-check, recorded; and the
  // search queue drained (after a restore it holds every restored row, see db:restore); a snapshot.
  scheduled: (_controller, env, ctx) => {
    // A citable snapshot when any public dataset changed since the last one, then the check,
    // so the check covers the snapshot's own ledger entry.
    ctx.waitUntil(scheduledSnapshot(env, ctx).then(() => recordLedgerCheck(env)).then(() => undefined));
    ctx.waitUntil(refreshSearchIndex(createDb(env.DB)).then(() => undefined));
  },
  // The console's register imports, checked and staged one bounded step per message.
  queue: (batch, env) => handleImportQueue(batch as MessageBatch<ImportStepMessage>, env),
} satisfies ExportedHandler<Env>;
