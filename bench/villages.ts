/**
 * The open-data core (issue 3) under load on national-scale data: a filtered village page,
 * region lookups, the name search, and a full CSV export of every village.
 */
import type { BenchContext, BenchResult } from "./lib/types";
import { villagePagePath } from "./lib/targets";

const MB = 1024 * 1024;

async function expectOk(ctx: BenchContext, path: string, headers?: Record<string, string>): Promise<Response> {
  const res = await fetch(`${ctx.baseUrl}${path}`, { headers });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return res;
}

async function loadResult(ctx: BenchContext, name: string, path: string, note?: string, connections = ctx.options.connections, headers?: Record<string, string>): Promise<BenchResult> {
  const check = await expectOk(ctx, path, headers); // checks the answer, warms the isolate (and the edge cache)
  await check.arrayBuffer();
  ctx.log(`wrk ${path}`);
  const cpuBefore = ctx.workerdCpuSeconds();
  const wrk = await ctx.wrk(path, { connections, headers });
  const cpuMsPerRequest = ((ctx.workerdCpuSeconds() - cpuBefore) * 1000) / Math.max(1, wrk.requests);
  if (wrk.non2xx > 0 || wrk.socketErrors > 0) {
    throw new Error(`${path}: ${wrk.non2xx} non-2xx responses and ${wrk.socketErrors} socket errors under load; the figures would not be valid`);
  }
  return {
    name,
    method: `wrk ${ctx.options.durationSeconds} s, ${connections} connection${connections === 1 ? "" : "s"}, ${Math.min(ctx.options.threads, connections)} thread${Math.min(ctx.options.threads, connections) === 1 ? "" : "s"}`,
    requestsPerSecond: wrk.requestsPerSecond,
    p50Ms: wrk.p50Ms,
    p99Ms: wrk.p99Ms,
    extra: {
      requests: wrk.requests,
      "p90 ms": wrk.p90Ms,
      "workerd CPU ms/req": Number(cpuMsPerRequest.toFixed(2)),
      ...(check.headers.get("X-Cache") ? { "X-Cache after warm-up": check.headers.get("X-Cache")! } : {}),
    },
    ...(note ? { note } : {}),
  };
}

/**
 * One streamed download of every village as CSV. Every 50 ms while it runs, samples the
 * Worker isolate's V8 heap (through the inspector: what the 128 MB limit is about) and the
 * RSS of the workerd process (which also holds miniflare's helper workers and SQLite's page
 * cache, so it bounds the Worker's memory from above).
 */
async function csvExport(ctx: BenchContext, expectedRows: number): Promise<BenchResult> {
  const path = "/api/v1/villages?format=csv";
  const inspector = await ctx.connectInspector();
  const rssBefore = ctx.workerdRss();
  const heapBefore = await inspector?.heapUsage();
  const cpuBefore = ctx.workerdCpuSeconds();
  let rssPeak = rssBefore;
  let heapPeak = heapBefore?.usedBytes ?? 0;
  let heapTotalPeak = heapBefore?.totalBytes ?? 0;
  let sampling = false;
  let heapMissed = 0;
  const sample = async () => {
    if (sampling) return; // an answer still pending: skip rather than queue
    sampling = true;
    try {
      rssPeak = Math.max(rssPeak, ctx.workerdRss());
      const heap = await inspector?.heapUsage();
      if (heap) {
        heapPeak = Math.max(heapPeak, heap.usedBytes);
        heapTotalPeak = Math.max(heapTotalPeak, heap.totalBytes);
      }
    } catch {
      heapMissed++; // a busy runtime may not answer within 5 s; counted and reported
    } finally {
      sampling = false;
    }
  };
  const sampler = setInterval(() => void sample(), 50);
  const started = performance.now();
  let firstByteMs = 0;
  let bytes = 0;
  let newlines = 0;
  try {
    const res = await expectOk(ctx, path);
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (bytes === 0) firstByteMs = performance.now() - started;
      bytes += value.byteLength;
      for (let i = 0; i < value.length; i++) if (value[i] === 10) newlines++;
    }
  } catch (error) {
    inspector?.close();
    throw error;
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  await sample();
  inspector?.close();
  const cpuSeconds = ctx.workerdCpuSeconds() - cpuBefore;
  const rows = newlines - 1; // minus the header line (CSV cells here hold no line breaks)
  if (rows !== expectedRows) throw new Error(`CSV export returned ${rows} rows, expected ${expectedRows}`);
  return {
    name: "GET /api/v1/villages?format=csv (every village, streamed)",
    method: "one download; Worker V8 heap (inspector) and workerd RSS sampled every 50 ms",
    extra: {
      rows,
      MB: Number((bytes / MB).toFixed(1)),
      seconds: Number(seconds.toFixed(1)),
      "rows/s": Math.round(rows / seconds),
      "first byte ms": Math.round(firstByteMs),
      "workerd CPU s": Number(cpuSeconds.toFixed(1)),
      ...(heapBefore
        ? { "Worker heap used MB before": mb(heapBefore.usedBytes), "Worker heap used MB peak": mb(heapPeak), "Worker heap total MB peak": mb(heapTotalPeak) }
        : {}),
      ...(heapMissed > 0 ? { "heap samples missed": heapMissed } : {}),
      "workerd RSS MB before": Math.round(rssBefore / MB),
      "workerd RSS MB peak": Math.round(rssPeak / MB),
    },
    note: "heap = the Worker isolate's V8 heap (the 128 MB limit); RSS = the whole workerd process of wrangler dev",
  };
}

function mb(bytes: number): number {
  return Number((bytes / MB).toFixed(1));
}

export async function runVillagesBench(ctx: BenchContext): Promise<BenchResult[]> {
  const T = ctx.targets;
  const results: BenchResult[] = [];
  // The export first, on a freshly started runtime, so its memory is not mixed with load tests.
  ctx.log("CSV export of every village");
  results.push(await csvExport(ctx, ctx.data.villages));
  results.push(await loadResult(ctx, "GET /api/v1/health (no query: the runtime's ceiling)", "/api/v1/health"));
  const page = villagePagePath(T);
  const pageName = page.replace(T.county, "…");
  results.push(await loadResult(ctx, `GET ${pageName} (100 rows), warm edge cache`, page));
  // A request with credentials is never answered from or stored in the shared cache: the same page from D1 every time.
  const noCache = { Authorization: "Bearer bench-bypasses-the-edge-cache" };
  results.push(await loadResult(ctx, "  same page, edge cache bypassed (read from D1)", page, "Authorization header: never cached", ctx.options.connections, noCache));
  results.push(await loadResult(ctx, "  same page, warm edge cache, 1 connection", page, "one connection: the latency of a request that waits for no other", 1));
  results.push(await loadResult(ctx, "  same page, edge cache bypassed, 1 connection", page, "one connection, read from D1", 1, noCache));
  results.push(await loadResult(ctx, "GET /api/v1/regions?level=village&parent=… (a township's villages)", `/api/v1/regions?level=village&parent=${T.township}`));
  results.push(await loadResult(ctx, "GET /api/v1/regions/{code} (a county)", `/api/v1/regions/${T.county}`));
  results.push(await loadResult(ctx, "GET /api/v1/regions/{code} (a province)", `/api/v1/regions/${T.province}`));
  results.push(
    await loadResult(
      ctx,
      "GET /api/v1/regions?q=… (name contains, a rare name)",
      `/api/v1/regions?q=${encodeURIComponent(T.rareName)}`,
      "documented scan: a substring match reads every region; 4 connections, so the figure is its cost rather than queueing behind 32 slow requests",
      4,
    ),
  );
  return results;
}
