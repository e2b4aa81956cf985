import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { db, seedOnce } from "../helpers/api";
import { fullScans, missingIndex, nameSearchCase, queryPlanCases, unboundedRanges, type PlanCase } from "./query-plan-cases";

beforeAll(seedOnce);

async function explain(planCase: PlanCase): Promise<string[]> {
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${planCase.sql}`)
    .bind(...planCase.params)
    .all<{ detail: string }>();
  return results.map((row) => row.detail);
}

function describePlan(planCase: PlanCase, plan: readonly string[]): string {
  return `${planCase.name}\n  ${planCase.sql}\n  params ${JSON.stringify(planCase.params)}\n  plan:\n    ${plan.join("\n    ")}`;
}

describe("query plans of the documented filters", () => {
  // The exact SQL the query modules send (drizzle's toSQL on the same builders).
  for (const planCase of queryPlanCases(db())) {
    it(`${planCase.name} reads through its filter's index, bounded at both ends of any code range`, async () => {
      const plan = await explain(planCase);
      expect(plan.length, describePlan(planCase, plan)).toBeGreaterThan(0);
      expect(fullScans(plan), describePlan(planCase, plan)).toEqual([]);
      expect(unboundedRanges(planCase, plan), describePlan(planCase, plan)).toEqual([]);
      expect(missingIndex(planCase, plan), describePlan(planCase, plan)).toEqual([]);
    });
  }

  it("regions?q (name contains) reads the search index, not every region", async () => {
    // It was the one documented scan (LIKE '%…%' walked every region); the search index's
    // MATCH now finds the names, and the case list above checks it like every other query.
    const planCase = nameSearchCase();
    const plan = await explain(planCase);
    expect(plan.join("\n"), describePlan(planCase, plan)).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    expect(plan.join("\n"), describePlan(planCase, plan)).not.toMatch(/^SCAN regions/m);
  });
});
