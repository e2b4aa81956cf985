import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { localDateOf } from "../../worker/domain/notice-window";
import { api, followList, json } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";

// The four rates month by month: each month is exactly what /funds/summary?as_of= says for
// its last day (today for the current month), paged by row number without gaps or repeats.

const TONGREN = "520600000000";
type Row = { month: string; as_of: string; rate: string; numerator: number; denominator: number; value_pct: number | null; projects: number; region_code: string | null };

const allPages = async (path: string): Promise<Row[]> => (await followList<Row>(path)).rows;

beforeAll(seedFundsOnce);

describe("GET /api/v1/funds/rates/monthly", () => {
  it("gives four rates a month, in month order, each equal to /funds/summary?as_of= on the month's last day", async () => {
    const rows = await allPages(`/api/v1/funds/rates/monthly?region=${TONGREN}&from=2017-11&to=2019-02&limit=7`);
    expect(rows).toHaveLength(16 * 4);
    expect(rows.slice(0, 4).map((r) => [r.month, r.as_of, r.rate])).toEqual([
      ["2017-11", "2017-11-30", "disbursement"],
      ["2017-11", "2017-11-30", "reimbursement"],
      ["2017-11", "2017-11-30", "filing"],
      ["2017-11", "2017-11-30", "completion"],
    ]);
    expect(rows.find((r) => r.month === "2018-02")!.as_of).toBe("2018-02-28");
    expect(rows.at(-1)).toMatchObject({ month: "2019-02", as_of: "2019-02-28", rate: "completion", region_code: TONGREN });
    const months = [...new Set(rows.map((r) => r.month))];
    for (const month of months) {
      const ours = rows.filter((r) => r.month === month);
      const summary = (await json(await api(`/api/v1/funds/summary?region=${TONGREN}&as_of=${ours[0]!.as_of}`))) as { data: Row[]; meta: { projects: number } };
      expect(ours.map((r) => [r.rate, r.numerator, r.denominator, r.value_pct]), month).toEqual(summary.data.map((r) => [r.rate, r.numerator, r.denominator, r.value_pct]));
      expect(ours[0]!.projects, month).toBe(summary.meta.projects);
    }
    // Money arrives over these months: the series is not one figure repeated.
    const allocated = rows.filter((r) => r.rate === "disbursement").map((r) => r.denominator);
    expect(new Set(allocated).size).toBeGreaterThan(1);
  });

  it("runs by default from January of the first project year to the current month, which stands at today", async () => {
    const first = (await env.DB.prepare("SELECT min(year) AS y FROM fund_projects WHERE region_code BETWEEN '520600000000' AND '520699999999'").first<number>("y"))!;
    const res = await api(`/api/v1/funds/rates/monthly?region=${TONGREN}&format=csv`);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split("\r\n");
    const header = lines[0]!.split(",");
    const cells = lines.slice(1).map((l) => l.split(","));
    const today = localDateOf(new Date());
    const months = (Number(today.slice(0, 4)) - first) * 12 + Number(today.slice(5, 7));
    expect(cells).toHaveLength(months * 4);
    expect(cells[0]![header.indexOf("month")]).toBe(`${first}-01`);
    const last = cells.slice(-4);
    expect(last.map((c) => [c[header.indexOf("month")], c[header.indexOf("as_of")]])).toEqual(Array(4).fill([today.slice(0, 7), today]));
    const live = (await json(await api(`/api/v1/funds/summary?region=${TONGREN}`))) as { data: Row[] };
    expect(last.map((c) => Number(c[header.indexOf("numerator")]))).toEqual(live.data.map((r) => r.numerator));
  });

  it("refuses a month after the current one, from after to, and malformed months, naming the parameter", async () => {
    const cases: [string, string][] = [
      ["to=2999-01", "query.to"],
      ["from=2019-05&to=2019-04", "query.from"],
      ["from=2019-13", "query.from"],
      ["to=2019-6", "query.to"],
      ["from=2019-06-01", "query.from"],
      ["month=2019-06", "query.month"],
    ];
    for (const [query, path] of cases) {
      const res = await api(`/api/v1/funds/rates/monthly?${query}`);
      expect(res.status, query).toBe(400);
      expect((await json(res)).error.details.map((d: { path: string }) => d.path), query).toContain(path);
    }
    expect((await api("/api/v1/funds/rates/monthly?region=999999999999")).status).toBe(404);
  });
});
