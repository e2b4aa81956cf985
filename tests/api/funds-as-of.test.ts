import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays, localDateOf, startOfLocalDay } from "../../worker/domain/notice-window";
import { api, json } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";

// The rates as they stood on any past day, recomputed from the append-only money rows
// (no stored history): today's as_of equals the live figures, a day before any money is
// all zeros, and a past day's numerators are the plain sums of the rows dated by then.

const TONGREN = "520600000000";
const rates = async (query: string) => {
  const res = await api(`/api/v1/funds/summary?region=${TONGREN}${query}`);
  expect(res.status, query).toBe(200);
  return (await json(res)) as { data: { rate: string; numerator: number; denominator: number; value_pct: number | null; as_of: string | null }[]; meta: { as_of: string | null } };
};
const byRate = (rows: { rate: string; numerator: number; denominator: number }[]) => Object.fromEntries(rows.map((r) => [r.rate, [r.numerator, r.denominator]]));

beforeAll(seedFundsOnce);

describe("GET /api/v1/funds/summary?as_of=", () => {
  it("today's as_of gives the live rates", async () => {
    const live = await rates("");
    const today = await rates(`&as_of=${localDateOf(new Date())}`);
    expect(byRate(today.data)).toEqual(byRate(live.data));
    expect(today.data.every((r) => r.as_of === localDateOf(new Date()))).toBe(true);
    expect(live.data.find((r) => r.rate === "disbursement")!.numerator).toBeGreaterThan(0);
  });

  it("a past day's money rates are the sums of the rows dated and recorded by then", async () => {
    // The day of Tongren's first allocation: some money by then, most of it still to come.
    const day = (await env.DB.prepare("SELECT min(m.date) AS d FROM fund_allocations m JOIN fund_projects p ON p.id = m.project_id WHERE p.region_code BETWEEN '520600000000' AND '520699999999'").first<string>("d"))!;
    const past = await rates(`&as_of=${day}`);
    const end = startOfLocalDay(addDays(day, 1)).toISOString();
    const sum = async (table: string, column: string) =>
      (await env.DB.prepare(
        `SELECT coalesce(sum(m.${column}), 0) AS n FROM ${table} m JOIN fund_projects p ON p.id = m.project_id WHERE p.region_code BETWEEN '520600000000' AND '520699999999' AND m.date <= ? AND m.recorded_at < ? AND p.created_at < ?`,
      )
        .bind(day, end, end)
        .first<number>("n"))!;
    const r = byRate(past.data);
    expect(r.disbursement).toEqual([await sum("disbursements", "amount_fen"), await sum("fund_allocations", "amount_fen")]);
    expect(r.reimbursement).toEqual([await sum("disbursements", "receipted_fen"), await sum("disbursements", "amount_fen")]);
    // Money only grows over time in the demo (no reversal of Tongren funds).
    const live = byRate((await rates("")).data);
    expect(r.disbursement![1]).toBeLessThan(live.disbursement![1]!);
    expect(r.disbursement![1]).toBeGreaterThan(0);
  });

  it("a day before any money: zero numerators and denominators, so no rate (null, never 0 %)", async () => {
    const none = await rates("&as_of=2010-01-01");
    expect(none.data.map((r) => [r.numerator, r.denominator, r.value_pct])).toEqual([[0, 0, null], [0, 0, null], [0, 0, null], [0, 0, null]]);
  });

  it("refuses a future or malformed day, naming query.as_of", async () => {
    for (const bad of ["2999-01-01", "2018-02-30", "20180630", "2018-6-30"]) {
      const res = await api(`/api/v1/funds/summary?as_of=${bad}`);
      expect(res.status, bad).toBe(400);
      expect((await json(res)).error.details[0].path, bad).toBe("query.as_of");
    }
  });
});
