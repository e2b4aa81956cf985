/**
 * npm run db:restore -- <backup.sql> [--remote] [--config wrangler.toml] [--database DB]
 *
 * Restores a `npm run db:backup` file into an EMPTY database: first the schema from
 * migrations/ (tables, views, triggers, the search index), then the rows. Restored rows pass
 * through the insert triggers like any write, so the search queue fills with every searchable
 * row; the index is rebuilt from it by the next admin write or the hourly scheduled run
 * (worker/index.ts), or at once with `npm run seed` locally. Then check the copy:
 * `npm run ledger:verify` (with --remote for D1).
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

function wrangler(args: string[]) {
  const result = spawnSync("npx", ["wrangler", ...args], { stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { remote: { type: "boolean", default: false }, config: { type: "string", default: "wrangler.toml" }, database: { type: "string", default: "DB" } },
});
const file = positionals[0];
if (!file) {
  console.error("usage: npm run db:restore -- <backup.sql> [--remote] [--config wrangler.toml]");
  process.exit(2);
}
const where = [values.remote ? "--remote" : "--local", "--config", values.config!];
wrangler(["d1", "migrations", "apply", values.database!, ...where]);
wrangler(["d1", "execute", values.database!, ...where, "--file", file, "--yes"]);
