/**
 * The joint gate in bounded steps (issue 16): a console import settles a few township blocks
 * per queue message and keeps where it stands as JSON between them (joint-protect.ts
 * JointProgress, tables.ts GateProgress). A gate paused after every block and resumed from
 * its JSON must publish exactly what one uninterrupted run publishes — the same withheld
 * figures, the same reports — across townships, counties and a linked previous year.
 */
import { describe, expect, it } from "vitest";
import { computeRegisterTables, type GateProgress, type RegisterHouseholdFacts, type RegisterTables } from "../../worker/domain/disclosure";

const CAUSES = ["illness", "disability", "lack_of_labour", "lack_of_capital", "schooling", "other"] as const;

/** Two counties, the first with three townships: villages of 1–8 and of 18–30 households. */
function register(): RegisterHouseholdFacts[] {
  let seed = 20261203;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const villages = ["340223101201", "340223101202", "340223102201", "340223102202", "340223103201", "340225101201", "340225101202"];
  const data: RegisterHouseholdFacts[] = [];
  for (const villageCode of villages) {
    const count = random() < 0.4 ? 1 + Math.floor(random() * 8) : 18 + Math.floor(random() * 12);
    for (let i = 0; i < count; i++) {
      const exit = random();
      const exitYear = exit < 0.3 ? 2016 : exit < 0.5 ? 2017 : null;
      const identifiedYear = random() < 0.9 ? 2014 : 2017;
      data.push({
        villageCode,
        householdSize: 1 + Math.floor(random() * 7),
        cause: CAUSES[Math.floor(random() * CAUSES.length)]!,
        measures: random() < 0.5 ? ["industry"] : ["health", "employment"],
        identifiedYear,
        exitYear: identifiedYear === 2017 ? null : exitYear,
        returnedYear: identifiedYear !== 2017 && exitYear === 2016 && random() < 0.2 ? 2017 : null,
        monitoring: random() < 0.1 ? "edge" : "none",
      });
    }
  }
  return data;
}

/** The register as known at the end of `year`. */
function asOf(households: readonly RegisterHouseholdFacts[], year: number): RegisterHouseholdFacts[] {
  return households
    .filter((h) => h.identifiedYear <= year)
    .map((h) => ({ ...h, exitYear: h.exitYear !== null && h.exitYear <= year ? h.exitYear : null, returnedYear: h.returnedYear !== null && h.returnedYear <= year ? h.returnedYear : null }));
}

/** Everything a run decides (its clock aside). */
function decided(tables: RegisterTables) {
  return { ...tables, gate: tables.gate.map(({ millis: _millis, witnesses: { millis: _w, ...witnesses }, ...report }) => ({ ...report, witnesses })) };
}

describe("the joint gate in steps", () => {
  it("paused after every township block and resumed from JSON, it publishes what one run publishes", async () => {
    const households = register();
    const first = await computeRegisterTables(asOf(households, 2016), 2016, { joint: true });
    expect(first.unresolved).toBe(0);
    const neighbours = [{ year: 2016, rows: first.rows }];
    const whole = await computeRegisterTables(asOf(households, 2017), 2017, { joint: true, neighbours });
    expect(whole.unresolved).toBe(0);
    expect(whole.gate.map((g) => g.linkedYears)).toEqual([[2016], [2016]]);

    let steps = 0;
    let resume: GateProgress | undefined;
    let stepped: Awaited<ReturnType<typeof computeRegisterTables>>;
    for (;;) {
      const budget = { blocks: 1, worked: 0 };
      stepped = await computeRegisterTables(asOf(households, 2017), 2017, { joint: true, neighbours, resume, budget });
      steps++;
      expect(budget.worked, `step ${steps}`).toBeLessThanOrEqual(1);
      if (!stepped.paused) break;
      // Between steps only JSON survives (R2 in the console import).
      resume = JSON.parse(JSON.stringify(stepped.paused)) as GateProgress;
      expect(steps).toBeLessThan(100);
    }
    // Every county block and at least one township block per county did work: several steps,
    // and the first county was finished in an earlier step than the second.
    expect(steps).toBeGreaterThanOrEqual(4);
    expect(Object.keys(resume!.done)).toContain("340223000000");
    expect(decided(stepped)).toEqual(decided(whole));
  }, 600_000);
});
