/**
 * The disclosure gate's LP solver loads in the Worker as wrangler bundles it (issue 16): the
 * test pool bundles modules its own way, so a loader that only works there would pass every
 * workerd test and fail in production. This serves a Worker holding nothing but the solver
 * (fixtures/highs-worker.ts) with `wrangler dev` — the same bundler and runtime as
 * `wrangler deploy`, with the project's compatibility flags — and solves a two-variable LP.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const project = readFileSync(join(root, "wrangler.toml"), "utf8");
const setting = (name: string) => project.match(new RegExp(`^${name} = (.+)$`, "m"))![1];

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on("error", fail);
  });
}

const dir = mkdtempSync(join(tmpdir(), "gongkai-highs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the LP solver in a wrangler-bundled Worker", () => {
  it("loads HiGHS from the bundled wasm module and solves", async () => {
    const config = join(dir, "wrangler.toml");
    writeFileSync(config, [
      'name = "gongkai-highs-check"',
      `main = ${JSON.stringify(join(root, "tests/node/fixtures/highs-worker.ts"))}`,
      `compatibility_date = ${setting("compatibility_date")}`,
      `compatibility_flags = ${setting("compatibility_flags")}`,
      "send_metrics = false",
      "",
    ].join("\n"));
    const port = await freePort();
    const dev = spawn("npx", ["wrangler", "dev", "--config", config, "--port", String(port), "--ip", "127.0.0.1", "--persist-to", join(dir, "state")], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    dev.stdout!.on("data", (chunk) => (output += chunk));
    dev.stderr!.on("data", (chunk) => (output += chunk));
    try {
      let answer: { status: number; body: string } | undefined;
      for (let attempt = 0; attempt < 120 && !answer; attempt++) {
        await new Promise((wait) => setTimeout(wait, 500));
        try {
          const res = await fetch(`http://127.0.0.1:${port}/`);
          answer = { status: res.status, body: await res.text() };
        } catch {
          // not listening yet
        }
      }
      expect(answer, output).toBeDefined();
      expect(answer!.status, `${answer!.body}\n${output}`).toBe(200);
      // Maximise x + 2y with x + y ≤ 4, x − y ≥ −2, 0 ≤ x, y ≤ 3: optimum at (1, 3).
      expect(JSON.parse(answer!.body)).toEqual({ status: "Optimal", objective: 7 });
    } finally {
      process.kill(-dev.pid!, "SIGTERM");
    }
  }, 120_000);
});
