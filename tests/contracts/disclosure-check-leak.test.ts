/**
 * `npm run disclosure-check` end to end (issue 16): the command's own body
 * (scripts/disclosure/run.ts) crawls the Worker's real entry point, and on a planted leaking
 * release it must exit non-zero naming the cell, the published figures it used and the
 * feasible range. The planted release is the audit's Nanling example: size band 2 published
 * with 65 exited households and 135 exited people, which only 67 households (134 people)
 * fit, because people = 2 × households in that band.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { highsSolver } from "../../worker/domain/disclosure/lp-solver";
import { runDisclosureCheck } from "../../scripts/disclosure/run";
import { api } from "../helpers/api";

const COUNTY = "340223000000";
const TOWNSHIP = "340223101000";

beforeAll(async () => {
  const regions = [
    ["340000000000", null, "province"],
    ["340200000000", "340000000000", "city"],
    [COUNTY, "340200000000", "county"],
    [TOWNSHIP, COUNTY, "township"],
  ] as const;
  const statements = regions.map(([code, parent, level]) =>
    env.DB.prepare("INSERT INTO regions (code, parent_code, level, name_zh, name_en, is_demo) VALUES (?, ?, ?, ?, ?, 1)").bind(code, parent, level, `测试${level}`, `Test ${level}`),
  );
  statements.push(
    env.DB.prepare(
      "INSERT INTO register_releases (id, scope_code, year, file_sha256, status, created_by, created_at, activated_at, households, people, villages, statistics_rows, withheld_figures) VALUES ('rel_plantedleak', ?, 2016, ?, 'active', 'test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 100, 200, 0, 3, 0)",
    ).bind(COUNTY, "0".repeat(64)),
  );
  // registered 100 households / 200 people, exited 65 / 135, nothing else (0).
  const figures = [100, 200, 65, 135, 0, 0, 0, 0, 0, 0];
  for (const [level, region, breakdown, category] of [
    ["county", COUNTY, "none", "total"],
    ["county", COUNTY, "household_size", "2"],
    ["township", TOWNSHIP, "none", "total"],
  ]) {
    statements.push(
      env.DB.prepare(
        `INSERT INTO register_statistics (release_id, year, level, region_code, breakdown, category, registered_households, registered_people, exited_households, exited_people,
          newly_identified_households, newly_identified_people, returned_households, returned_people, monitored_households, monitored_people)
         VALUES ('rel_plantedleak', 2016, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(level, region, breakdown, category, ...figures),
    );
  }
  await env.DB.batch(statements);
});

describe("npm run disclosure-check on a planted leaking release", () => {
  it("exits 1 and names the cell, the figures used and the feasible range", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const { exitCode, outputs } = await runDisclosureCheck({
      get: (path) => api(path),
      highs: await highsSolver(),
      gate: { forbidden: [] },
      // The register statistics only: the leak is there, and the whole crawl is the gate test's.
      scope: { pathValues: 0, maxPages: 0, only: (path) => path.startsWith("/api/v1/statistics/register") },
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    expect(outputs.length).toBeGreaterThan(0);
    expect(exitCode).toBe(1);
    const line = err.find((l) => l.includes(`2016 county ${COUNTY} household_size/2 exited_households`));
    expect(line, err.join("\n")).toBeDefined();
    expect(line).toContain("feasible exactly 67");
    expect(line).toContain("a rounded figure must keep ≥ 2 values");
    expect(line).toMatch(/published figures used: .*household_size\/2 exited_people = 135/);
  }, 120_000);
});
