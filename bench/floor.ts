/**
 * The floor: the filtered village page's exact SQL (built by worker/db/queries/villages.ts)
 * run straight on the SQLite file with node:sqlite, no runtime, no HTTP. Also the export's
 * page query over every village, for the CSV export's rows/s floor.
 */
import { DatabaseSync } from "node:sqlite";
import { createDb } from "../worker/db/client";
import { villagesQuery } from "../worker/db/queries/villages";
import { sqliteAsD1 } from "./lib/sqlite-d1";
import { BENCH_TARGETS as T } from "./lib/targets";
import type { BenchContext, BenchResult } from "./lib/types";

export const needsServer = false;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runFloorBench(ctx: BenchContext): Promise<BenchResult[]> {
  const database = new DatabaseSync(ctx.sqlitePath, { readOnly: true });
  try {
    const db = createDb(sqliteAsD1(database));
    // respondList fetches limit + 1 rows to know whether there is a next page.
    const page = villagesQuery(db, { within: [T.county], status: T.villageStatus }, undefined, T.pageLimit + 1).toSQL();
    const statement = database.prepare(page.sql);
    statement.setReturnArrays(true);
    const params = page.params as (string | number)[];
    const rowsPerPage = statement.all(...params).length;

    const timings: number[] = [];
    const budgetMs = ctx.options.durationSeconds * 1000;
    const started = performance.now();
    while (performance.now() - started < budgetMs && timings.length < 1_000_000) {
      const t0 = performance.now();
      statement.all(...params);
      timings.push(performance.now() - t0);
    }
    const total = (performance.now() - started) / 1000;
    timings.sort((a, b) => a - b);
    const results: BenchResult[] = [
      {
        name: `same filtered village page on the SQLite file (${rowsPerPage} rows)`,
        method: `node:sqlite prepared statement, ${timings.length.toLocaleString("en")} runs in one thread`,
        requestsPerSecond: Math.round(timings.length / total),
        p50Ms: percentile(timings, 50),
        p99Ms: percentile(timings, 99),
      },
    ];

    // Every village in the export's keyset pages of 1,000 (listing.ts STREAM_PAGE_SIZE).
    const exportStarted = performance.now();
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
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    results.push({
      name: "every village in export pages of 1,000 on the SQLite file",
      method: "node:sqlite, same page query as the CSV export, no CSV encoding",
      extra: { rows, seconds: Number(exportSeconds.toFixed(2)), "rows/s": Math.round(rows / exportSeconds) },
    });
    return results;
  } finally {
    database.close();
  }
}
