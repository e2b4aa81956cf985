/**
 * The year-over-year attack on dynamic-monitoring figures (issue 15 §2), on a small
 * register built to invite it: a village of 24 households gains 2 in 2017, so both years'
 * registered count is published as 25 and the new identifications as `1-7` — and
 * 25 − 25 says "0 to 4 new", which with "1-7" leaves 1–4: a hidden flow narrowed to fewer
 * than 5 values. The monitoring rows (worker/routes/monitoring: the published register
 * rows, totals and causes) are attacked both by that interval arithmetic and by the joint
 * attacker (worker/domain/disclosure: continuity, subsets, sums, LP), and must survive both
 * when the release was published through the joint gate.
 */
import { describe, expect, it } from "vitest";
import { computeRegisterTables, jointAttack, type PublishedRow, type RegisterHouseholdFacts } from "../../worker/domain/disclosure";
import { describeViolation } from "../../worker/domain/disclosure/joint-check";
import { highsSolver } from "../../worker/domain/disclosure/lp-solver";
import { monitoringJson } from "../../worker/routes/monitoring/monitoring.handlers";
import { rowKey, yearOverYearAttack, type Row } from "../helpers/monitoring";

const TOWNSHIP = "340223101";
const village = (n: number) => `${TOWNSHIP}${String(200 + n)}`;

function household(villageCode: string, i: number, overrides: Partial<RegisterHouseholdFacts> = {}): RegisterHouseholdFacts {
  return { villageCode, householdSize: 1 + (i % 5), cause: i % 3 === 0 ? "illness" : "lack_of_labour", measures: ["industry"], identifiedYear: 2014, exitYear: null, returnedYear: null, monitoring: "none", ...overrides };
}

const REGISTER: RegisterHouseholdFacts[] = [
  // 24 in 2016, 26 in 2017: both published 25.
  ...Array.from({ length: 24 }, (_, i) => household(village(1), i, { exitYear: i < 6 ? 2016 : null })),
  household(village(1), 24, { identifiedYear: 2017 }),
  household(village(1), 25, { identifiedYear: 2017, monitoring: "edge" }),
  // Exits both years, one return in 2017, monitored households.
  ...Array.from({ length: 31 }, (_, i) => household(village(2), i, { exitYear: i < 10 ? 2016 : i < 16 ? 2017 : null, returnedYear: i === 3 ? 2017 : null, monitoring: i > 27 ? "monitored" : "none" })),
  ...Array.from({ length: 22 }, (_, i) => household(village(3), i, { identifiedYear: i === 0 ? 2017 : 2014, monitoring: i === 5 ? "edge" : "none" })),
  ...Array.from({ length: 5 }, (_, i) => household(village(4), i)),
];

/** Publishes 2016 then 2017 (the earlier release as the later one's neighbour), like two imports. */
async function publish(joint: boolean) {
  const releases: { year: number; rows: PublishedRow[] }[] = [];
  for (const year of [2016, 2017]) {
    const view = REGISTER.filter((h) => h.identifiedYear <= year).map((h) => ({
      ...h,
      exitYear: h.exitYear !== null && h.exitYear <= year ? h.exitYear : null,
      returnedYear: h.returnedYear !== null && h.returnedYear <= year ? h.returnedYear : null,
    }));
    const tables = await computeRegisterTables(view, year, { neighbours: releases, joint });
    expect(tables.unresolved).toBe(0);
    releases.push({ year, rows: tables.rows });
  }
  return releases;
}

/** What GET /api/v1/monitoring serves of these releases: totals and causes, through the route's own serializer. */
function monitoringRows(releases: readonly { year: number; rows: readonly PublishedRow[] }[]) {
  return releases.flatMap(({ year, rows }) =>
    rows
      .filter((r) => r.breakdown === "none" || r.breakdown === "cause")
      .map((r) => monitoringJson({ ...r, year, releaseId: `rel_test${year}`, regionNameZh: null, regionNameEn: null, demo: false })),
  );
}

describe("the year-over-year attack on monitoring figures", () => {
  it("leaves nothing to pin at village level: villages publish registered and exited households only (issue 16)", async () => {
    const rows = monitoringRows(await publish(false));
    const byKey = new Map(rows.map((r) => [rowKey(r as Row), r as Row]));
    expect(byKey.get(`2016|village|${village(1)}|none|total`)!.figures.registered_households).toMatchObject({ value: 25 });
    expect(byKey.get(`2017|village|${village(1)}|none|total`)!.figures.registered_households).toMatchObject({ value: 25 });
    // Before issue 16 the village's new identifications were published `1-7` beside 25 and 25,
    // which left 1–4: now they are withheld, and 25 − 25 ≥ 0 narrows nothing.
    expect(byKey.get(`2017|village|${village(1)}|none|total`)!.figures.newly_identified_households).toMatchObject({ disclosure: "withheld" });
    expect(yearOverYearAttack(byKey).narrowed.filter((n) => n.includes("|village|"))).toEqual([]);
  });

  it("narrows nothing once both releases went through the joint gate: neither by intervals nor by the joint attacker", async () => {
    const releases = await publish(true);
    const rows = monitoringRows(releases);
    const byKey = new Map(rows.map((r) => [rowKey(r as Row), r as Row]));
    const attack = yearOverYearAttack(byKey);
    expect(attack.narrowed).toEqual([]);
    expect(attack.attacked).toBeGreaterThan(0);
    // The joint attacker reads the monitoring rows as a crawl would. With no village broken
    // down anywhere, it infers nothing of R3 from missing rows (a partial output must not throw).
    const joint = jointAttack(await highsSolver(), [{ source: "/api/v1/monitoring", format: "json", body: JSON.stringify({ data: rows }) }]);
    expect(joint.counties.map((c) => c.county)).toEqual(["340223000000"]);
    expect(joint.violations.map(describeViolation)).toEqual([]);
  }, 300_000);
});
