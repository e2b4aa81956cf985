/**
 * Register bench (a part of `npm run bench`, or alone: `npx tsx bench/register.ts`):
 * copies the national-scale bench database (~500,000 villages) into a local D1 of its own
 * (bench/out/register-state, so the shared bench database stays untouched), imports
 * 200,000 household rows through `importHouseholds` (the endpoint's code path) via the
 * platform proxy, reports rows/s and peak memory (Node and the workerd serving D1), then
 * times GET /statistics/register for a county by township and cause through the app's
 * handler, the same SQL through the proxy and straight on the SQLite file, with its plan.
 *   npx tsx bench/register.ts [--households 200000]
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { createApp } from "../worker/app";
import { DEFAULT_SEED } from "../worker/demo";
import { ensureNationalDb } from "./lib/national-db";
import type { BenchContext, BenchResult } from "./lib/types";
import { createRandom } from "../worker/demo/random";
import { csvRow } from "../worker/domain/csv";
import { CAUSE_CODES, MEASURE_CODES } from "../worker/domain/disclosure/categories";
import { withCheckCharacter } from "../worker/domain/id-number";
import { importHouseholds } from "../worker/writes/register-imports";

const STATE_DIR = "bench/out/register-state";
/** Province 11 of the national-scale generator: counties 11{51..60}0{1..6}, 15 townships × 18 villages each. */
const PROVINCE = "110000000000";

export interface RegisterBenchResult {
  /** 1-minute load average when the bench ended: on a shared 2-core machine, figures scale with it. */
  loadAverage: number;
  households: number;
  counties: number;
  importSeconds: number;
  rowsPerSecond: number;
  phases: Record<string, number>;
  peakNodeRssMb: number;
  peakNodeHeapMb: number;
  peakWorkerdRssMb: number | null;
  statisticsRows: number;
  withheldFigures: number;
  query: { path: string; rows: number; p50Ms: number; p99Ms: number; sqlP50Ms: number; sqliteP50Ms: number; plan: string[] }[];
}

function counties(n: number): string[] {
  const out: string[] = [];
  for (let c = 51; c <= 60 && out.length < n; c++) for (let k = 1; k <= 6 && out.length < n; k++) out.push(`11${c}0${k}000000`);
  return out;
}

/** A synthetic register file: `households` rows spread over `villages`. */
export function syntheticRegister(villages: readonly string[], households: number, seed = 7): string {
  const random = createRandom(seed);
  let csv = csvRow(["register_no", "name", "id_number", "village_code", "household_size", "cause", "measures", "identified_year", "exit_year", "returned_year", "monitoring"]);
  for (let i = 0; i < households; i++) {
    const village = villages[random.int(0, villages.length - 1)]!;
    const identified = random.next() < 0.9 ? 2014 : random.int(2015, 2019);
    const exit = random.next() < 0.8 ? Math.max(identified, random.int(2015, 2019)) : null;
    const measures = [random.pick(MEASURE_CODES), random.pick(MEASURE_CODES)];
    csv += csvRow([
      `B${i}`, "王某某", withCheckCharacter(`${village.slice(0, 6)}19700101${String(i % 1000).padStart(3, "0")}`), village, random.int(1, 7),
      random.pick(CAUSE_CODES), [...new Set(measures)].join(";"), identified, exit, exit !== null && exit < 2019 && random.next() < 0.02 ? exit + 1 : null,
      random.next() < 0.05 ? "edge" : "none",
    ]);
  }
  return csv;
}

function workerdPeakRssMb(): number | null {
  // The D1 side runs in workerd processes started by the platform proxy (children of this process).
  let peak: number | null = null;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (!/Name:\s+workerd/.test(status) || ppid !== process.pid) continue;
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      peak = Math.max(peak ?? 0, hwm);
    } catch {
      // process ended meanwhile
    }
  }
  return peak;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

/** This part reads its own copy of the database, not the server's. */
export const needsServer = false;

export async function runRegisterBench(ctx: Pick<BenchContext, "sqlitePath" | "log">, options: { households?: number } = {}): Promise<BenchResult[]> {
  const detail = await measureRegister(ctx, options.households ?? 200_000);
  const [first] = detail.query;
  return [
    {
      name: `import ${detail.households.toLocaleString("en")} households (register CSV → D1)`,
      method: "importHouseholds via the platform proxy, one release",
      extra: {
        "rows/s": Math.round(detail.rowsPerSecond),
        "total s": Number(detail.importSeconds.toFixed(1)),
        "prepare s": Number((detail.phases.prepare_s ?? 0).toFixed(1)),
        "stage+switch s": Number((detail.phases.stage_and_switch_s ?? 0).toFixed(1)),
        "peak Node RSS MB": Math.round(detail.peakNodeRssMb),
        "peak workerd RSS MB": detail.peakWorkerdRssMb === null ? "n/a" : Math.round(detail.peakWorkerdRssMb),
        "statistics rows": detail.statisticsRows,
        "withheld figures": detail.withheldFigures,
      },
      note: `load average ${detail.loadAverage.toFixed(1)}`,
    },
    ...detail.query.map((q) => ({
      name: `GET ${q.path.replace("/api/v1", "").replace(/&limit=1000$/, "")}`,
      method: "app handler in Node on the proxied D1, 40 runs",
      p50Ms: Number(q.p50Ms.toFixed(1)),
      p99Ms: Number(q.p99Ms.toFixed(1)),
      extra: { rows: q.rows, "SQL via proxy p50 ms": Number(q.sqlP50Ms.toFixed(2)), "SQLite file p50 ms": Number(q.sqliteP50Ms.toFixed(3)) },
      note: q === first ? `plan: ${q.plan.join(" | ")}` : undefined,
    })),
  ];
}

async function measureRegister(ctx: Pick<BenchContext, "sqlitePath" | "log">, households: number): Promise<RegisterBenchResult> {
  const log = ctx.log;
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", X_LOCAL_OBSERVABILITY: "false", CI: "1" };
  rmSync(STATE_DIR, { recursive: true, force: true });
  const migrate = spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", STATE_DIR], { env, encoding: "utf8" });
  const dir = join(STATE_DIR, "v3", "d1", "miniflare-D1DatabaseObject");
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite") : undefined;
  if (migrate.status !== 0 || !file) throw new Error(`migrations failed: ${migrate.stdout}${migrate.stderr}`);
  const sqlitePath = join(dir, file);
  // The national-scale data (same migrations), copied so the import never touches the shared bench database.
  copyFileSync(ctx.sqlitePath, sqlitePath);
  for (const suffix of ["-wal", "-shm"]) rmSync(`${sqlitePath}${suffix}`, { force: true });

  // Imported here, not at the top: wrangler's module graph holds about 120 MB of heap, and run.ts
  // imports every part, so a static import made every other part measure inside a 235 MB heap.
  const { withLocalDb } = await import("../scripts/local-db");
  return withLocalDb(
    async (db, d1, workerEnv) => {
      const countyCodes = counties(25);
      const scope = PROVINCE;

      let peakRss = 0;
      let peakHeap = 0;
      let peakWorkerd: number | null = null;
      const sample = () => {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
        const w = workerdPeakRssMb();
        if (w !== null) peakWorkerd = Math.max(peakWorkerd ?? 0, w);
      };
      const sampler = setInterval(sample, 200);

      const phases: Record<string, number> = {};
      let t = performance.now();
      const villages: string[] = [];
      for (const county of countyCodes) {
        const rows = await d1.prepare("SELECT code FROM regions WHERE level = 'village' AND code BETWEEN ?1 AND ?2").bind(`${county.slice(0, 6)}000000`, `${county.slice(0, 6)}999999`).all<{ code: string }>();
        villages.push(...rows.results.map((r) => r.code));
      }
      const csv = syntheticRegister(villages, households);
      phases.generate_csv_s = (performance.now() - t) / 1000;
      log(`Importing ${households.toLocaleString("en")} households (${(csv.length / 1024 / 1024).toFixed(1)} MB of CSV, ${countyCodes.length} counties) into ${scope} …`);
      t = performance.now();
      let lastShown = 0;
      const result = await importHouseholds(
        db,
        { text: csv, year: 2019, scopeCode: scope, tokenRegion: scope, createdBy: "bench", pseudonymKey: workerEnv.PSEUDONYM_KEY ?? "bench-pseudonym-key-0123456789abcdef-not-secret" },
        {
          onProgress: (done, total) => {
            if (phases.prepare_s === undefined) phases.prepare_s = (performance.now() - t) / 1000;
            if (done - lastShown > total / 20 || done === total) {
              lastShown = done;
              process.stdout.write(`\r  written ${done.toLocaleString("en")} / ${total.toLocaleString("en")} rows   `);
            }
          },
        },
      );
      process.stdout.write("\n");
      const importSeconds = (performance.now() - t) / 1000;
      phases.stage_and_switch_s = importSeconds - (phases.prepare_s ?? 0);
      sample();
      clearInterval(sampler);
      const rowsPerSecond = households / importSeconds;
      log(`  ${result.status}: ${rowsPerSecond.toFixed(0)} rows/s (${importSeconds.toFixed(1)} s; prepare ${phases.prepare_s?.toFixed(1)} s: parse, pseudonymise, compute and protect tables; staging + switch ${phases.stage_and_switch_s.toFixed(1)} s)`);
      log(`  ${result.summary.statistics_rows.toLocaleString("en")} statistics rows, ${result.summary.withheld_figures.toLocaleString("en")} figures withheld`);
      log(`  load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores while measuring (other work on the machine inflates every time)`);
      log(`  peak memory: Node RSS ${(peakRss / 1048576).toFixed(0)} MB (heap ${(peakHeap / 1048576).toFixed(0)} MB); workerd (D1) RSS ${peakWorkerd === null ? "n/a" : `${(peakWorkerd as number).toFixed(0)} MB`}`);

      // GET /statistics/register through the app's real handler, on the proxied D1.
      const app = createApp();
      const county = countyCodes[0]!;
      const query: RegisterBenchResult["query"] = [];
      for (const [path, sqlFilter] of [
        [`/api/v1/statistics/register?region=${county}&level=township&breakdown=cause&year=2019&limit=1000`, ["township", "cause", 2019]],
        [`/api/v1/statistics/register?region=${county}&level=village&year=2019&limit=1000`, ["village", "none", 2019]],
        [`/api/v1/statistics/register?region=${county}&level=township&breakdown=cause&limit=1000`, ["township", "cause", null]],
      ] as const) {
        const times: number[] = [];
        let rows = 0;
        for (let i = 0; i < 40; i++) {
          const started = performance.now();
          const res = await app.fetch(new Request(`http://bench.local${path}`), workerEnv);
          const body = (await res.json()) as { data: unknown[] };
          times.push(performance.now() - started);
          rows = body.data.length;
        }
        const [level, breakdown, year] = sqlFilter;
        const sqlText = `SELECT s.* FROM register_statistics s JOIN register_releases r ON r.id = s.release_id AND r.status = 'active'
          WHERE s.level = ?1 AND s.breakdown = ?2 AND s.region_code BETWEEN ?3 AND ?4 ${year === null ? "" : "AND s.year = ?5"} ORDER BY s.region_code, s.year, s.category LIMIT 1001`;
        const bind = [level, breakdown, `${county.slice(0, 6)}000000`, `${county.slice(0, 6)}999999`, ...(year === null ? [] : [year])];
        const sqlTimes: number[] = [];
        for (let i = 0; i < 40; i++) {
          const started = performance.now();
          await d1.prepare(sqlText).bind(...bind).all();
          sqlTimes.push(performance.now() - started);
        }
        const plan = (await d1.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).bind(...bind).all<{ detail: string }>()).results.map((r) => r.detail);
        // The floor: the same SQL on the SQLite file, no proxy, no Worker.
        const sqlite = new DatabaseSync(sqlitePath, { readOnly: true });
        const statement = sqlite.prepare(sqlText);
        const fileTimes: number[] = [];
        for (let i = 0; i < 200; i++) {
          const started = performance.now();
          statement.all(...bind);
          fileTimes.push(performance.now() - started);
        }
        sqlite.close();
        fileTimes.sort((a, b) => a - b);
        times.sort((a, b) => a - b);
        sqlTimes.sort((a, b) => a - b);
        query.push({ path, rows, p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), sqlP50Ms: percentile(sqlTimes, 0.5), sqliteP50Ms: percentile(fileTimes, 0.5), plan });
        log(`GET ${path.replace("/api/v1", "")}: ${rows} rows, p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms (SQL via proxy p50 ${percentile(sqlTimes, 0.5).toFixed(1)} ms; on the SQLite file p50 ${percentile(fileTimes, 0.5).toFixed(3)} ms)`);
        log(`    plan: ${plan.join(" | ")}`);
      }
      return {
        loadAverage: loadavg()[0]!,
        households,
        counties: countyCodes.length,
        importSeconds,
        rowsPerSecond,
        phases,
        peakNodeRssMb: peakRss / 1048576,
        peakNodeHeapMb: peakHeap / 1048576,
        peakWorkerdRssMb: peakWorkerd,
        statisticsRows: result.summary.statistics_rows,
        withheldFigures: result.summary.withheld_figures,
        query,
      };
    },
    { persistPath: join(STATE_DIR, "v3") },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { households: { type: "string", default: "200000" } } });
  const log = (line: string) => console.log(`  ${line}`);
  const national = await ensureNationalDb({ seed: DEFAULT_SEED, rebuild: false, log });
  log(`national-scale database: ${national.counts.villages.toLocaleString("en")} villages (${national.reused ? "reused" : "built"})`);
  const results = await runRegisterBench({ sqlitePath: national.sqlitePath, log }, { households: Number(values.households) });
  console.log(JSON.stringify(results, null, 2));
}
