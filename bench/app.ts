/**
 * The app in-process: the Worker's own `fetch` (createApp(), every middleware, the real
 * handlers and serialisers) called from Node over the bench's SQLite file through the
 * D1-shaped node:sqlite adapter. No runtime, no HTTP, so the figures are the app's own cost
 * next to the raw SQL of the same page (bench/floor.ts):
 *  - the filtered village page (100 rows), without an edge cache, then with a warm one
 *    (an in-memory stand-in for caches.default, bench/lib/memory-cache.ts);
 *  - the full CSV export of every village, streamed, with the Node heap sampled.
 */
import { DatabaseSync } from "node:sqlite";
import { createApp } from "../worker/app";
import { sqliteAsD1 } from "../scripts/sqlite-d1";
import { percentile, rawExport, rawPage, timeRuns } from "./floor";
import { installMemoryCache, uninstallMemoryCache } from "./lib/memory-cache";
import { villagePagePath } from "./lib/targets";
import type { BenchContext, BenchResult } from "./lib/types";

export const needsServer = false;
export const smoke = true;

const MB = 1024 * 1024;
/** Untimed runs of each measured path before its timed runs. */
const WARM_UP_REQUESTS = 8000;
/** Alternating timed slices of the raw SQL and the app. */
const SLICES = 10;

interface Slice {
  timings: number[];
  seconds: number;
  cpuMicros: number;
}

async function timedSlice(seconds: number, once: () => unknown, maxRuns?: number): Promise<Slice> {
  const cpu = process.cpuUsage();
  const { sorted, seconds: took } = await timeRuns(seconds, once, maxRuns);
  const used = process.cpuUsage(cpu);
  return { timings: sorted, seconds: took, cpuMicros: used.user + used.system };
}

function joinSlices(slices: readonly Slice[]): { sorted: number[]; seconds: number; cpuMs: number } {
  const sorted = slices.flatMap((s) => s.timings).sort((a, b) => a - b);
  const cpuMicros = slices.reduce((sum, s) => sum + s.cpuMicros, 0);
  return { sorted, seconds: slices.reduce((sum, s) => sum + s.seconds, 0), cpuMs: Number((cpuMicros / 1000 / Math.max(1, sorted.length)).toFixed(3)) };
}

/** The Worker's bindings for an in-process call: the SQLite file as DB, nothing secret needed for public reads. */
export function inProcessEnv(database: DatabaseSync): Env {
  return { DB: sqliteAsD1(database), ENVIRONMENT: "test" } as unknown as Env;
}

/** An ExecutionContext whose waitUntil promises can be awaited (cache writes). */
export function executionContext(): ExecutionContext & { settle: () => Promise<void> } {
  const pending: Promise<unknown>[] = [];
  return {
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
    passThroughOnException: () => {},
    props: {},
    settle: async () => {
      await Promise.all(pending.splice(0));
    },
  } as unknown as ExecutionContext & { settle: () => Promise<void> };
}

export async function runAppBench(ctx: BenchContext): Promise<BenchResult[]> {
  const database = new DatabaseSync(ctx.sqlitePath, { readOnly: true });
  const app = createApp();
  const env = inProcessEnv(database);
  const seconds = ctx.smoke ? 0.5 : ctx.options.durationSeconds;
  const url = `http://bench.local${villagePagePath(ctx.targets)}`;
  const get = async (target = url) => {
    const exec = executionContext();
    const res = await app.fetch(new Request(target), env, exec);
    if (res.status !== 200) throw new Error(`GET ${target} answered ${res.status}: ${await res.clone().text()}`);
    // Bytes, as a client or the runtime receives them: decoding them into a JS string is the
    // bench's own work, not the Worker's (it was about 5% of a request's CPU here).
    const body = new Uint8Array(await res.arrayBuffer());
    await exec.settle();
    return { res, body };
  };
  // Steady state, as an isolate serving a stream of requests is: each path runs untimed first
  // (V8 optimises the app's code over its first few thousand requests: measured in blocks of
  // 1,000, a request cost 1.0–1.6 ms of CPU at first and 0.6 ms from about the 6,000th on,
  // bench/app.ts in Node 22), then the timed runs. The first 1,000 requests are reported too. The raw SQL and the app run in alternating slices
  // (SLICES of each), so a change in the machine's load during the run weighs on both alike:
  // on the shared 2-core machine, runs one after the other moved the ratio by a third.
  const warmRequests = ctx.smoke ? 100 : WARM_UP_REQUESTS;
  try {
    const raw = rawPage(database, ctx.targets);
    const rows = (JSON.parse(new TextDecoder().decode((await get()).body)) as { data: unknown[] }).data.length;
    // The first thousand requests of a fresh isolate, reported beside the steady state.
    const cold = await timedSlice(60, () => get(), ctx.smoke ? 50 : 1000);
    const coldCpuMs = Number((cold.cpuMicros / 1000 / cold.timings.length).toFixed(3));
    for (let i = 0; i < warmRequests; i++) raw.run();
    for (let i = 0; i < warmRequests; i++) await get();
    const rawSlices: Slice[] = [];
    const appSlices: Slice[] = [];
    for (let i = 0; i < SLICES; i++) {
      rawSlices.push(await timedSlice(seconds / SLICES, raw.run));
      appSlices.push(await timedSlice(seconds / SLICES, () => get()));
    }
    const rawRuns = joinSlices(rawSlices);
    const uncached = joinSlices(appSlices);
    const rawCpuMs = rawRuns.cpuMs;
    const rawP50 = percentile(rawRuns.sorted, 50);
    const appCpuMs = uncached.cpuMs;
    const p50 = percentile(uncached.sorted, 50);

    const cache = installMemoryCache();
    let hits = 0;
    const cached = await (async () => {
      try {
        const first = await get();
        if (first.res.headers.get("X-Cache") !== "MISS" || cache.size !== 1) throw new Error("the edge cache did not store the page");
        return await timeRuns(seconds, async () => {
          const { res } = await get();
          if (res.headers.get("X-Cache") === "HIT") hits++;
        });
      } finally {
        uninstallMemoryCache();
      }
    })();
    if (hits !== cached.sorted.length) throw new Error(`only ${hits} of ${cached.sorted.length} warm-cache requests were hits`);

    const results: BenchResult[] = [
      {
        name: `same page (${raw.rows} rows), raw SQL on the SQLite file`,
        method: `node:sqlite prepared statement, ${rawRuns.sorted.length.toLocaleString("en")} runs in ${SLICES} slices alternating with the app's, after ${warmRequests.toLocaleString("en")} untimed`,
        requestsPerSecond: Math.round(rawRuns.sorted.length / rawRuns.seconds),
        p50Ms: rawP50,
        p99Ms: percentile(rawRuns.sorted, 99),
        extra: { "CPU ms/run": rawCpuMs },
      },
      {
        name: `GET ${villagePagePath(ctx.targets).replace(ctx.targets.county, "…")} through the app in-process, no edge cache`,
        method: `createApp().fetch over node:sqlite, ${uncached.sorted.length.toLocaleString("en")} requests in ${SLICES} slices alternating with the raw SQL's, after ${warmRequests.toLocaleString("en")} untimed, body read`,
        requestsPerSecond: Math.round(uncached.sorted.length / uncached.seconds),
        p50Ms: p50,
        p99Ms: percentile(uncached.sorted, 99),
        // CPU per request as well as wall time: on a shared machine the wall time also counts
        // the time this process waited for a core; the CPU ratio is the app's own cost.
        extra: { rows, "× raw SQL (p50)": Number((p50 / rawP50).toFixed(2)), "CPU ms/request": appCpuMs, "× raw SQL (CPU)": Number((appCpuMs / rawCpuMs).toFixed(2)), [`CPU ms/request, first ${cold.timings.length.toLocaleString("en")} requests`]: coldCpuMs },
      },
      {
        name: "  same, warm edge cache (hit)",
        method: `in-memory caches.default stand-in, ${cached.sorted.length.toLocaleString("en")} hits`,
        requestsPerSecond: Math.round(cached.sorted.length / cached.seconds),
        p50Ms: percentile(cached.sorted, 50),
        p99Ms: percentile(cached.sorted, 99),
        extra: { "× raw SQL (p50)": Number((percentile(cached.sorted, 50) / rawP50).toFixed(2)), "÷ uncached (p50)": Number((percentile(cached.sorted, 50) / p50).toFixed(2)) },
        note: "a hit still reads the dataset versions (one indexed row per dataset) to build its key",
      },
    ];

    results.push(await exportThroughApp(ctx, app, env, database));
    return results;
  } finally {
    database.close();
  }
}

/** Streams every village as CSV through the app, sampling the heap, beside the raw export query. */
async function exportThroughApp(ctx: BenchContext, app: ReturnType<typeof createApp>, env: Env, database: DatabaseSync): Promise<BenchResult> {
  const raw = rawExport(database);
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let bytes = 0;
  let newlines = 0;
  try {
    const res = await app.fetch(new Request("http://bench.local/api/v1/villages?format=csv"), env, executionContext());
    if (res.status !== 200) throw new Error(`CSV export answered ${res.status}`);
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (let i = 0; i < value.length; i++) if (value[i] === 10) newlines++;
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const rows = newlines - 1;
  if (rows !== ctx.data.villages) throw new Error(`CSV export returned ${rows} rows, expected ${ctx.data.villages}`);
  const rowsPerSecond = Math.round(rows / seconds);
  const rawRowsPerSecond = Math.round(raw.rows / raw.seconds);
  return {
    name: "GET /api/v1/villages?format=csv (every village) through the app in-process",
    method: "one streamed download; Node heap sampled while it runs",
    extra: {
      rows,
      MB: Number((bytes / MB).toFixed(1)),
      seconds: Number(seconds.toFixed(2)),
      "rows/s": rowsPerSecond,
      "raw export query rows/s": rawRowsPerSecond,
      "raw rows per CPU s": Math.round(raw.rows / raw.cpuSeconds),
      "× raw": Number((rawRowsPerSecond / rowsPerSecond).toFixed(2)),
      "CPU s": Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      // Rows per second of this process's CPU: what a core that is not shared would do.
      "rows per CPU s": Math.round(rows / ((cpu.user + cpu.system) / 1e6)),
      "heap MB before": Number((heapBefore / MB).toFixed(1)),
      "heap MB peak": Number((heapPeak / MB).toFixed(1)),
    },
  };
}
