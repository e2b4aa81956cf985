/** Runs wrk (loopback only) and reads its summary and latency distribution. */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface WrkOptions {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  durationSeconds?: number;
  connections?: number;
  threads?: number;
}

export interface WrkResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p75Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Responses that were not 2xx or 3xx: a load run with any is not a valid figure. */
  non2xx: number;
  socketErrors: number;
  bytesRead: string;
}

export function wrkVersion(): string | undefined {
  const probe = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (probe.error) return undefined;
  return `${probe.stdout}${probe.stderr}`.split("\n")[0]?.trim();
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  if (unit === "us") return n / 1000;
  if (unit === "ms") return n;
  if (unit === "s") return n * 1000;
  if (unit === "m") return n * 60_000;
  throw new Error(`wrk: unknown time unit ${unit}`);
}

export function parseWrk(output: string): WrkResult {
  const percentile = (p: number) => {
    const m = output.match(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, "m"));
    if (!m) throw new Error(`wrk: no ${p}% latency in output:\n${output}`);
    return toMs(m[1]!, m[2]!);
  };
  const total = output.match(/(\d+) requests in ([\d.]+)(us|ms|s|m), ([\d.]+\w+) read/);
  const rps = output.match(/Requests\/sec:\s+([\d.]+)/);
  if (!total || !rps) throw new Error(`wrk: unexpected output:\n${output}`);
  const non2xx = Number(output.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const errors = output.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  return {
    requests: Number(total[1]),
    seconds: toMs(total[2]!, total[3]!) / 1000,
    requestsPerSecond: Number(rps[1]),
    p50Ms: percentile(50),
    p75Ms: percentile(75),
    p90Ms: percentile(90),
    p99Ms: percentile(99),
    non2xx,
    socketErrors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    bytesRead: total[4]!,
  };
}

/** A JSON string literal is a valid Lua one unless JSON needs a \\u escape (control characters). */
function luaString(text: string): string {
  const literal = JSON.stringify(text);
  if (literal.includes("\\u")) throw new Error("wrk request scripts cannot carry control characters");
  return literal;
}

export async function runWrk(url: string, options: Required<Pick<WrkOptions, "durationSeconds" | "connections" | "threads">> & WrkOptions): Promise<WrkResult> {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "[::1]") throw new Error(`wrk targets loopback only, not ${host}`);
  const args = ["--latency", "-t", String(options.threads), "-c", String(options.connections), "-d", `${options.durationSeconds}s`, "--timeout", "10s"];
  let scriptDir: string | undefined;
  if (options.method || options.body || options.headers) {
    scriptDir = mkdtempSync(join(tmpdir(), "gongkai-wrk-"));
    const lines = [`wrk.method = ${luaString(options.method ?? "GET")}`];
    if (options.body !== undefined) lines.push(`wrk.body = ${luaString(options.body)}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) lines.push(`wrk.headers[${luaString(name)}] = ${luaString(value)}`);
    const script = join(scriptDir, "request.lua");
    writeFileSync(script, `${lines.join("\n")}\n`);
    args.push("-s", script);
  }
  args.push(url);
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited ${code}:\n${out}`))));
    });
    return parseWrk(output);
  } finally {
    if (scriptDir) rmSync(scriptDir, { recursive: true, force: true });
  }
}
