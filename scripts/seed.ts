/**
 * Loads the demo data into the local D1 database when it is empty.
 *   npm run seed                       demo data (Wuhu and the five source reports)
 *   npm run seed -- --scale national   plus ~500,000 synthetic villages (benchmarks)
 *   --seed N                           another deterministic seed
 *   --if-empty                         do nothing when regions already exist (npm start)
 *   --register later                   leave out the register releases: npm start imports them
 *                                      once the portal serves (scripts/import-demo-register.ts),
 *                                      since the joint disclosure gate takes minutes on a fresh clone
 *
 * The generator (`seedDemo`) runs in Node against a scratch in-memory SQLite database with
 * the project's migrations, behind the same D1-shaped adapter the bench uses; every write it
 * makes is recorded as SQL. The statements are then applied in one transaction to the local
 * D1's SQLite file (the one `wrangler dev` serves; run this before starting it, as npm start
 * does), or, when that file is not there, through `wrangler d1 execute --local --file`. The
 * generator stays the only source of the data and may read back what it wrote; the local D1
 * ends up with exactly the rows (and triggers' effects) of the scratch copy.
 * Before: through wrangler's platform proxy, one round trip per batch, 50 s + 52 s; the SQL
 * file through `wrangler d1 execute` still took minutes here (one batch of ~21,000 statements).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";
import { createToken } from "../worker/admin/tokens";
import { createDb } from "../worker/db/client";
import { DEMO_REGISTER_IMPORTER } from "../worker/db/queries/register";
import { PLACES } from "../worker/demo/official-figures";
import { DEFAULT_SEED, seedDemo } from "../worker/demo";
import { useTablesStore } from "../worker/domain/disclosure/tables-cache";
import { localD1File, localStateDir, writeDemoRegisterToken } from "./local-d1-file";
import { fileTablesStore } from "./register-tables-store";
import { SqlFile } from "./sql-file";
import { sqliteAsD1 } from "./sqlite-d1";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "demo" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    "if-empty": { type: "boolean", default: false },
    register: { type: "string", default: "now" },
  },
});
if (values.register !== "now" && values.register !== "later") {
  console.error(`--register must be now or later, not ${values.register}`);
  process.exit(2);
}
if (values.scale !== "demo" && values.scale !== "national") {
  console.error(`--scale must be demo or national, not ${values.scale}`);
  process.exit(2);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed)) {
  console.error(`--seed must be an integer, not ${values.seed}`);
  process.exit(2);
}

// GONGKAI_PERSIST_TO: another local database directory (the same as wrangler's --persist-to; e2e tests use their own).
const persistTo = process.env.GONGKAI_PERSIST_TO;
const stateDir = localStateDir();

/** Regions already in the local D1 (read-only peek at its file: milliseconds, no runtime started). */
function existingRegions(): number {
  const file = localD1File();
  if (!file) return 0;
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    const hasTable = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'regions'").get();
    return hasTable ? Number((database.prepare("SELECT count(*) AS n FROM regions").get() as { n: number }).n) : 0;
  } finally {
    database.close();
  }
}

/** LEDGER_SIGNING_KEY from .dev.vars (written by npm start), as `wrangler dev` would read it. */
function devVar(name: string): string | undefined {
  if (process.env[name]) return process.env[name];
  if (!existsSync(".dev.vars")) return undefined;
  const line = readFileSync(".dev.vars", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}=`));
  const value = line?.slice(name.length + 1).trim().replace(/^"(.*)"$/, "$1");
  return value || undefined;
}

const existing = existingRegions();
if (existing > 0) {
  if (values["if-empty"]) {
    console.log(`Local database already has ${existing} regions; demo data not reloaded.`);
    process.exit(0);
  }
  console.error(`The local database is not empty. Remove ${stateDir} to start over, then run this again.`);
  process.exit(1);
}

const started = Date.now();
// The demo register's releases pass the disclosure gate at import (the joint gate of issue 16
// when switched on: minutes on a fresh machine), kept under .wrangler/cache/register-tables/
// until the gate's code changes.
useTablesStore(fileTablesStore());
const sql = new SqlFile();
const scratch = new DatabaseSync(":memory:");
scratch.exec("PRAGMA foreign_keys = ON");
for (const migration of readdirSync("migrations").filter((f) => f.endsWith(".sql")).sort()) scratch.exec(readFileSync(join("migrations", migration), "utf8"));
const counts = await seedDemo(createDb(sqliteAsD1(scratch, { onWrite: (text, params) => sql.addStatement(text, params) })), {
  seed,
  scale: values.scale as "demo" | "national",
  onProgress: (message) => process.stdout.write(`\r  generating… ${message}   `),
  ledgerSigningKey: devVar("LEDGER_SIGNING_KEY"),
  register: values.register === "now",
});
// --register later: npm start imports the demo register through the admin API once the portal
// serves (scripts/import-demo-register.ts), with an editor token for Wuhu whose id is the demo
// importer's (its releases read as demo data); the token itself waits in the state directory
// until that import is done.
const registerToken = values.register === "later" ? await createToken(createDb(sqliteAsD1(scratch, { onWrite: (text, params) => sql.addStatement(text, params) })), { id: DEMO_REGISTER_IMPORTER, role: "editor", regionCode: PLACES.wuhu, label: "npm start: the demo register import" }) : undefined;
scratch.close();
if (values.scale === "national") process.stdout.write("\n");
const generated = Date.now();
// The fast path writes the local D1's file directly (under a second); without one (migrations
// not applied yet, another layout) `wrangler d1 execute --file` runs the same statements.
const target = localD1File();
if (target) sql.applyToFile(target);
else sql.executeLocal({ ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" }, persistTo);
if (registerToken) writeDemoRegisterToken(registerToken.token);
console.log(
  `Demo data${values.register === "later" ? " (the register releases follow once the portal serves)" : ""} loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (generated ${((generated - started) / 1000).toFixed(1)} s, ${sql.size.toLocaleString("en")} statements applied ${((Date.now() - generated) / 1000).toFixed(1)} s): ${counts.regions} regions, ${counts.villages} villages, ${counts.officialFigures} official figures.`,
);
