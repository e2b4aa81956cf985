/**
 * Query plans on the national-scale file: the same cases as tests/db/query-plans.test.ts
 * (which checks them on the demo data in workerd), EXPLAINed where the table sizes are real.
 */
import { DatabaseSync } from "node:sqlite";
import { createDb } from "../worker/db/client";
import { fullScans, missingIndex, nameSearchCase, queryPlanCases, unboundedRanges } from "../tests/db/query-plan-cases";
import { sqliteAsD1 } from "../scripts/sqlite-d1";
import type { BenchContext, BenchResult } from "./lib/types";

export const needsServer = false;

export async function runPlansBench(ctx: BenchContext): Promise<BenchResult[]> {
  const database = new DatabaseSync(ctx.sqlitePath, { readOnly: true });
  try {
    const db = createDb(sqliteAsD1(database));
    const problems: string[] = [];
    const cases = queryPlanCases(db);
    for (const planCase of cases) {
      const plan = database
        .prepare(`EXPLAIN QUERY PLAN ${planCase.sql}`)
        .all(...(planCase.params as (string | number)[]))
        .map((row) => String(row.detail));
      const bad = [...fullScans(plan), ...unboundedRanges(planCase, plan), ...missingIndex(planCase, plan)];
      if (bad.length > 0) problems.push(`${planCase.name}: ${bad.join("; ")}`);
    }
    const q = nameSearchCase();
    const qPlan = database.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.params as (string | number)[])).map((row) => String(row.detail));
    for (const problem of problems) ctx.log(`plan problem: ${problem}`);
    return [
      {
        name: `query plans of ${cases.length} documented filter cases`,
        method: "EXPLAIN QUERY PLAN on the national-scale file",
        extra: { "plan problems (full scan, open range, wrong index)": problems.length, "regions?q plan": qPlan.join(" | ") },
        ...(problems.length > 0 ? { note: problems.join(" · ") } : {}),
      },
    ];
  } finally {
    database.close();
  }
}
