// `npm start`: build the site, migrate and fill the local D1, then serve everything on :8787;
// once it serves, the demo register's releases are imported in the background (the disclosure
// gate may take minutes: scripts/import-demo-register.ts).
import { spawnSync, spawn } from "node:child_process";
import { buildSite, DEFAULT_SITE_OUT, siteServeArgs } from "./site-build.mjs";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** A free local port (the OS picks one). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Quiet and offline: no telemetry, no calls to Cloudflare's API for a local run.
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  ASTRO_TELEMETRY_DISABLED: "1",
  X_LOCAL_OBSERVABILITY: "false",
};

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function run(title, command, args) {
  console.log(`\n▶ ${title}`);
  const stepStarted = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`  (${seconds(stepStarted)})`);
}

// GONGKAI_PERSIST_TO: another local database directory (end-to-end tests use their own).
const persistTo = process.env.GONGKAI_PERSIST_TO ? ["--persist-to", process.env.GONGKAI_PERSIST_TO] : [];
// GONGKAI_SITE_OUT: another site build folder (end-to-end tests use their own, so a test run
// never rewrites the site/dist a running `npm start` serves).
const siteOut = process.env.GONGKAI_SITE_OUT ?? DEFAULT_SITE_OUT;
// A test portal serves its own build through a generated config (siteServeArgs).
const siteArgs = siteOut === DEFAULT_SITE_OUT ? [] : siteServeArgs(siteOut);
const started = Date.now();

ensureDevVars();
ensureLedgerKey();
// The build reads no data (pages are rendered on demand), so it comes first and is the same
// whatever the database holds.
console.log("\n▶ Building the site (astro build)");
try {
  // A test's own build is reused while no site source changed; the developer's is always fresh.
  const buildStarted = Date.now();
  buildSite(siteOut, { ifStale: siteOut !== DEFAULT_SITE_OUT });
  console.log(`  (${seconds(buildStarted)})`);
} catch (err) {
  console.error(`✖ ${err.message}`);
  process.exit(1);
}
if (localD1Exists()) run("Applying migrations to the local D1", "npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", ...persistTo]);
else run("Creating the local D1 with every migration", "npx", ["wrangler", "d1", "execute", "DB", "--local", "--file", migrationsBundle(), ...persistTo]);
// The register releases come after the portal serves (the disclosure gate may take minutes).
run("Loading demo data (only into an empty database)", "npx", ["tsx", "scripts/seed.ts", "--if-empty", "--register", "later"]);
console.log(`\n✔ Prepared in ${seconds(started)}`);

const port = process.env.PORT ?? "8787";
// Where the Worker's register imports look up the tables the demo register import computes in
// Node (scripts/import-demo-register.ts, worker/lib/dev-tables-store.ts): local runs only.
const tablesPort = String(await freePort());
// GONGKAI_TEST_CLOCK=1 (test portals only): ENVIRONMENT "test", so the Worker honours the
// x-test-now header (worker/lib/clock.ts) and browser tests can freeze the server's clock.
const testClock = process.env.GONGKAI_TEST_CLOCK === "1" ? ["--var", "ENVIRONMENT:test"] : [];
console.log(`\n▶ Serving site and API on http://localhost:${port} (Ctrl-C to stop)\n`);
const devTables = ["--var", `DEV_REGISTER_TABLES_URL:http://127.0.0.1:${tablesPort}`];
const dev = spawn("npx", ["wrangler", "dev", "--port", port, "--ip", "127.0.0.1", ...persistTo, ...siteArgs, ...testClock, ...devTables, "--log-level", process.env.WRANGLER_LOG ?? "info"], {
  stdio: "inherit",
  env,
});
let registerImport;
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => {
  registerImport?.kill(signal);
  dev.kill(signal);
});
dev.on("exit", (code) => {
  registerImport?.kill("SIGTERM");
  process.exit(code ?? 0);
});
void importRegisterWhenServing();

/**
 * Once /api/v1/health answers: the demo register's releases, through the disclosure gate and
 * the one import write path, while the portal already serves (nothing to do once imported).
 */
async function importRegisterWhenServing() {
  const health = `http://127.0.0.1:${port}/api/v1/health`;
  for (;;) {
    if (dev.exitCode !== null) return;
    try {
      if ((await fetch(health)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(`\n✔ Serving on http://localhost:${port} after ${seconds(started)}`);
  registerImport = spawn("npx", ["tsx", "scripts/import-demo-register.ts"], { stdio: "inherit", env: { ...env, PORT: port, DEV_REGISTER_TABLES_PORT: tablesPort } });
  registerImport.on("exit", (code, signal) => {
    if (code !== 0 && signal === null) console.error(`✖ Importing the demo register failed (exit ${code}); the portal serves without register statistics. Run PORT=${port} npx tsx scripts/import-demo-register.ts to try again.`);
  });
}

/** Whether the local D1's SQLite file exists yet (wrangler/miniflare keep it under <state>/v3/d1). */
function localD1Exists() {
  const dir = join(process.env.GONGKAI_PERSIST_TO ?? join(".wrangler", "state"), "v3", "d1", "miniflare-D1DatabaseObject");
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
}

/**
 * A fresh database gets every migration in ONE `wrangler d1 execute --file`, recorded in
 * d1_migrations exactly as `wrangler d1 migrations apply` records them (its own table and
 * rows), so later starts apply only new migrations the usual way. `migrations apply` on an
 * empty database ran each of the ~30 migrations as its own step: 19–29 s of the first start.
 */
function migrationsBundle() {
  const files = readdirSync("migrations").filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
  let sql = `CREATE TABLE IF NOT EXISTS "d1_migrations"(\n\t\tid         INTEGER PRIMARY KEY AUTOINCREMENT,\n\t\tname       TEXT UNIQUE,\n\t\tapplied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL\n);\n`;
  for (const file of files) sql += `${readFileSync(join("migrations", file), "utf8")}\nINSERT INTO "d1_migrations" (name)\nvalues ('${file.replace(/'/g, "''")}');\n`;
  mkdirSync(join(".wrangler", "tmp"), { recursive: true });
  const bundle = join(".wrangler", "tmp", "migrations-bundle.sql");
  writeFileSync(bundle, sql);
  return bundle;
}

/**
 * Development secrets live in .dev.vars (git-ignored). Created once with random values;
 * production secrets are set with `wrangler secret put` (see README).
 */
function ensureDevVars() {
  if (existsSync(".dev.vars")) return;
  const lines = [
    "# Development secrets for `wrangler dev` (generated by npm start; never commit).",
    `PSEUDONYM_KEY=${randomBytes(32).toString("base64")}`,
  ];
  writeFileSync(".dev.vars", `${lines.join("\n")}\n`, { mode: 0o600 });
  console.log("Wrote development secrets to .dev.vars");
}

/**
 * The ledger's Ed25519 signing key for local runs (PKCS#8 DER, base64), appended to
 * .dev.vars when missing. Production sets it with `wrangler secret put LEDGER_SIGNING_KEY`.
 */
function ensureLedgerKey() {
  const current = existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "";
  if (/^LEDGER_SIGNING_KEY=/m.test(current)) return;
  const key = generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
  const separator = current === "" || current.endsWith("\n") ? "" : "\n";
  writeFileSync(".dev.vars", `${current}${separator}LEDGER_SIGNING_KEY=${key}\n`, { mode: 0o600 });
  console.log("Wrote a development ledger signing key to .dev.vars");
}
