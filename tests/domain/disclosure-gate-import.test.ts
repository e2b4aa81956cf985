/**
 * The joint disclosure gate at import (issue 16): every release written through the one write
 * path (importHouseholds → prepareHouseholdImport → registerTables) is attacked with the
 * previous year's active release, inside the Worker (HiGHS WebAssembly), and what it stores
 * survives the same exact attacker. The demo's protected tables come from the run's global
 * setup (tests/global-setup.ts); this file's own registers miss that cache and run the gate here.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { inject } from "vitest";
import { createDb } from "../../worker/db/client";
import { getActiveRelease, releaseRows } from "../../worker/db/queries/register";
import { attackReleases } from "../../worker/domain/disclosure";
import { describeViolation } from "../../worker/domain/disclosure/joint-check";
import { highsSolver } from "../../worker/domain/disclosure/lp-solver";
import { METRIC_CODES } from "../../worker/domain/disclosure/categories";
import { tablesKey } from "../../worker/domain/disclosure/tables-cache";
import type { RegisterHouseholdFacts } from "../../worker/domain/disclosure/tables";
import { importHouseholds, JOINT_GATE_BY_DEFAULT, previousYearReleases, useJointGateAtImport } from "../../worker/writes/register-imports";
import { PLACES } from "../../worker/demo/official-figures";
import { DEMO_REGISTER_YEARS } from "../../worker/demo/register";
import { seedOnce } from "../helpers/api";

const COUNTY = "341801000000";
const TOWNSHIPS = ["341801100000", "341801101000"];
const villageOf = (t: number, v: number) => `${TOWNSHIPS[t]!.slice(0, 9)}${200 + v}`;

beforeAll(async () => {
  const regions: [string, string | null, string][] = [
    ["340000000000", null, "province"],
    ["341800000000", "340000000000", "city"],
    [COUNTY, "341800000000", "county"],
  ];
  TOWNSHIPS.forEach((t, i) => {
    regions.push([t, COUNTY, "township"]);
    for (let v = 1; v <= 3; v++) regions.push([villageOf(i, v), t, "village"]);
  });
  await env.DB.batch(regions.map(([code, parent, level]) => env.DB.prepare("INSERT INTO regions (code, parent_code, level, name_zh, name_en, is_demo) VALUES (?, ?, ?, ?, ?, 1)").bind(code, parent, level, `测试${code}`, `Test ${code}`)));
});

/** A register file of two townships, three villages each; a deterministic mix of sizes, causes and flows. */
function registerFile(year: number): string {
  const causes = ["illness", "disability", "lack_of_labour", "lack_of_capital", "schooling", "other"];
  let csv = "register_no,village_code,household_size,cause,measures,identified_year,exit_year,returned_year,monitoring\n";
  let n = 0;
  for (let t = 0; t < 2; t++) {
    for (let v = 1; v <= 3; v++) {
      const count = v === 1 ? 4 : 18 + 5 * v + t;
      for (let i = 0; i < count; i++) {
        n++;
        const identified = n % 23 === 0 ? 2017 : 2014;
        if (identified > year) continue;
        const exit = identified === 2014 && n % 3 === 0 ? 2016 : identified === 2014 && n % 5 === 0 ? 2017 : null;
        const exitYear = exit !== null && exit <= year ? exit : null;
        const returnedYear = exitYear === 2016 && year >= 2017 && n % 17 === 0 ? 2017 : null;
        csv += `H${n},${villageOf(t, v)},${1 + (n % 7)},${causes[n % causes.length]},${n % 2 ? "industry" : "health;employment"},${identified},${exitYear ?? ""},${returnedYear ?? ""},${n % 11 === 0 ? "edge" : "none"}\n`;
      }
    }
  }
  return csv;
}

const same = (a: Record<string, { value: number | null; disclosure: string }>, b: Record<string, { value: number | null; disclosure: string }>) =>
  Object.keys(b).every((m) => a[m]?.value === b[m]!.value && a[m]?.disclosure === b[m]!.disclosure);

describe("the joint gate at import", () => {
  it("imports two years through importHouseholds: the second is attacked with the first, and both survive the exact attacker", async () => {
    const db = createDb(env.DB);
    const input = (year: number) => ({ text: registerFile(year), year, scopeCode: COUNTY, tokenRegion: COUNTY, createdBy: "test", pseudonymKey: env.PSEUDONYM_KEY });
    useJointGateAtImport(true);
    onTestFinished(() => useJointGateAtImport(JOINT_GATE_BY_DEFAULT));
    const first = await importHouseholds(db, input(2016));
    expect(first.status).toBe("imported");
    const neighbours = await previousYearReleases(db, COUNTY, 2017);
    expect(neighbours.map((n) => [n.year, n.rows.length])).toEqual([[2016, first.summary.statistics_rows]]);
    const second = await importHouseholds(db, input(2017));
    expect(second.status).toBe("imported");

    const releases = [];
    for (const year of [2016, 2017]) releases.push({ year, rows: await releaseRows(db, (await getActiveRelease(db, COUNTY, year))!.id, COUNTY) });
    expect(releases.map((r) => r.rows.length)).toEqual([first.summary.statistics_rows, second.summary.statistics_rows]);
    const attack = attackReleases(await highsSolver(), releases);
    expect(attack.counties.map((c) => [c.county, c.yearsLinked])).toEqual([[COUNTY, true]]);
    expect(attack.violations.map(describeViolation)).toEqual([]);
  }, 600_000);

  it("the demo's releases were computed once for the whole run (global setup) and the seed finds them by their input's hash", async () => {
    const tables = Object.values(inject("registerTables"));
    expect(tables).toHaveLength(2);
    for (const t of tables) {
      expect(t.unresolved).toBe(0);
      // Through the joint gate, county by county; the second year linked to the first.
      expect(t.gate.map((g) => g.county)).toEqual([PLACES.nanling, PLACES.wuwei]);
      expect(t.withheldJointly).toBeGreaterThan(0);
    }
    expect(tables.map((t) => t.gate.map((g) => g.linkedYears.length)).sort()).toEqual([[0, 0], [1, 1]]);
    // Seeding the demo here imports both years through registerTables: on a cache miss the
    // gate would run again in this worker (minutes; the hook's timeout would end it).
    await seedOnce();
    const db = createDb(env.DB);
    for (const year of DEMO_REGISTER_YEARS) {
      const stored = await releaseRows(db, (await getActiveRelease(db, PLACES.wuhu, year))!.id, PLACES.wuhu);
      const expected = tables.find((t) => t.rows.length === stored.length && stored.every((row) => t.rows.some((r) => r.level === row.level && r.regionCode === row.regionCode && r.breakdown === row.breakdown && r.category === row.category && same(r.figures, row.figures))));
      expect(expected, `the ${year} release equals one the global setup computed`).toBeDefined();
    }
  }, 120_000);

  it("keys the cache by every fact the gate reads, the neighbours' rows in any order", async () => {
    const h: RegisterHouseholdFacts = { villageCode: villageOf(0, 2), householdSize: 3, cause: "illness", measures: ["health"], identifiedYear: 2014, exitYear: null, returnedYear: null, monitoring: "none" };
    const row = (region: string, value: number) => ({ level: "village" as const, regionCode: region, breakdown: "none" as const, category: "total", figures: Object.fromEntries(METRIC_CODES.map((m) => [m, { value, disclosure: value === 0 ? "zero" : "rounded" }])) as never });
    const a = [row(villageOf(0, 1), 10), row(villageOf(0, 2), 0)];
    const key = await tablesKey([h], 2017, [{ year: 2016, rows: a }]);
    expect(await tablesKey([h], 2017, [{ year: 2016, rows: [...a].reverse() }])).toBe(key);
    expect(await tablesKey([{ ...h, householdSize: 4 }], 2017, [{ year: 2016, rows: a }])).not.toBe(key);
    expect(await tablesKey([{ ...h, measures: [] }], 2017, [{ year: 2016, rows: a }])).not.toBe(key);
    expect(await tablesKey([h], 2017, [{ year: 2016, rows: [row(villageOf(0, 1), 15), a[1]!] }])).not.toBe(key);
    expect(await tablesKey([h], 2018, [{ year: 2016, rows: a }])).not.toBe(key);
    expect(await tablesKey([h], 2017, [{ year: 2016, rows: a }], false)).not.toBe(key);
  });
});
