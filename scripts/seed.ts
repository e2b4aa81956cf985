/**
 * Loads the demo data into the local D1 database when it is empty.
 *   npm run seed                       demo data (Wuhu and the five source reports)
 *   npm run seed -- --scale national   plus ~500,000 synthetic villages (benchmarks)
 *   --seed N                           another deterministic seed
 *   --if-empty                         do nothing when regions already exist (npm start)
 */
import { parseArgs } from "node:util";
import { DEFAULT_SEED, seedDemo } from "../worker/demo";
import { withLocalDb } from "./local-db";
import { ledgerSecret } from "../worker/lib/ledger-key";
import { SqlFile } from "./sql-file";
import { refreshSearchIndex } from "../worker/search";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "demo" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    "if-empty": { type: "boolean", default: false },
  },
});
if (values.scale !== "demo" && values.scale !== "national") {
  console.error(`--scale must be demo or national, not ${values.scale}`);
  process.exit(2);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed)) {
  console.error(`--seed must be an integer, not ${values.seed}`);
  process.exit(2);
}

const fundsSql = new SqlFile();
await withLocalDb(async (db, d1, env) => {
  const existing = await d1.prepare("SELECT count(*) AS n FROM regions").first<{ n: number }>();
  if ((existing?.n ?? 0) > 0) {
    if (values["if-empty"]) {
      console.log(`Local database already has ${existing?.n} regions; demo data not reloaded.`);
      return;
    }
    console.error("The local database is not empty. Remove .wrangler/state to start over, then run this again.");
    process.exit(1);
  }
  const started = Date.now();
  const counts = await seedDemo(db, {
    seed,
    scale: values.scale as "demo" | "national",
    onProgress: (message) => process.stdout.write(`\r  loading… ${message}   `),
    ledgerSigningKey: ledgerSecret(env),
    runFundsStatements: async (statements) => fundsSql.add(statements),
  });
  if (values.scale === "national") process.stdout.write("\n");
  console.log(
    `Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.regions} regions, ${counts.villages} villages, ${counts.officialFigures} official figures.`,
  );
});
if (fundsSql.size > 0) {
  const started = Date.now();
  fundsSql.executeLocal({ ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" });
  await withLocalDb((db) => refreshSearchIndex(db)); // index the projects and named donors just loaded
  console.log(`Funds, donations and ledger demo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (${fundsSql.size} statements).`);
}
