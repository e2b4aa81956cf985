/**
 * The floor: the filtered village page's exact SQL (built by worker/db/queries/villages.ts)
 * run straight on the SQLite file with node:sqlite, no runtime, no HTTP. Also the export's
 * page query over every village, for the CSV export's rows/s floor.
 */
import { DatabaseSync } from "node:sqlite";
import { createDb } from "../worker/db/client";
import { villagesQuery, type VillageFilters } from "../worker/db/queries/villages";
import { sqliteAsD1 } from "../scripts/sqlite-d1";
import type { BenchTargets } from "./lib/targets";
import type { BenchContext, BenchResult } from "./lib/types";

export const needsServer = false;
export const smoke = true;

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `once` for `seconds` (at most `maxRuns` times); sorted latencies in ms. */
export async function timeRuns(seconds: number, once: () => unknown, maxRuns = 1_000_000): Promise<{ sorted: number[]; seconds: number }> {
  const timings: number[] = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000 && timings.length < maxRuns) {
    const t0 = performance.now();
    await once();
    timings.push(performance.now() - t0);
  }
  return { sorted: timings.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

export function pageFilters(t: BenchTargets): VillageFilters {
  return { within: [t.county] };
}

/** The page's SQL as a node:sqlite prepared statement, rows as arrays (the cheapest read there is). */
export function rawPage(database: DatabaseSync, t: BenchTargets): { run: () => unknown[]; rows: number } {
  // respondList fetches limit + 1 rows to know whether there is a next page.
  const page = villagesQuery(createDb(sqliteAsD1(database)), pageFilters(t), undefined, t.pageLimit + 1).toSQL();
  const statement = database.prepare(page.sql);
  statement.setReturnArrays(true);
  const params = page.params as (string | number)[];
  const run = () => statement.all(...params);
  return { run, rows: Math.min(t.pageLimit, run().length) };
}

/** Every village through the export's page query in keyset pages of 1,000, no encoding: rows/s. */
export function rawExport(database: DatabaseSync): { rows: number; seconds: number; cpuSeconds: number } {
  const db = createDb(sqliteAsD1(database));
  const cpu = process.cpuUsage();
  const started = performance.now();
  let rows = 0;
  let after: string | undefined;
  const statements = new Map<string, ReturnType<DatabaseSync["prepare"]>>();
  for (;;) {
    const q = villagesQuery(db, {}, after, 1000).toSQL();
    let s = statements.get(q.sql);
    if (!s) {
      s = database.prepare(q.sql);
      s.setReturnArrays(true);
      statements.set(q.sql, s);
    }
    const pageRows = s.all(...(q.params as (string | number)[])) as unknown as unknown[][];
    rows += pageRows.length;
    if (pageRows.length < 1000) break;
    after = pageRows[pageRows.length - 1]![0] as string;
  }
  const used = process.cpuUsage(cpu);
  return { rows, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

export async function runFloorBench(ctx: BenchContext): Promise<BenchResult[]> {
  const database = new DatabaseSync(ctx.sqlitePath, { readOnly: true });
  try {
    const page = rawPage(database, ctx.targets);
    const { sorted, seconds } = await timeRuns(ctx.smoke ? 0.5 : ctx.options.durationSeconds, page.run);
    const exported = rawExport(database);
    return [
      {
        name: `filtered village page on the SQLite file (county, ${page.rows} rows)`,
        method: `node:sqlite prepared statement, ${sorted.length.toLocaleString("en")} runs in one thread`,
        requestsPerSecond: Math.round(sorted.length / seconds),
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
      },
      {
        name: "every village in export pages of 1,000 on the SQLite file",
        method: "node:sqlite, same page query as the CSV export, no CSV encoding",
        extra: { rows: exported.rows, seconds: Number(exported.seconds.toFixed(2)), "rows/s": Math.round(exported.rows / exported.seconds), "rows per CPU s": Math.round(exported.rows / exported.cpuSeconds) },
      },
    ];
  } finally {
    database.close();
  }
}
