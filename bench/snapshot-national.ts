/**
 * A citable snapshot's cost in a process of its own: bench/snapshots.ts runs the build inside
 * the bench process, whose memory already holds the national data it just generated, so its
 * peak RSS says little about the build. Here a fresh Node process (this file run directly)
 * builds every dataset's CSV and datapackage.json over the bench's SQLite file, and reports
 * wall and CPU time, its own peak RSS (getrusage) and V8 heap peak, and every file's size.
 *
 *   npm run bench -- --only snapshot-national            (the national bench database)
 *   npx tsx bench/snapshot-national.ts <sqlite file>      (one run on any D1 SQLite file)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DatabaseSync } from "node:sqlite";
import type { BenchContext, BenchResult } from "./lib/types";

export const needsServer = false;
// The smoke run already builds a snapshot in-process (bench/snapshots.ts); a second Node
// process with tsx would only add start-up time to `npm test`.
export const smoke = false;

const MB = 1024 * 1024;

interface ChildReport {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  heapPeakMb: number;
  totalBytes: number;
  packageBytes: number;
  files: { name: string; bytes: number }[];
  parts: number;
}

/** The child: one build, measured from inside, printed as one JSON line. */
async function buildOnce(sqlitePath: string): Promise<ChildReport> {
  const { createPublicApiReader } = await import("../worker/app");
  const { buildSnapshotFiles } = await import("../worker/snapshots/build");
  const { executionContext, inProcessEnv } = await import("./app");
  const { directoryBucket } = await import("./snapshots");
  const database = new DatabaseSync(sqlitePath, { readOnly: true });
  const dir = mkdtempSync(join(tmpdir(), "gongkai-snapshot-national-"));
  const bucket = directoryBucket(dir);
  const env = inProcessEnv(database);
  const reader = createPublicApiReader();
  let heapPeak = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 10);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const built = await buildSnapshotFiles({ bucket, fetch: async (request) => reader.fetch(request, env, executionContext()), id: 1, now: new Date(), versions: {} });
    const used = process.cpuUsage(cpu);
    return {
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      // ru_maxrss is in kilobytes on Linux: the whole process, the loaded modules included.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      heapPeakMb: heapPeak / MB,
      totalBytes: built.totalBytes,
      packageBytes: built.packageBytes,
      files: built.resources.map((r) => ({ name: r.path, bytes: r.bytes })),
      parts: bucket.parts,
    };
  } finally {
    clearInterval(sampler);
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSnapshotNationalBench(ctx: BenchContext): Promise<BenchResult[]> {
  const child = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), ctx.sqlitePath], { encoding: "utf8", maxBuffer: 16 * MB });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !line.startsWith("{")) throw new Error(`snapshot child failed (${child.status}): ${child.stderr.slice(-2000)}`);
  const r = JSON.parse(line) as ChildReport;
  const largest = [...r.files].sort((a, b) => b.bytes - a.bytes);
  return [
    {
      name: `snapshot of every public dataset in a fresh process (${r.files.length} CSV files + datapackage.json)`,
      method: "buildSnapshotFiles in-process over node:sqlite, files on disk for R2 (8 MiB parts); peak RSS from getrusage",
      extra: {
        seconds: Number(r.seconds.toFixed(1)),
        "CPU s": Number(r.cpuSeconds.toFixed(1)),
        "total MB": Number((r.totalBytes / MB).toFixed(1)),
        "peak RSS MB": Math.round(r.peakRssMb),
        "heap peak MB": Number(r.heapPeakMb.toFixed(1)),
        "multipart parts": r.parts,
      },
      note: `files: ${largest.map((f) => `${f.name} ${(f.bytes / MB).toFixed(2)} MB`).join(", ")}; datapackage.json ${r.packageBytes} bytes`,
    },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = process.argv[2];
  if (!path) {
    console.error("usage: tsx bench/snapshot-national.ts <D1 SQLite file>");
    process.exit(2);
  }
  console.log(JSON.stringify(await buildOnce(path)));
}
