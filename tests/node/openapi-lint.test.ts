import { execFile } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import { openApiDocument } from "../../worker/routes/docs/openapi-config";

// The generated OpenAPI document through the two linters a client developer is likely to
// run: redocly (its `recommended` rules) and spectral (the `spectral:oas` ruleset). Both
// must report 0 errors. They run on this Node (Node 22 from node_modules), from their own
// CLIs as a user would run them, on the document exactly as /api/v1/openapi.json serves it.

const run = promisify(execFile);
const bin = (name: string) => realpathSync(resolve("node_modules/.bin", name));
let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gongkai-openapi-"));
  file = join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify(openApiDocument(createApp(), "http://localhost:8787"), null, 2));
  writeFileSync(join(dir, ".spectral.yaml"), 'extends: ["spectral:oas"]\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a CLI that exits non-zero when it finds problems; its JSON report is what counts. */
async function report(args: string[]): Promise<string> {
  try {
    return (await run(process.execPath, args, { cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" }, maxBuffer: 64 << 20 })).stdout;
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) return stdout;
    throw error;
  }
}

describe("the OpenAPI document passes the linters", () => {
  it("redocly lint: 0 errors", async () => {
    const out = JSON.parse(await report([bin("redocly"), "lint", file, "--format=json"]));
    const errors = out.problems.filter((p: { severity: string }) => p.severity === "error");
    expect(errors.map((p: { ruleId: string; message: string; location: { pointer: string }[] }) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
    // Warnings are listed so a new one shows up in review (not a failure).
    expect(out.problems.length).toBeLessThan(20);
  }, 120_000);

  it("spectral lint (spectral:oas): 0 errors", async () => {
    const out = JSON.parse(await report([bin("spectral"), "lint", file, "-r", join(dir, ".spectral.yaml"), "-f", "json", "-q"]) || "[]");
    // Spectral severities: 0 error, 1 warning, 2 information, 3 hint.
    const errors = out.filter((p: { severity: number }) => p.severity === 0);
    expect(errors.map((p: { code: string; path: string[]; message: string }) => `${p.code} ${p.path.join(".")}: ${p.message}`)).toEqual([]);
    expect(out.filter((p: { severity: number }) => p.severity === 1).map((p: { code: string; path: string[] }) => `${p.code} ${p.path.join(".")}`)).toEqual([]);
  }, 120_000);
});
