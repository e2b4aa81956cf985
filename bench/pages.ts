/**
 * National-scale page rendering (issue 10): 1,000 random village pages rendered in-process
 * from Node — the Worker's page renderer (worker/pages/render.ts) over the built Astro entry
 * and the bench's national SQLite file through the D1-shaped adapter, no edge cache, no HTTP —
 * with wall time and CPU per page; and the site build's file count against its budget (the
 * build reads no data, so it must not grow with the database).
 *
 * The site is built into bench/out/site (never the developer's site/dist), and reused while
 * no site source changed.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { buildSite, siteEntry } from "../scripts/site-build.mjs";
import { createPageRenderer, siteCsp, type AstroRenderer } from "../worker/pages/render";
import { executionContext, inProcessEnv } from "./app";
import { percentile } from "./floor";
import type { BenchContext, BenchResult } from "./lib/types";

export const needsServer = false;

const PAGES = 1000;
/** The site's file budget (site/dist, whatever the database holds). */
const FILE_BUDGET = 300;
/** The bench builds the site here, never into the developer's site/dist. */
export const BENCH_SITE_OUT = join("bench", "out", "site");

function countFiles(dir: string): number {
  return readdirSync(dir).reduce((n, entry) => n + (statSync(join(dir, entry)).isDirectory() ? countFiles(join(dir, entry)) : 1), 0);
}

/** `n` village codes spread over the whole table, picked by a seeded generator (the same every run). */
function randomVillages(database: DatabaseSync, n: number): string[] {
  const codes = database.prepare("SELECT village_code FROM village_status ORDER BY village_code").all().map((r) => String(r.village_code));
  let state = 20_140_101;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: Math.min(n, codes.length) }, () => codes[Math.floor(next() * codes.length)]!);
}

export async function runPagesBench(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log(`astro build into ${BENCH_SITE_OUT} (skipped while no site source changed)`);
  buildSite(BENCH_SITE_OUT, { ifStale: true });
  const files = countFiles(BENCH_SITE_OUT);
  const { renderPage, styleHashes } = (await import(siteEntry(BENCH_SITE_OUT))) as { renderPage: AstroRenderer; styleHashes: readonly string[] };
  const render = createPageRenderer(renderPage, siteCsp(styleHashes));

  const database = new DatabaseSync(ctx.sqlitePath, { readOnly: true });
  try {
    const env = inProcessEnv(database);
    const villages = randomVillages(database, ctx.smoke ? 20 : PAGES);
    const page = (code: string) => new Request(`https://bench.local/regions/${code}/`);
    // Warm-up: the first renders compile the page modules.
    for (const code of villages.slice(0, 20)) await (await render(page(code), env, executionContext())).text();

    const times: number[] = [];
    let bytes = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (const code of villages) {
      const t0 = performance.now();
      const res = await render(page(code), env, executionContext());
      const html = await res.text();
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`/regions/${code}/ answered ${res.status}`);
      bytes += html.length;
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    times.sort((a, b) => a - b);
    return [
      {
        name: `${villages.length.toLocaleString("en")} random village pages /regions/{code}/ rendered in-process (national data)`,
        method: "createPageRenderer(astro entry) over node:sqlite, one at a time, HTML read; no edge cache",
        requestsPerSecond: Math.round(villages.length / seconds),
        p50Ms: percentile(times, 50),
        p99Ms: percentile(times, 99),
        extra: { "CPU ms/page": Number(((cpu.user + cpu.system) / 1000 / villages.length).toFixed(2)), "HTML KB/page": Number((bytes / villages.length / 1024).toFixed(1)) },
      },
      {
        name: "site build file count (the build reads no data)",
        method: `astro build into ${BENCH_SITE_OUT}`,
        extra: { files, budget: FILE_BUDGET, [files <= FILE_BUDGET ? "within budget" : "OVER BUDGET"]: files },
      },
    ];
  } finally {
    database.close();
  }
}
