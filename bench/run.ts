/**
 * `npm run bench`: the portal's speed on national-scale data (~500,000 villages).
 *
 *   npm run bench                          every part
 *   npm run bench -- --only villages,floor  some parts (see bench/*.ts)
 *   npm run bench -- --duration 5 --connections 16
 *   npm run bench -- --rebuild              rebuild the bench database
 *   npm run bench -- --reuse                reuse the bench database even if its sources changed
 *   npm run bench -- --smoke                seconds on the demo data, no server, no wrk (npm test runs it)
 *
 * Builds (or reuses) its own database under .wrangler/bench, runs the parts that read the
 * SQLite file directly, then starts `wrangler dev` on that database (port 8791, or
 * BENCH_PORT) and runs the parts that load it with wrk over loopback. Parts are the files
 * bench/<name>.ts exporting run<Name>Bench (see bench/lib/types.ts); a new part needs no
 * edit here. Prints a table and writes bench/out/latest.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { DEFAULT_SEED } from "../worker/demo";
import { connectInspector } from "./lib/inspector";
import { ensureNationalDb } from "./lib/national-db";
import { markdownTable, printTable, writeJson, type PartResults } from "./lib/report";
import { startDevServer, type DevServer } from "./lib/server";
import type { BenchContext, BenchOptions, BenchResult } from "./lib/types";
import { runWrk, wrkVersion } from "./lib/wrk";
import { buildSmokeDb } from "./lib/smoke-db";
import { BENCH_TARGETS, SMOKE_TARGETS } from "./lib/targets";

async function smokeData(seed: number) {
  const started = performance.now();
  const built = await buildSmokeDb(seed);
  return {
    ...built,
    persistDir: built.sqlitePath,
    reused: false,
    loadSeconds: (performance.now() - started) / 1000,
    fingerprint: "smoke",
  };
}

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
    threads: { type: "string", default: "2" },
    seed: { type: "string", default: String(DEFAULT_SEED) },
    rebuild: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    smoke: { type: "boolean", default: false },
  },
});

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a positive whole number, not ${text}`);
    process.exit(2);
  }
  return n;
}

const options: BenchOptions = {
  durationSeconds: positiveInt("duration", values.duration),
  connections: positiveInt("connections", values.connections),
  threads: positiveInt("threads", values.threads),
};
const seed = Number(values.seed);
const port = positiveInt("BENCH_PORT", process.env.BENCH_PORT ?? "8791");
const inspectorPort = positiveInt("BENCH_INSPECTOR_PORT", process.env.BENCH_INSPECTOR_PORT ?? "8796");
const log = (message: string) => console.log(`  ${message}`);

interface Part {
  name: string;
  needsServer: boolean;
  smoke: boolean;
  run: (ctx: BenchContext) => Promise<BenchResult[]>;
}

/** Every bench/<name>.ts that exports run<Name>Bench; the core villages part runs first among the server parts. */
async function discoverParts(): Promise<Part[]> {
  const names = readdirSync(new URL(".", import.meta.url))
    .filter((f) => f.endsWith(".ts") && f !== "run.ts")
    .map((f) => f.slice(0, -3));
  const parts: Part[] = [];
  for (const name of names) {
    const module = (await import(`./${name}.ts`)) as Record<string, unknown>;
    const exportName = `run${name.replace(/(^|[-_])(\w)/g, (_, __, ch: string) => ch.toUpperCase())}Bench`;
    const run = module[exportName];
    if (module.standalone === true) continue; // a script run by hand (e.g. disclosure-joint.ts); imported so it still compiles and resolves
    if (typeof run !== "function") {
      console.warn(`bench/${name}.ts exports no ${exportName}; skipped.`);
      continue;
    }
    parts.push({ name, needsServer: module.needsServer !== false, smoke: module.smoke === true, run: run as Part["run"] });
  }
  const order = (p: Part) => (p.name === "villages" ? "" : p.name);
  return parts.sort((a, b) => order(a).localeCompare(order(b)));
}

/** `wrangler dev` refuses to start without the static site's output directory. */
function ensureSiteBuilt(): void {
  // The Worker imports the on-demand pages from site/dist/server (the gongkai-site alias).
  if (existsSync("site/dist/server/entry.mjs")) return;
  console.log("▶ Building the site (wrangler dev serves site/dist)");
  const build = spawnSync("npx", ["astro", "build", "--silent"], { stdio: "inherit", env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("astro build failed");
}

async function main(): Promise<void> {
  const smoke = values.smoke;
  const version = wrkVersion();
  if (!version && !smoke) {
    console.error("The bench needs wrk (HTTP load generator). Install it with:\n  sudo apt-get install -y wrk\nthen run `npm run bench` again.");
    process.exit(1);
  }

  let parts = await discoverParts();
  if (values.only) {
    const wanted = values.only.split(",").map((s) => s.trim());
    const unknown = wanted.filter((w) => !parts.some((p) => p.name === w));
    if (unknown.length > 0) {
      console.error(`Unknown part(s): ${unknown.join(", ")}. Parts: ${parts.map((p) => p.name).join(", ")}`);
      process.exit(2);
    }
    parts = parts.filter((p) => wanted.includes(p.name));
  }
  // Every part module was imported above (so a broken import fails the smoke run too); only light ones run.
  if (smoke) parts = parts.filter((p) => p.smoke && !p.needsServer);

  mkdirSync("bench/out", { recursive: true });
  const loadBefore = loadavg();
  if (loadBefore[0]! > cpus().length) {
    console.warn(`⚠ Load average ${loadBefore[0]!.toFixed(1)} on ${cpus().length} cores: other work competes with the bench, expect noisy figures.`);
  }
  console.log(smoke ? "▶ Smoke run: demo data in a scratch SQLite file" : "▶ National-scale bench database");
  const data = smoke ? await smokeData(seed) : await ensureNationalDb({ seed, rebuild: values.rebuild, reuse: values.reuse, log });
  log(
    `${data.reused ? "reused" : `built in ${data.loadSeconds.toFixed(1)} s`}: ${data.counts.villages.toLocaleString("en")} villages, ${data.counts.regions.toLocaleString("en")} regions (${data.persistDir})`,
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  let server: DevServer | undefined;
  const ctx: BenchContext = {
    baseUrl,
    sqlitePath: data.sqlitePath,
    data: data.counts,
    targets: smoke ? SMOKE_TARGETS : BENCH_TARGETS,
    smoke,
    options,
    wrk: (path, wrkOptions) => runWrk(`${baseUrl}${path}`, { ...options, ...wrkOptions }),
    workerdRss: () => server?.workerdRss() ?? 0,
    workerdCpuSeconds: () => server?.workerdCpuSeconds() ?? 0,
    connectInspector: () =>
      connectInspector(inspectorPort).catch((error: Error) => {
        console.warn(`  Worker heap figures unavailable: ${error.message}`);
        return undefined;
      }),
    log,
  };

  const results: PartResults[] = [];
  const runPart = async (part: Part) => {
    console.log(`▶ ${part.name}`);
    try {
      results.push({ part: part.name, results: await part.run(ctx) });
    } catch (error) {
      console.error(error);
      results.push({ part: part.name, results: [], error: error instanceof Error ? error.message : String(error) });
    }
  };

  // Parts that read the SQLite file run first, while nothing else competes for the 2 cores.
  for (const part of parts.filter((p) => !p.needsServer)) await runPart(part);
  const serverParts = parts.filter((p) => p.needsServer);
  let peakRss = 0;
  if (serverParts.length > 0) {
    ensureSiteBuilt();
    console.log(`▶ Starting wrangler dev on ${baseUrl} (database ${data.persistDir})`);
    const interrupt = (signal: NodeJS.Signals) => void server?.stop().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    process.once("SIGINT", interrupt);
    process.once("SIGTERM", interrupt);
    // wrangler dev runs in its own process group: end it even if the bench itself crashes.
    process.once("exit", () => server?.killNow());
    server = await startDevServer({ port, persistTo: data.persistDir, inspectorPort });
    try {
      for (const part of serverParts) await runPart(part);
      peakRss = server.workerdPeakRss();
    } finally {
      await server.stop();
      writeFileSync("bench/out/wrangler-dev.log", server.output());
    }
  }

  if ("remove" in data && typeof data.remove === "function") data.remove();
  printTable(results);
  if (smoke) {
    if (results.some((r) => r.error)) process.exit(1);
    console.log(`\nSmoke run passed (${results.length} parts).`);
    return;
  }
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverage1mBefore: Number(loadBefore[0]!.toFixed(2)),
      loadAverage1mAfter: Number(loadavg()[0]!.toFixed(2)),
      kernel: release(),
      node: process.version,
      wrk: version ?? "missing",
      wrangler: JSON.parse(readFileSync("node_modules/wrangler/package.json", "utf8")).version as string,
    },
    options,
    data: { ...data.counts, seed, fingerprint: data.fingerprint, builtSeconds: data.reused ? undefined : data.loadSeconds },
    workerdPeakRssMB: peakRss ? Math.round(peakRss / 2 ** 20) : undefined,
    parts: results,
  };
  writeJson("bench/out/latest.json", report);
  writeFileSync("bench/out/latest.md", markdownTable(results));
  console.log(`\nLoad average (1 min) ${loadBefore[0]!.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, on ${cpus().length} cores.`);
  console.log(`Wrote bench/out/latest.json${peakRss ? ` · workerd peak RSS over the whole run (VmHWM) ${Math.round(peakRss / 2 ** 20)} MB` : ""}`);
  if (results.some((r) => r.error)) process.exit(1);
}

await main();
