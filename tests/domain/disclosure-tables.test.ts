import { describe, expect, it } from "vitest";
import {
  attackBounds,
  attackReleases,
  computeRegisterTables,
  MIN_POSSIBLE_VALUES,
  protectTable,
  type ProtectionCell,
  type PublishedRow,
  type RegisterHouseholdFacts,
} from "../../worker/domain/disclosure";
import { describeViolation } from "../../worker/domain/disclosure/joint-check";
import { highsSolver } from "../../worker/domain/disclosure/lp-solver";

function households(village: string, count: number, overrides: Partial<RegisterHouseholdFacts> = {}): RegisterHouseholdFacts[] {
  return Array.from({ length: count }, () => ({
    villageCode: village,
    householdSize: 3,
    cause: "lack_of_labour",
    measures: ["industry"],
    identifiedYear: 2014,
    exitYear: null,
    returnedYear: null,
    monitoring: "none",
    ...overrides,
  }));
}

const find = (rows: PublishedRow[], level: string, region: string, breakdown = "none", category = "total") =>
  rows.find((r) => r.level === level && r.regionCode === region && r.breakdown === breakdown && r.category === category);

describe("computeRegisterTables", () => {
  it("computes totals from unrounded data, then rounds them (3 + 3 + 3 = 9 → 10, not 1-7 three times summed)", async () => {
    const { rows } = await computeRegisterTables(
      [...households("340223101201", 3), ...households("340223101202", 3), ...households("340223101203", 3)],
      2017,
      { joint: true },
    );
    expect(find(rows, "township", "340223101000")!.figures.registered_households).toEqual({ value: 10, disclosure: "rounded" });
    // 27 people → 25. Every household has 3 people, so people = 3 × households could narrow a
    // village's banded count to 3 or 4 (issue 16): the joint gate withholds next to it (the
    // county's totals last), and the exact attacker finds nothing in what is published.
    expect(find(rows, "county", "340223000000")!.figures.registered_people).toEqual({ value: 25, disclosure: "rounded" });
    expect(attackReleases(await highsSolver(), [{ year: 2017, rows }]).violations.map(describeViolation)).toEqual([]);
  });

  it("gives every village its totals only, under 20 households (R3) or not (issue 16): registered and exited households", async () => {
    const { rows } = await computeRegisterTables([...households("340223101201", 19), ...households("340223101202", 20), ...households("340223101203", 30)], 2017);
    expect(find(rows, "village", "340223101201")).toBeDefined();
    expect(rows.filter((r) => r.level === "village" && r.breakdown !== "none")).toEqual([]);
    const village = find(rows, "village", "340223101203")!.figures;
    expect(village.registered_households).toEqual({ value: 30, disclosure: "rounded" });
    expect(village.registered_people.disclosure).toBe("withheld");
    expect(rows.filter((r) => r.level === "township" && r.breakdown === "household_size")).toHaveLength(6);
  });

  it("publishes illness, disability and the health measure from township level up only (R4)", async () => {
    const { rows } = await computeRegisterTables(households("340223101201", 40, { cause: "illness", measures: ["health"] }), 2017);
    const village = rows.filter((r) => r.level === "village");
    expect(village.some((r) => ["illness", "disability", "health"].includes(r.category))).toBe(false);
    expect(find(rows, "township", "340223101000", "cause", "illness")).toBeDefined();
    expect(find(rows, "county", "340223000000", "measure", "health")).toBeDefined();
  });

  it("publishes every fixed category, zeros included, in every release (R5)", async () => {
    const { rows } = await computeRegisterTables(households("340223101201", 25), 2017);
    const causes = rows.filter((r) => r.level === "township" && r.breakdown === "cause");
    expect(causes).toHaveLength(12);
    expect(causes.find((r) => r.category === "disaster")!.figures.registered_households).toEqual({ value: 0, disclosure: "zero" });
  });

  it("counts the year's flows: exits, new identifications and returns of that year, and monitoring", async () => {
    const data = [
      ...households("340223101201", 10, { exitYear: 2017 }),
      ...households("340223101201", 10, { identifiedYear: 2017 }),
      ...households("340223101201", 10, { exitYear: 2015, returnedYear: 2017, monitoring: "edge" }),
    ];
    const total = find((await computeRegisterTables(data, 2017)).rows, "county", "340223000000")!.figures;
    expect(total.registered_households.value).toBe(30);
    expect(total.exited_households.value).toBe(10);
    expect(total.newly_identified_households.value).toBe(10);
    expect(total.returned_households.value).toBe(10);
    expect(total.monitored_households.value).toBe(10);
    // Every household has 3 people, and people = 3 × households in the size bands: with one
    // size band only, the joint gate withholds what that equation would pin (people 90 →
    // 88–92 households × 3 leaves only 30), and leaves nothing exposed.
    const joint = await computeRegisterTables(data, 2017, { joint: true });
    expect(joint.unresolved).toBe(0);
    expect(find(joint.rows, "county", "340223000000")!.figures.monitored_people.disclosure).not.toBe("banded");
  });

  it("never publishes a figure that R2 could not have produced", async () => {
    const data = Array.from({ length: 40 }, (_, i) => households(`340223101${String(201 + (i % 13))}`, 1 + ((i * 7) % 23), { householdSize: 1 + (i % 6) })).flat();
    const { rows, unresolved } = await computeRegisterTables(data, 2017);
    expect(unresolved).toBe(0);
    for (const row of rows) {
      for (const figure of Object.values(row.figures)) {
        if (figure.value === null) expect(["banded", "withheld"]).toContain(figure.disclosure);
        else expect(figure.value === 0 || (figure.value >= 10 && figure.value % 5 === 0)).toBe(true);
      }
    }
  });
});

describe("protectTable (secondary suppression)", () => {
  // A township of 17 households over three villages: 1, 8 and 8.
  const cells: ProtectionCell[] = [
    { truth: 17, published: true, withholdRank: 2 },
    { truth: 1, published: true, withholdRank: 0 },
    { truth: 8, published: true, withholdRank: 0 },
    { truth: 8, published: true, withholdRank: 0 },
  ];
  const relations = [{ parent: 0, children: [1, 2, 3] }];

  it("shows why R2 alone is not enough: 15 − 10 − 10 pins the banded village to exactly 1", async () => {
    const figures = cells.map((c) => ({ value: c.truth <= 7 ? null : Math.round(c.truth / 5) * 5, disclosure: c.truth <= 7 ? ("banded" as const) : ("rounded" as const) }));
    const { lo, hi } = attackBounds(cells, figures, relations);
    expect([lo[1], hi[1]]).toEqual([1, 1]);
  });

  it("withholds a neighbour so that the banded village keeps at least 5 possible values", async () => {
    const result = protectTable(cells, relations);
    expect(result.unresolved).toEqual([]);
    expect(result.withheld).toBeGreaterThan(0);
    expect(result.figures[0]).toEqual({ value: 15, disclosure: "rounded" });
    const { lo, hi } = attackBounds(cells, result.figures, relations);
    expect(hi[1]! - lo[1]! + 1).toBeGreaterThanOrEqual(MIN_POSSIBLE_VALUES);
    for (let i = 0; i < cells.length; i++) expect(hi[i]! - lo[i]!, `cell ${i}`).toBeGreaterThan(0);
  });

  it("withholds nothing when rounding already hides enough", async () => {
    const easy: ProtectionCell[] = [
      { truth: 40, published: true, withholdRank: 2 },
      { truth: 3, published: true, withholdRank: 0 },
      { truth: 4, published: true, withholdRank: 0 },
      { truth: 33, published: true, withholdRank: 0 },
    ];
    expect(protectTable(easy, relations).withheld).toBe(0);
  });
});
