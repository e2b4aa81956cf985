/**
 * The bench's own national-scale database (~500,000 villages) in its own persist dir, so
 * it never touches the demo database under .wrangler/state. Built once, then reused while
 * the seed and the code that shapes the data (migrations, generator, loaders) are unchanged.
 *
 * `npm run seed -- --scale national` loads the same data through wrangler's platform proxy,
 * which took about 9 minutes here; this writes the same `seedDemo` output into the SQLite file
 * directly (node:sqlite behind a D1-shaped adapter) after wrangler applies the migrations.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createDb } from "../../worker/db/client";
import { seedDemo } from "../../worker/demo";
import { useTablesStore } from "../../worker/domain/disclosure/tables-cache";
import { fileTablesStore } from "../../scripts/register-tables-store";
import { sqliteAsD1 } from "../../scripts/sqlite-d1";

export const BENCH_PERSIST_DIR = ".wrangler/bench";
const MARKER = "bench-data.json";

/** Everything whose change changes the bench data (or how it is written). */
const DATA_SOURCES = ["migrations", "worker/demo", "worker/db", "worker/domain", "bench/lib/national-db.ts", "scripts/sqlite-d1.ts"];

export interface NationalDb {
  sqlitePath: string;
  persistDir: string;
  reused: boolean;
  loadSeconds: number;
  counts: { regions: number; villages: number; officialFigures: number };
  fingerprint: string;
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((entry) => filesUnder(join(path, entry)));
}

function fingerprintOf(seed: number): string {
  const hash = createHash("sha256").update(`seed:${seed}\n`);
  for (const file of DATA_SOURCES.flatMap(filesUnder)) hash.update(`${file}\n`).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

function d1SqliteFile(persistDir: string): string | undefined {
  const dir = join(persistDir, "v3", "d1", "miniflare-D1DatabaseObject");
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (files.length > 1) throw new Error(`More than one D1 database under ${dir}; remove ${persistDir} and run again.`);
  return files[0] && join(dir, files[0]);
}

export async function ensureNationalDb(options: { seed: number; rebuild: boolean; reuse?: boolean; log: (message: string) => void }): Promise<NationalDb> {
  const persistDir = BENCH_PERSIST_DIR;
  const fingerprint = fingerprintOf(options.seed);
  const markerPath = join(persistDir, MARKER);
  const existing = d1SqliteFile(persistDir);
  if (!options.rebuild && existing && existsSync(markerPath)) {
    const marker = JSON.parse(readFileSync(markerPath, "utf8")) as Omit<NationalDb, "sqlitePath" | "persistDir" | "reused">;
    if (marker.fingerprint === fingerprint) return { ...marker, sqlitePath: existing, persistDir, reused: true };
    // --reuse: profiling a read path changes query modules (part of the fingerprint) but not
    // the data they read; rebuilding takes minutes. Said out loud, since the data may be stale.
    if (options.reuse) {
      options.log(`Reusing ${persistDir} although its sources changed (--reuse): rebuild before publishing figures if migrations or the generator changed.`);
      return { ...marker, sqlitePath: existing, persistDir, reused: true };
    }
    options.log(`Bench data is stale (generator, migrations or seed changed): rebuilding ${persistDir}.`);
  }

  rmSync(persistDir, { recursive: true, force: true });
  options.log(`Applying migrations to ${persistDir} …`);
  const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "1" },
  });
  const sqlitePath = d1SqliteFile(persistDir);
  if (migrate.status !== 0 || !sqlitePath) throw new Error(`wrangler d1 migrations apply failed:\n${migrate.stdout}${migrate.stderr}`);

  const started = performance.now();
  const database = new DatabaseSync(sqlitePath);
  let counts: NationalDb["counts"];
  try {
    // A throwaway bench database: durability does not matter while it is being filled.
    database.exec("PRAGMA synchronous = OFF");
    // The demo register's protected tables (joint disclosure gate) as npm start keeps them.
    useTablesStore(fileTablesStore());
    counts = await seedDemo(createDb(sqliteAsD1(database)), {
      seed: options.seed,
      scale: "national",
      onProgress: (message) => process.stdout.write(`\r  loading national-scale data… ${message}   `),
    });
    process.stdout.write("\n");
    database.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } finally {
    database.close();
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const marker = { fingerprint, seed: options.seed, counts, loadSeconds, builtAt: new Date().toISOString() };
  writeFileSync(markerPath, `${JSON.stringify(marker, null, 2)}\n`);
  return { fingerprint, counts, loadSeconds, sqlitePath, persistDir, reused: false };
}
