/**
 * Starts `wrangler dev` on the bench's own database and port, quiet and offline like
 * scripts/start.mjs, and finds the workerd process(es) under it to read their memory.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const QUIET_ENV = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  ASTRO_TELEMETRY_DISABLED: "1",
  X_LOCAL_OBSERVABILITY: "false",
};

export interface DevServer {
  baseUrl: string;
  workerdPids(): number[];
  /** Summed VmRSS of the workerd processes, bytes. */
  workerdRss(): number;
  /** Highest VmHWM (peak RSS since start) of the workerd processes, bytes. */
  workerdPeakRss(): number;
  /** CPU time (user + system) the workerd processes have used so far, seconds. */
  workerdCpuSeconds(): number;
  stop(): Promise<void>;
  output(): string;
}

function processTable(): { pid: number; ppid: number; comm: string }[] {
  const rows: { pid: number; ppid: number; comm: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may contain spaces, so split at the last ')'.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      rows.push({ pid: Number(entry), ppid, comm });
    } catch {
      // The process ended while we listed /proc.
    }
  }
  return rows;
}

function descendants(root: number): { pid: number; comm: string }[] {
  const table = processTable();
  const found: { pid: number; comm: string }[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const row of table) {
      if (row.ppid === parent) {
        found.push(row);
        queue.push(row.pid);
      }
    }
  }
  return found;
}

function statusField(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** utime + stime of a process in seconds (/proc/<pid>/stat fields 14 and 15, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Keeps the last part of wrangler's output for error messages (one log line per request adds up). */
const LOG_TAIL = 64 * 1024;

export async function startDevServer(options: { port: number; persistTo: string; inspectorPort?: number }): Promise<DevServer> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const args = ["wrangler", "dev", "--port", String(options.port), "--ip", "127.0.0.1", "--persist-to", options.persistTo, "--log-level", "warn"];
  if (options.inspectorPort) args.push("--inspector-port", String(options.inspectorPort));
  // Its own process group, so stop() ends wrangler and workerd together (and nothing else).
  const child: ChildProcess = spawn("npx", args, { env: { ...process.env, ...QUIET_ENV }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  const append = (d: Buffer) => {
    log += d;
    if (log.length > 2 * LOG_TAIL) log = log.slice(-LOG_TAIL);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  let exited = false;
  child.on("exit", () => (exited = true));

  const workerdPids = () => descendants(child.pid!).filter((p) => p.comm === "workerd").map((p) => p.pid);
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    const deadline = Date.now() + 10_000;
    while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (!exited) process.kill(-child.pid!, "SIGKILL");
  };
  const server: DevServer = {
    baseUrl,
    workerdPids,
    workerdRss: () => workerdPids().reduce((sum, pid) => sum + statusField(pid, "VmRSS"), 0),
    workerdPeakRss: () => Math.max(0, ...workerdPids().map((pid) => statusField(pid, "VmHWM"))),
    workerdCpuSeconds: () => workerdPids().reduce((sum, pid) => sum + cpuSeconds(pid), 0),
    stop,
    output: () => log,
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`wrangler dev exited before it was ready:\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.status === 200) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer /api/v1/health within 90 s:\n${log}`);
}
