import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PLACES } from "../../worker/demo/official-figures";
import { api, json } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";

beforeAll(seedFundsOnce);

async function get(path: string, init?: RequestInit) {
  const res = await api(path, init);
  return { res, status: res.status, body: res.headers.get("Content-Type")?.startsWith("application/json") ? await json(res) : await res.text() };
}

describe("GET /api/v1/villages?group_by=", () => {
  it("counts villages per county and exit year, with the county's names, matching the rows", async () => {
    const { status, body } = await get("/api/v1/villages?group_by=county,exit_year");
    expect(status).toBe(200);
    expect(body.meta.group_by).toEqual(["county", "exit_year"]);
    const nanling2016 = body.data.find((g: any) => g.county === PLACES.nanling && g.exit_year === 2016);
    expect(nanling2016).toMatchObject({ county_name_zh: "南陵县", county_name_en: expect.any(String) });
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM village_status WHERE village_code BETWEEN '340223000000' AND '340223999999' AND exit_year = 2016").first<{ n: number }>())!;
    expect(nanling2016.villages).toBe(n);
    const total = body.data.reduce((sum: number, g: any) => sum + g.villages, 0);
    const all = (await env.DB.prepare("SELECT count(*) AS n FROM village_status").first<{ n: number }>())!.n;
    expect(total).toBe(all);
  });

  it("applies the filters first and answers CSV and NDJSON", async () => {
    const csv = await get(`/api/v1/villages?county=${PLACES.nanling}&group_by=township,status&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.res.headers.get("Content-Type")).toContain("text/csv");
    const lines = (csv.body as string).trim().split("\r\n");
    expect(lines[0]).toBe("township,township_name_zh,township_name_en,status,villages");
    for (const line of lines.slice(1)) expect(line.startsWith("340223")).toBe(true);
    const nd = await get("/api/v1/villages?group_by=status", { headers: { Accept: "application/x-ndjson" } });
    const rows = (nd.body as string).trim().split("\n").map((l) => JSON.parse(l));
    const { results } = await env.DB.prepare("SELECT DISTINCT status FROM village_status ORDER BY status").all<{ status: string }>();
    expect(rows.map((r) => r.status)).toEqual(results.map((r) => r.status));
  });

  it("is cached by dataset version (ETag, 304)", async () => {
    const first = await get("/api/v1/villages?group_by=exit_year");
    const etag = first.res.headers.get("ETag")!;
    expect(etag).toMatch(/^W\//);
    const again = await api("/api/v1/villages?group_by=exit_year", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    const other = await get("/api/v1/villages?group_by=status");
    expect(other.res.headers.get("ETag")).not.toBe(etag);
  });

  for (const [query, path] of [
    ["group_by=village", "query.group_by"],
    ["group_by=county,county", "query.group_by"],
    ["group_by=a,b,c,d", "query.group_by"],
    ["group_by=", "query.group_by"],
    ["group_by=county&limit=10", "query.limit"],
    ["group_by=county&cursor=abc", "query.cursor"],
  ]) {
    it(`refuses ${query} with 400 naming ${path}`, async () => {
      const { status, body } = await get(`/api/v1/villages?${query}`);
      expect(status).toBe(400);
      expect(body.error.details[0].path).toBe(path);
    });
  }
});

describe("group_by on funds, donations and reports", () => {
  it("sums project budgets by source and category, equal to the budget lines", async () => {
    const { status, body } = await get("/api/v1/funds/projects?group_by=source,category");
    expect(status).toBe(200);
    const budget = body.data.reduce((s: number, g: any) => s + g.budget_fen, 0);
    const { b } = (await env.DB.prepare("SELECT sum(budget_fen) AS b FROM fund_project_sources").first<{ b: number }>())!;
    expect(budget).toBe(b);
    for (const g of body.data) expect(Object.keys(g)).not.toContain("beneficiary_households");
  });

  it("groups projects by year and county", async () => {
    const { status, body } = await get("/api/v1/funds/projects?group_by=year,county");
    expect(status).toBe(200);
    expect(body.data.every((g: any) => /^\d{6}000000$/.test(g.county))).toBe(true);
  });

  it("sums donations (not reversed) by month, channel and target type", async () => {
    const { status, body } = await get("/api/v1/donations?group_by=month,channel,target_type");
    expect(status).toBe(200);
    const sum = body.data.reduce((s: number, g: any) => s + g.amount_fen, 0);
    const { a } = (await env.DB.prepare("SELECT sum(amount_fen) AS a FROM donations d WHERE NOT EXISTS (SELECT 1 FROM donation_reversals r WHERE r.donation_id = d.id)").first<{ a: number }>())!;
    expect(sum).toBe(a);
    expect(body.data.every((g: any) => /^\d{4}-\d{2}$/.test(g.month))).toBe(true);
  });

  it("counts reports by status, category, county and month without any text or contact", async () => {
    const { status, body } = await get("/api/v1/reports/stats?group_by=category,county,month");
    expect(status).toBe(200);
    const total = body.data.reduce((s: number, g: any) => s + g.reports, 0);
    expect(total).toBe((await env.DB.prepare("SELECT count(*) AS n FROM reports").first<{ n: number }>())!.n);
    for (const g of body.data) expect(Object.keys(g).sort()).toEqual(["category", "county", "county_name_en", "county_name_zh", "month", "reports"]);
    const csv = await get("/api/v1/reports/stats?group_by=status&format=csv");
    expect((csv.body as string).split("\r\n")[0]).toBe("status,reports");
  });

  it("refuses unknown dimensions naming group_by", async () => {
    for (const path of ["/api/v1/donations?group_by=donor_name", "/api/v1/funds/projects?group_by=beneficiary_households", "/api/v1/reports/stats?group_by=text"]) {
      const { status, body } = await get(path);
      expect(status, path).toBe(400);
      expect(body.error.details[0].path).toBe("query.group_by");
    }
  });
});

describe("group_by never goes around the disclosure rules", () => {
  // Register-derived figures are published only in their released cuts (privacy.md R2–R5):
  // a regrouping would be a new table the release gate never checked, and cells of 1–7
  // households would come out unbanded. Every attempt is refused, naming the parameter.
  for (const groupBy of ["cause", "village", "township,cause", "household_size", "measure,year"]) {
    it(`statistics/register refuses group_by=${groupBy}`, async () => {
      const { status, body } = await get(`/api/v1/statistics/register?region=${PLACES.wuhu}&level=village&group_by=${groupBy}`);
      expect(status).toBe(400);
      expect(body.error.details.map((d: any) => d.path).join(" ")).toContain("query.group_by");
    });
  }

  it("offers no register-derived measure on any statistical endpoint", async () => {
    const doc = await json(await api("/api/v1/openapi.json"));
    for (const path of ["/api/v1/villages", "/api/v1/funds/projects", "/api/v1/donations", "/api/v1/reports/stats"]) {
      const param = doc.paths[path].get.parameters.find((p: any) => p.name === "group_by");
      expect(param, path).toBeDefined();
      expect(String(param.schema.pattern), path).not.toMatch(/cause|measure|household|beneficiar/);
    }
  });
});
