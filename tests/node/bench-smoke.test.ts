import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * `npm run bench` once failed on every clean clone (tsx took a module named `*.json.ts`
 * for a JSON file) and nobody noticed. The smoke run goes through the same entry point
 * and tsx: it imports every bench part (so every worker module they reach), builds the
 * demo data in a scratch SQLite file and runs the light parts (floor, app in-process with
 * and without the edge cache, the CSV export), in seconds and without wrk or a server.
 */
describe("npm run bench -- --smoke", () => {
  it("imports every part and runs the light ones on the demo data", () => {
    const run = spawnSync("npx", ["tsx", "bench/run.ts", "--smoke"], { encoding: "utf8", timeout: 170_000, env: { ...process.env, FORCE_COLOR: "0" } });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toContain("Smoke run passed");
    expect(output).toMatch(/through the app in-process, no edge cache/);
    expect(output).toMatch(/warm edge cache \(hit\)/);
    expect(output).not.toMatch(/FAILED/);
  }, 180_000);
});
