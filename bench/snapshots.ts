/**
 * A citable snapshot at national scale: the time, size and memory to build every public
 * dataset's CSV and the datapackage.json (worker/snapshots/build.ts), through the API's own
 * streamed exports in-process over the bench's SQLite file. R2 is stood in for by files on
 * disk with the same multipart calls (8 MiB parts), so the figure is the Worker's own work:
 * keyset reads, CSV, hashing, part buffering. Recording (one row and one ledger entry) is
 * left out: the bench database is opened read-only.
 */
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createPublicApiReader } from "../worker/app";
import { buildSnapshotFiles } from "../worker/snapshots/build";
import type { SnapshotBucket } from "../worker/snapshots/r2-writer";
import { executionContext, inProcessEnv } from "./app";
import type { BenchContext, BenchResult } from "./lib/types";

export const needsServer = false;
export const smoke = true;

const MB = 1024 * 1024;

/** The R2 calls the builder makes, writing to a directory (parts appended in order). */
export function directoryBucket(dir: string): SnapshotBucket & { parts: number } {
  const file = (key: string) => join(dir, key.replaceAll("/", "__"));
  const bucket = {
    parts: 0,
    async put(key: string, value: Uint8Array) {
      writeFileSync(file(key), value);
      return null;
    },
    async get() {
      return null;
    },
    async delete() {},
    async createMultipartUpload(key: string) {
      writeFileSync(file(key), new Uint8Array());
      return {
        async uploadPart(partNumber: number, value: Uint8Array) {
          appendFileSync(file(key), value);
          bucket.parts++;
          return { partNumber, etag: String(partNumber) };
        },
        async complete() {
          return { size: statSync(file(key)).size };
        },
        async abort() {},
      };
    },
  };
  return bucket as unknown as SnapshotBucket & { parts: number };
}

export async function runSnapshotsBench(ctx: BenchContext): Promise<BenchResult[]> {
  const database = new DatabaseSync(ctx.sqlitePath, { readOnly: true });
  const dir = mkdtempSync(join(tmpdir(), "gongkai-snapshot-"));
  const env = inProcessEnv(database);
  const reader = createPublicApiReader();
  const bucket = directoryBucket(dir);
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    heapPeak = Math.max(heapPeak, m.heapUsed);
    rssPeak = Math.max(rssPeak, m.rss);
  }, 20);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    const built = await buildSnapshotFiles({
      bucket,
      fetch: async (request) => reader.fetch(request, env, executionContext()),
      id: 1,
      now: new Date(),
      versions: {},
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const largest = [...built.resources].sort((a, b) => b.bytes - a.bytes)[0]!;
    return [
      {
        name: `snapshot of every public dataset (${built.resources.length} CSV files + datapackage.json)`,
        method: "buildSnapshotFiles in-process over node:sqlite, files on disk for R2 (8 MiB parts)",
        extra: {
          "seconds": Number(seconds.toFixed(1)),
          "CPU s": Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
          "total MB": Number((built.totalBytes / MB).toFixed(1)),
          "MB/s": Number((built.totalBytes / MB / seconds).toFixed(1)),
          "multipart parts": bucket.parts,
          [`largest (${largest.name}) MB`]: Number((largest.bytes / MB).toFixed(1)),
          "heap growth MB": Number(((heapPeak - heapBefore) / MB).toFixed(1)),
          "peak RSS MB": Number((rssPeak / MB).toFixed(0)),
        },
        note: `package hash ${built.packageHash.slice(0, 16)}…; ${ctx.data.villages.toLocaleString("en")} villages`,
      },
    ];
  } finally {
    clearInterval(sampler);
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
