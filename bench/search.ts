/**
 * Search and group_by at national scale, in-process: the Worker's own query modules
 * (worker/search, worker/lib/grouping) over the bench's SQLite file through the D1 adapter,
 * and beside each the same statement run raw with node:sqlite (the floor). Search p50/p99
 * for 1-, 2- and 4-character queries and pinyin; villages grouped by county and exit year.
 */
import { DatabaseSync } from "node:sqlite";
import { createDb } from "../worker/db/client";
import { villageGroups } from "../worker/db/queries/groups";
import { groupQuery } from "../worker/lib/grouping";
import { searchPage, searchQuery } from "../worker/search";
import { sqliteAsD1 } from "../scripts/sqlite-d1";
import type { BenchContext, BenchResult } from "./lib/types";

export const needsServer = false;

/** Queries a resident types; the synthetic names use 49 common place-name characters, so 1 character matches ~20,000 villages. */
const QUERIES: [string, string][] = [
  ["1 character", "桃"],
  ["1 character, in every village name", "村"],
  ["2 characters", "南陵"],
  ["2 characters", "桃园"],
  ["4 characters", "桃园新村"],
  ["pinyin initials", "nl"],
  ["pinyin initials", "tyc"],
  ["full pinyin, spaced", "tao yuan"],
  ["traditional characters", "南陵縣"],
];
const PAGE = 20;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(run: () => unknown, budgetMs: number, maxRuns: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run(); // warm the page cache and the statement cache
  const timings: number[] = [];
  const started = performance.now();
  while (performance.now() - started < budgetMs && timings.length < maxRuns) {
    const t0 = performance.now();
    await run();
    timings.push(performance.now() - t0);
  }
  return timings.sort((a, b) => a - b);
}

export async function runSearchBench(ctx: BenchContext): Promise<BenchResult[]> {
  const database = new DatabaseSync(ctx.sqlitePath, { readOnly: true });
  try {
    const db = createDb(sqliteAsD1(database));
    const count = (sql: string) => Number((database.prepare(sql).get() as { n: number }).n);
    const held = {
      villages: count("SELECT count(*) AS n FROM village_status"),
      notices: count("SELECT count(*) AS n FROM notices"),
      projects: count("SELECT count(*) AS n FROM fund_projects"),
      indexed: count("SELECT count(*) AS n FROM search_docs"),
      queued: count("SELECT count(*) AS n FROM search_queue"),
    };
    ctx.log(`search index: ${held.indexed.toLocaleString("en")} documents (${held.villages.toLocaleString("en")} villages, ${held.notices} notices, ${held.projects} projects), ${held.queued} queued`);
    const budgetMs = Math.min(3000, ctx.options.durationSeconds * 300);
    const results: BenchResult[] = [];
    for (const [label, q] of QUERIES) {
      // respondList asks for one more row than the page to know whether there is a next page.
      const hits = await searchPage(db, q, {}, undefined, PAGE + 1);
      const inProcess = await time(() => searchPage(db, q, {}, undefined, PAGE + 1), budgetMs, 5000);
      const statement = searchQuery(q, {}, undefined, PAGE + 1)!;
      const prepared = database.prepare(statement.sql);
      const raw = await time(() => prepared.all(...(statement.params as (string | number)[])), budgetMs, 5000);
      results.push({
        name: `search ${JSON.stringify(q)} (${label}), first page of ${PAGE}: ${hits.length} hits, first ${hits[0] ? `${hits[0].kind} ${hits[0].titleZh} (${hits[0].match})` : "none"}`,
        method: `searchPage in-process over the D1 adapter, ${inProcess.length} runs; raw SQL ${raw.length} runs`,
        p50Ms: round(percentile(inProcess, 50)),
        p99Ms: round(percentile(inProcess, 99)),
        extra: { "raw SQL p50 ms": round(percentile(raw, 50)), "raw SQL p99 ms": round(percentile(raw, 99)) },
      });
    }
    // A filtered search: one county, villages only.
    const filtered = await time(() => searchPage(db, "桃", { kind: "village", region: "340223000000" }, undefined, PAGE + 1), budgetMs, 5000);
    results.push({
      name: `search "桃"&type=village&region=Nanling, first page`,
      method: `searchPage in-process, ${filtered.length} runs`,
      p50Ms: round(percentile(filtered, 50)),
      p99Ms: round(percentile(filtered, 99)),
    });

    // GET /api/v1/villages?group_by=county,exit_year: the whole dataset in one aggregate (cached by ETag afterwards).
    const spec = villageGroups({}, {});
    const groups = (await groupQuery(db, spec, ["county", "exit_year"])).length;
    const grouped = await time(() => groupQuery(db, spec, ["county", "exit_year"]), budgetMs * 2, 50);
    const rawSql = "SELECT substr(village_code, 1, 6) AS county, exit_year, count(*) AS villages FROM village_status GROUP BY 1, 2 ORDER BY 1, 2";
    const rawGroup = database.prepare(rawSql);
    const rawGrouped = await time(() => rawGroup.all(), budgetMs * 2, 50);
    results.push({
      name: `villages?group_by=county,exit_year over ${held.villages.toLocaleString("en")} villages (${groups} groups, with county names)`,
      method: `groupQuery in-process, ${grouped.length} runs; raw GROUP BY without names ${rawGrouped.length} runs`,
      p50Ms: round(percentile(grouped, 50)),
      p99Ms: round(percentile(grouped, 99)),
      extra: { "raw SQL p50 ms": round(percentile(rawGrouped, 50)), "raw SQL p99 ms": round(percentile(rawGrouped, 99)) },
    });
    return results;
  } finally {
    database.close();
  }
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
