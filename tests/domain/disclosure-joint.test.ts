/**
 * The joint attacker (issue 16): households and people, flows, breakdowns, levels and
 * years in one system, bounded by interval propagation and HiGHS linear programming.
 * Every release computeRegisterTables produces must survive the same attacker run over its
 * published rows (and the previous year's): no protected count narrowed below its rule.
 */
import { describe, expect, it } from "vitest";
import {
  attackReleases,
  computeRegisterTables,
  type PublishedRow,
  type RegisterHouseholdFacts,
} from "../../worker/domain/disclosure";
import { isPublishedMetric, METRIC_CODES } from "../../worker/domain/disclosure/categories";
import { describeViolation } from "../../worker/domain/disclosure/joint-check";
import { proveByVillageSwaps } from "../../worker/domain/disclosure/village-swaps";
import { highsSolver } from "../../worker/domain/disclosure/lp-solver";
import { BlockModel, propagateRows, rowKey, type ModelRegion, type YearFigures } from "../../worker/domain/disclosure/joint-model";
import { flowGroup, restrictToFlowGroups } from "../../worker/domain/disclosure/joint-protect";
import { tallyCounts } from "../../worker/domain/disclosure/tables";

const TOWNSHIP = "340223101";
const village = (n: number) => `${TOWNSHIP}${String(200 + n)}`;

function household(villageCode: string, overrides: Partial<RegisterHouseholdFacts> = {}): RegisterHouseholdFacts {
  return { villageCode, householdSize: 3, cause: "lack_of_labour", measures: ["industry"], identifiedYear: 2014, exitYear: null, returnedYear: null, monitoring: "none", ...overrides };
}

const find = (rows: readonly PublishedRow[], level: string, region: string, breakdown = "none", category = "total") =>
  rows.find((r) => r.level === level && r.regionCode === region && r.breakdown === breakdown && r.category === category);

/** Publishes the years in order (each with the previous as neighbour), then attacks them all. */
async function publishAndAttack(households: readonly RegisterHouseholdFacts[], years: readonly number[], witnessTries = 0) {
  const releases: { year: number; rows: PublishedRow[] }[] = [];
  for (const year of years) {
    const view = households
      .filter((h) => h.identifiedYear <= year)
      .map((h) => ({ ...h, exitYear: h.exitYear !== null && h.exitYear <= year ? h.exitYear : null, returnedYear: h.returnedYear !== null && h.returnedYear <= year ? h.returnedYear : null }));
    const tables = await computeRegisterTables(view, year, { neighbours: releases, joint: true, witnessTries });
    expect(tables.unresolved).toBe(0);
    releases.push({ year, rows: tables.rows });
  }
  const attack = attackReleases(await highsSolver(), releases);
  return { releases, attack, violations: attack.violations.map(describeViolation) };
}

describe("publication changes (issue 16)", () => {
  it("publishes village totals only (registered and exited households), no people by household size; small flows as totals only", async () => {
    const data = Array.from({ length: 30 }, (_, i) => household(village(1), { cause: i < 12 ? "illness" : "lack_of_capital", householdSize: 1 + (i % 6), returnedYear: i === 0 ? 2017 : null, exitYear: i === 0 ? 2016 : null }));
    const { rows } = await computeRegisterTables(data, 2017);
    expect(rows.filter((r) => r.level === "village" && r.breakdown !== "none")).toEqual([]);
    const size = find(rows, "township", `${TOWNSHIP}000`, "household_size", "2")!;
    expect(size.figures.registered_people.disclosure).toBe("withheld");
    expect(size.figures.registered_households.disclosure).not.toBe("withheld");
    const cause = find(rows, "township", `${TOWNSHIP}000`, "cause", "lack_of_capital")!;
    expect(cause.figures.returned_households.disclosure).toBe("withheld");
    const total = find(rows, "village", village(1))!.figures;
    expect(total.registered_households).toEqual({ value: 30, disclosure: "rounded" });
    expect(total.returned_households.disclosure).toBe("withheld");
    expect(find(rows, "township", `${TOWNSHIP}000`)!.figures.returned_households.disclosure).toBe("banded");
  });
});

describe("village swap proofs (village-swaps.ts)", () => {
  const illnessOf = (rows: string) => `2017|village|${village(1)}|cause|illness|${rows}`;
  async function swapProofs(data: RegisterHouseholdFacts[]) {
    const tables = await computeRegisterTables(data, 2017);
    const truth = new Map<string, number[]>();
    for (const h of data) {
      for (const key of [`village|${h.villageCode}|cause|${h.cause}`]) {
        const counts = truth.get(key) ?? new Array<number>(10).fill(0);
        counts[0]! += 1;
        counts[1]! += h.householdSize;
        truth.set(key, counts);
      }
    }
    const rows = new Map(tables.rows.map((r) => [`${r.level}|${r.regionCode}|${r.breakdown}|${r.category}`, METRIC_CODES.map((m) => (isPublishedMetric(r.breakdown, m, r.level) ? r.figures[m] : undefined))]));
    return proveByVillageSwaps(data, [{ year: 2017, rows, truth }]).proven;
  }

  it("proves a village's hidden health count when siblings hold households of the same kind to trade", async () => {
    const proven = await swapProofs([...Array.from({ length: 20 }, () => household(village(1), { cause: "illness" })), ...Array.from({ length: 20 }, () => household(village(2)))]);
    expect(proven.has(illnessOf("registered_households"))).toBe(true);
    expect(proven.has(illnessOf("registered_people"))).toBe(true);
  });

  it("proves nothing where no sibling could take the households' place (the LP decides)", async () => {
    const proven = await swapProofs([...Array.from({ length: 20 }, () => household(village(1), { cause: "illness" })), ...Array.from({ length: 20 }, () => household(village(2), { cause: "illness" }))]);
    expect(proven.has(illnessOf("registered_households"))).toBe(false);
  });
});

describe("the joint attacker on planted cases", () => {
  it("a one-household returned cause in a 20-household village stays hidden", async () => {
    const data = [
      ...Array.from({ length: 19 }, () => household(village(5), { cause: "illness" })),
      household(village(5), { cause: "lack_of_water", householdSize: 4, exitYear: 2015, returnedYear: 2017 }),
      ...Array.from({ length: 25 }, () => household(village(6), { cause: "illness", householdSize: 2 })),
    ];
    const { releases, violations } = await publishAndAttack(data, [2016, 2017]);
    expect(violations).toEqual([]);
    const rows = releases[1]!.rows;
    expect(rows.some((r) => r.level === "village" && r.breakdown === "cause")).toBe(false);
    // The return is visible only as a village total, never next to its cause or size.
    expect(find(rows, "township", `${TOWNSHIP}000`, "cause", "lack_of_water")!.figures.returned_households.disclosure).toBe("withheld");
  });

  it("a size band with one household is not pinned (households banded, people not published)", async () => {
    const data = [...Array.from({ length: 24 }, () => household(village(1), { householdSize: 2 })), household(village(1), { householdSize: 7, exitYear: 2017 })];
    const { releases, violations } = await publishAndAttack(data, [2017]);
    expect(violations).toEqual([]);
    expect(find(releases[0]!.rows, "village", village(1), "household_size", "6_plus")).toBeUndefined();
    const band = find(releases[0]!.rows, "township", `${TOWNSHIP}000`, "household_size", "6_plus")!;
    expect(band.figures.registered_people.disclosure).toBe("withheld");
  });

  it("year-to-year flows in a village of 8 do not single out a household", async () => {
    const data = [
      ...Array.from({ length: 6 }, () => household(village(3))),
      household(village(3), { identifiedYear: 2017, householdSize: 5 }),
      household(village(3), { exitYear: 2017, householdSize: 1 }),
      ...Array.from({ length: 30 }, (_, i) => household(village(4), { householdSize: 1 + (i % 5), exitYear: i % 3 === 0 ? 2016 : null })),
    ];
    const { violations } = await publishAndAttack(data, [2016, 2017]);
    expect(violations).toEqual([]);
  });

  it("unstable households that did not exit this year (or ever) are a register like any other: the model does not assume unstable ⊆ exited", async () => {
    // The register's 监测状态 is independent of the exit year (parse.ts accepts `monitored` with
    // no exit; the demo draws it independently), and `exited` counts exits of THIS year only. A
    // relation unstable ≤ exited would make these true counts infeasible: the gate would throw
    // "contradict its true counts" instead of publishing.
    const data = [
      ...Array.from({ length: 22 }, (_, i) => household(village(7), { householdSize: 1 + (i % 4), monitoring: i < 6 ? "monitored" : "none", exitYear: i >= 20 ? 2017 : null })),
      ...Array.from({ length: 24 }, (_, i) => household(village(8), { householdSize: 2, monitoring: i < 5 ? "monitored" : "none", exitYear: i < 2 ? 2015 : null })),
    ];
    const { releases, violations } = await publishAndAttack(data, [2016, 2017]);
    expect(violations).toEqual([]);
    const county = find(releases[1]!.rows, "county", "340223000000")!.figures;
    // True counts: 11 unstable households, 2 exited in 2017 — more unstable than exited.
    expect(county.unstable_households.disclosure).not.toBe("zero");
    expect(county.exited_households.disclosure).not.toBe("zero");
  });

  it("finds the exposure the audit found when figures are published unprotected (size band 2: 65 households, 135 people)", async () => {
    // The audit's Nanling example, rebuilt: households 63–67 and people 133–137 with
    // people = 2 × households admit only 67 and 134. The attacker must see it.
    const county = "340223000000";
    const rows: PublishedRow[] = [
      { level: "county", regionCode: county, breakdown: "none", category: "total", figures: figures({ registered_people: 200, exited_households: 65, exited_people: 135 }) },
      { level: "county", regionCode: county, breakdown: "household_size", category: "2", figures: figures({ registered_households: 100, registered_people: 200, exited_households: 65, exited_people: 135 }) },
      { level: "township", regionCode: `${TOWNSHIP}000`, breakdown: "none", category: "total", figures: figures({ registered_people: 200, exited_households: 65, exited_people: 135 }) },
    ];
    const attack = attackReleases(await highsSolver(), [{ year: 2016, rows }]);
    expect(attack.violations.map((v) => `${v.cell.breakdown}/${v.cell.category} ${v.cell.metric} ${v.lo}-${v.hi}`)).toContain("household_size/2 exited_households 67-67");
  });
});

function figures(values: Record<string, number>): PublishedRow["figures"] {
  const out = {} as PublishedRow["figures"];
  for (const metric of ["registered_households", "registered_people", "exited_households", "exited_people", "newly_identified_households", "newly_identified_people", "returned_households", "returned_people", "monitored_households", "monitored_people"] as const) {
    const v = values[metric] ?? (metric.startsWith("registered") ? (metric.endsWith("people") ? 300 : 100) : 0);
    out[metric] = v === 0 ? { value: 0, disclosure: "zero" } : { value: v, disclosure: "rounded" };
  }
  return out;
}

describe("property: random small registers", () => {
  it("the exact attacker never narrows a protected count of a published release below its rule", async () => {
    let seed = 20261201;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const causes = ["illness", "disability", "lack_of_labour", "lack_of_capital", "schooling", "other"] as const;
    for (let trial = 0; trial < 6; trial++) {
      const data: RegisterHouseholdFacts[] = [];
      const villages = 2 + Math.floor(random() * 3);
      // Trials 4 and 5 spread the villages over two townships: the county's own counts are
      // then settled by the county block (restrictions, then complementary suppression).
      const twoTownships = trial >= 4;
      for (let v = 1; v <= (twoTownships ? 2 * villages : villages); v++) {
        const code = twoTownships && v > villages ? `340223102${String(200 + v)}` : village(v);
        const count = random() < 0.4 ? 1 + Math.floor(random() * 8) : 18 + Math.floor(random() * 12);
        for (let i = 0; i < count; i++) {
          const exit = random();
          const exitYear = exit < 0.3 ? 2016 : exit < 0.5 ? 2017 : null;
          data.push(
            household(code, {
              householdSize: 1 + Math.floor(random() * 7),
              cause: causes[Math.floor(random() * causes.length)]!,
              measures: random() < 0.5 ? ["industry"] : ["health", "employment"],
              identifiedYear: random() < 0.9 ? 2014 : 2017,
              exitYear,
              returnedYear: exitYear === 2016 && random() < 0.2 ? 2017 : null,
              monitoring: random() < 0.1 ? "edge" : "none",
            }),
          );
        }
      }
      const clean = data.map((h) => (h.identifiedYear === 2017 ? { ...h, exitYear: null, returnedYear: null } : h));
      // Odd trials let the witness registers (witnesses.ts) prove what they can before the LP:
      // were a witness unsound, the attacker below would find what it let through.
      const { violations } = await publishAndAttack(clean, [2016, 2017], trial % 2 === 1 ? 40 : 0);
      expect(violations, `trial ${trial}`).toEqual([]);
    }
  }, 900_000);
});

describe("flow-group restrictions of a linked block (joint-protect.ts proveByFlowGroups)", () => {
  it("pin only true counts inside the attacker's bounds, and every LP point of a restriction satisfies the whole linked system", async () => {
    const causes = ["illness", "lack_of_land", "lack_of_labour", "other"] as const;
    const data: RegisterHouseholdFacts[] = [];
    for (let i = 0; i < 46; i++) {
      data.push(
        household(village(1 + (i % 2)), {
          householdSize: 1 + (i % 5),
          cause: causes[i % causes.length]!,
          measures: i % 3 === 0 ? ["industry"] : ["health"],
          identifiedYear: i % 9 === 0 ? 2017 : 2014,
          exitYear: i % 9 === 0 ? null : i % 4 === 1 ? 2016 : i % 7 === 2 ? 2017 : null,
          returnedYear: i % 12 === 5 ? 2017 : null,
          monitoring: i % 8 === 3 ? "edge" : i % 8 === 5 ? "monitored" : "none",
        }),
      );
    }
    const releases: { year: number; rows: PublishedRow[] }[] = [];
    for (const year of [2016, 2017]) {
      const view = data.filter((h) => h.identifiedYear <= year).map((h) => ({ ...h, exitYear: h.exitYear !== null && h.exitYear <= year ? h.exitYear : null, returnedYear: h.returnedYear !== null && h.returnedYear <= year ? h.returnedYear : null }));
      releases.push({ year, rows: (await computeRegisterTables(view, year, { neighbours: releases, joint: true })).rows });
    }
    const county = "340223000000";
    const years: YearFigures[] = releases.map(({ year, rows }) => ({
      year,
      rows: new Map(rows.map((r) => [rowKey(r.level, r.regionCode, r.breakdown, r.category), METRIC_CODES.map((m) => (isPublishedMetric(r.breakdown, m, r.level, { riskCauses: true }) ? r.figures[m] : undefined))])),
      // The true counts, rebuilt from the later file as the gate does for the year before.
      truth: tallyCounts(data, year).counts.get(county)!,
    }));
    const regions: ModelRegion[] = [
      { level: "county", code: county, parent: -1 },
      { level: "township", code: `${TOWNSHIP}000`, parent: 0 },
      { level: "village", code: village(1), parent: 1 },
      { level: "village", code: village(2), parent: 1 },
    ];
    const model = new BlockModel(regions, years, 2017, true);
    const s = model.system;
    const lower = s.lower.slice();
    const upper = s.upper.slice();
    expect(propagateRows(s, lower, upper)).toBe(true);
    const truth = Float64Array.from(model.truth, (t) => t ?? 0);
    const activity = (x: ArrayLike<number>, r: number) => {
      let sum = 0;
      for (let k = s.rowStart[r]!; k < s.rowStart[r + 1]!; k++) sum += s.rowValue[k]! * x[s.rowIndex[k]!]!;
      return sum;
    };
    const rows = s.rowLo.length;
    // The premise of every restriction: the truth is a point of the attacker's system.
    for (let v = 0; v < s.n; v++) expect(lower[v]! <= truth[v]! && truth[v]! <= upper[v]!, `truth of ${JSON.stringify(model.cell(v))}`).toBe(true);
    for (let r = 0; r < rows; r++) expect(activity(truth, r) >= s.rowLo[r]! - 1e-9 && activity(truth, r) <= s.rowHi[r]! + 1e-9, `row ${r} at the truth`).toBe(true);
    const groups = new Set(Array.from({ length: s.n }, (_, v) => flowGroup(model, v)));
    expect([...groups].sort()).toEqual(["0|2", "0|4", "0|6", "0|monitoring", "1|2", "1|6", "1|monitoring", "stock"]);
    const highs = await highsSolver();
    const restrictions: ((g: string) => boolean)[] = [...[...groups].map((group) => (g: string) => g === group), (g) => g === "stock" || g.startsWith("0|"), (g) => g === "stock" || g.startsWith("1|")];
    let moved = 0;
    for (const free of restrictions) {
      const { lo, hi } = restrictToFlowGroups(model, lower, upper, truth, free);
      const inf = highs.infinity;
      const clamp = (x: number) => (x === Infinity ? inf : x === -Infinity ? -inf : x);
      for (const sense of [highs.constants.objectiveSense.minimize, highs.constants.objectiveSense.maximize]) {
        const lp = highs.createModel({
          numCols: s.n,
          numRows: rows,
          colCost: Float64Array.from({ length: s.n }, (_, v) => (lo[v]! < hi[v]! ? 1 + (v % 3) : 0)),
          colLower: Float64Array.from(lo, clamp),
          colUpper: Float64Array.from(hi, (x) => clamp(Math.min(x, 10_000))),
          rowLower: Float64Array.from(s.rowLo, clamp),
          rowUpper: Float64Array.from(s.rowHi, clamp),
          matrix: { format: "csr", numRows: rows, numCols: s.n, starts: Int32Array.from(s.rowStart), indices: Int32Array.from(s.rowIndex), values: Float64Array.from(s.rowValue) },
        });
        try {
          lp.options.set({ output_flag: false });
          lp.changeObjectiveSense(sense);
          lp.run();
          expect(lp.getModelStatus()).toBe(highs.constants.modelStatus.optimal);
          const x = lp.getSolution().colValue;
          for (let v = 0; v < s.n; v++) {
            expect(x[v]! >= lower[v]! - 1e-6 && x[v]! <= upper[v]! + 1e-6, `bounds of ${JSON.stringify(model.cell(v))}`).toBe(true);
            if (Math.abs(x[v]! - truth[v]!) > 1e-6) moved++;
          }
          for (let r = 0; r < rows; r++) expect(activity(x, r) >= s.rowLo[r]! - 1e-6 && activity(x, r) <= s.rowHi[r]! + 1e-6, `row ${r}`).toBe(true);
        } finally {
          lp.dispose();
        }
      }
    }
    // The restrictions are not the truth alone: their points move counts.
    expect(moved).toBeGreaterThan(0);
  }, 300_000);
});
