/**
 * The contract between `bench/run.ts` and its parts. A part is a file `bench/<name>.ts`
 * exporting `run<Name>Bench(ctx): Promise<BenchResult[]>` (e.g. bench/ledger.ts →
 * `runLedgerBench`); run.ts finds it by name, so a new part needs no edit to run.ts.
 * Export `needsServer = false` from a part that only reads the SQLite file, and `smoke = true`
 * from one that also runs in the smoke run (`--smoke`: tiny data, a second or so per part).
 */
import type { WorkerInspector } from "./inspector";
import type { BenchTargets } from "./targets";
import type { WrkOptions, WrkResult } from "./wrk";

export interface BenchResult {
  /** What was measured, e.g. "GET /api/v1/regions/{code} (a county)". */
  name: string;
  /** How, e.g. "wrk 10 s, 32 connections" or "node:sqlite, 20,000 runs". */
  method: string;
  requestsPerSecond?: number;
  p50Ms?: number;
  p99Ms?: number;
  /** Other figures with their unit in the key, e.g. { "rows/s": 51000, "peak RSS MB": 310 }. */
  extra?: Record<string, number | string>;
  note?: string;
}

export interface BenchOptions {
  durationSeconds: number;
  connections: number;
  threads: number;
}

export interface BenchContext {
  /** The local runtime under test, e.g. http://127.0.0.1:8791 (loopback only). */
  baseUrl: string;
  /** The national-scale D1 SQLite file (open it read-only while the server runs). */
  sqlitePath: string;
  /** What the bench database holds (national scale; the demo data in a smoke run). */
  data: { regions: number; villages: number; officialFigures: number };
  /** The places measured (national ones, or demo ones in a smoke run). */
  targets: BenchTargets;
  /** `--smoke`: seconds on the demo data, no server, no wrk (part of npm test); only parts exporting `smoke = true` run. */
  smoke: boolean;
  options: BenchOptions;
  /** Load one URL with wrk for the configured duration and connections. */
  wrk(path: string, options?: WrkOptions): Promise<WrkResult>;
  /** Resident set size of the workerd process(es) serving baseUrl, in bytes (0 without a server). */
  workerdRss(): number;
  /** CPU seconds (user + system) used so far by those workerd process(es): per-request cost that a busy machine distorts less than latency. */
  workerdCpuSeconds(): number;
  /**
   * Attaches to the Worker's inspector to read its V8 heap; undefined when unavailable. Close
   * it before load tests: an attached inspector receives every console line (access logs).
   */
  connectInspector(): Promise<WorkerInspector | undefined>;
  log(message: string): void;
}
