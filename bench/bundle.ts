/**
 * The deployable Worker: `wrangler deploy --dry-run --outdir` (what would be uploaded, not
 * uploaded) measured raw and gzip-compressed against the free plan's 3 MB (compressed)
 * limit, and its start-up profiled with `wrangler check startup` (workerd evaluates the
 * bundle's top level under the CPU profiler; the platform allows 1 s). Static assets are not
 * part of the Worker's size, so a scratch config points [assets] at an empty directory and
 * the part needs no site build.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { BenchContext, BenchResult } from "./lib/types";

export const needsServer = false;

const LIMIT_COMPRESSED_MB = 3;
const KB = 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A copy of wrangler.toml for measuring: same Worker, bindings and flags; assets from an empty folder. */
function scratchConfig(dir: string): string {
  const assets = join(dir, "assets");
  mkdirSync(assets, { recursive: true });
  const toml = readFileSync("wrangler.toml", "utf8")
    .replace(/^main = ".*"$/m, `main = "${relative(dir, "worker/index.ts")}"`)
    .replace(/^directory = ".*"$/m, `directory = "./assets"`)
    .replace(/^migrations_dir = ".*"$/m, `migrations_dir = "${relative(dir, "migrations")}"`);
  const path = join(dir, "wrangler.toml");
  writeFileSync(path, toml);
  return path;
}

/** Total self time in a .cpuprofile (µs → ms): the CPU the start-up took, as profiled. */
function profileMs(path: string): number {
  const profile = JSON.parse(readFileSync(path, "utf8")) as { startTime: number; endTime: number; timeDeltas: number[]; samples: number[]; nodes: { id: number; callFrame: { functionName: string } }[] };
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let busy = 0;
  profile.samples.forEach((id, i) => {
    if (!idle.has(id)) busy += profile.timeDeltas[i] ?? 0;
  });
  return busy / 1000;
}

export async function runBundleBench(ctx: BenchContext): Promise<BenchResult[]> {
  const dir = resolve("bench", "out", "bundle");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const config = scratchConfig(dir);
  const outdir = join(dir, "dist");
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "1" };
  ctx.log(`wrangler deploy --dry-run --outdir ${relative(".", outdir)}`);
  const dry = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--config", config, "--outdir", outdir], { encoding: "utf8", env });
  if (dry.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${dry.stdout}${dry.stderr}`);
  const files = filesUnder(outdir).filter((f) => !f.endsWith(".map"));
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const reported = `${dry.stdout}${dry.stderr}`.match(/Total Upload:\s*([\d.]+ KiB)\s*\/\s*gzip:\s*([\d.]+ KiB)/);

  ctx.log("wrangler check startup");
  // check startup builds with the default config unless given a prebuilt bundle (the upload's multipart form).
  const bundlePath = join(dir, "worker.bundle");
  const bundled = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--config", config, "--outfile", bundlePath], { encoding: "utf8", env });
  const profilePath = join(dir, "worker-startup.cpuprofile");
  const startup =
    bundled.status === 0
      ? spawnSync("npx", ["wrangler", "check", "startup", "--config", config, "--workerBundle", bundlePath, "--outfile", profilePath], { encoding: "utf8", env })
      : bundled;
  const startupMs = startup.status === 0 ? profileMs(profilePath) : undefined;
  if (startup.status !== 0) ctx.log(`wrangler check startup failed (exit ${startup.status}); start-up not measured:\n${startup.stderr.slice(-600)}`);

  const compressedMb = gzip / (KB * KB);
  return [
    {
      name: "deployable Worker bundle (wrangler deploy --dry-run)",
      method: "files in --outdir (no source maps), gzip -9 each; start-up: wrangler check startup (CPU profile of the top-level evaluation)",
      extra: {
        files: files.length,
        "raw KB": Math.round(raw / KB),
        "gzip KB": Math.round(gzip / KB),
        [`limit ${LIMIT_COMPRESSED_MB} MB compressed`]: compressedMb < LIMIT_COMPRESSED_MB ? "within" : "OVER",
        ...(reported ? { "wrangler reports": `${reported[1]} / gzip ${reported[2]}` } : {}),
        ...(startupMs !== undefined ? { "start-up CPU ms (profiled)": Number(startupMs.toFixed(1)) } : {}),
      },
    },
  ];
}
