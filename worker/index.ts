import { createApp } from "./app";
import { recordLedgerCheck } from "./ledger/health";

const app = createApp();

export default {
  fetch: app.fetch,
  // Workers Cron Trigger (wrangler.toml [triggers]): the ledger cross-check, recorded.
  scheduled: (_controller, env, ctx) => ctx.waitUntil(recordLedgerCheck(env).then(() => undefined)),
} satisfies ExportedHandler<Env>;
