import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { WUHU_MUNICIPAL_FEN } from "../../worker/demo/funds";
import { parseCsv } from "../../worker/domain/csv";
import { api, json } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";

beforeAll(seedFundsOnce, 120_000);

const WUHU = "340200000000";
const TONGREN = "520600000000";
const expectError = async (res: Response, status: number, code: string, path?: string) => {
  expect(res.status).toBe(status);
  const body = await json(res);
  expect(body.error.code).toBe(code);
  if (path) expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
};
async function all(path: string) {
  const rows = [];
  let url: string | null = path;
  while (url) {
    const body: { data: any[]; next: string | null } = await json(await api(url.replace("http://portal.test", "")));
    rows.push(...body.data);
    url = body.next;
  }
  return rows;
}

describe("GET /api/v1/funds/projects", () => {
  it("lists Wuhu's projects with totals that add up to the 370 million yuan of municipal funds", async () => {
    const projects = await all(`/api/v1/funds/projects?region=${WUHU}&source=municipal&limit=40`);
    expect(projects.length).toBeGreaterThan(80);
    const municipal = projects.flatMap((p) => p.sources.filter((s: { source: string }) => s.source === "municipal"));
    expect(municipal.reduce((sum: number, s: { allocated_fen: number }) => sum + s.allocated_fen, 0)).toBe(WUHU_MUNICIPAL_FEN);
    for (const p of projects) {
      expect(p.region.code.startsWith("3402")).toBe(true);
      expect(p.budget_fen).toBe(p.sources.reduce((sum: number, s: { budget_fen: number }) => sum + s.budget_fen, 0));
      expect(p.disbursed_fen).toBeLessThanOrEqual(p.allocated_fen);
      expect(p.receipted_fen).toBeLessThanOrEqual(p.disbursed_fen);
      // Rule R2: 1–7 is a band, 8+ rounded to 5.
      if (p.beneficiary_households_banded) expect(p.beneficiary_households).toBeNull();
      else expect(p.beneficiary_households % 5).toBe(0);
    }
  });

  it("filters by year, category, status and source, and combines them", async () => {
    const body = await json(await api(`/api/v1/funds/projects?region=${TONGREN}&year=2019&source=east_west&limit=1000`));
    expect(body.data.length).toBeGreaterThan(20);
    expect(body.data.every((p: any) => p.year === 2019 && p.region.code === TONGREN && p.sources.some((s: any) => s.source === "east_west"))).toBe(true);
    const completed = await json(await api(`/api/v1/funds/projects?status=completed&category=industry&limit=1000`));
    expect(completed.data.length).toBeGreaterThan(0);
    expect(completed.data.every((p: any) => p.status === "completed" && p.category === "industry" && p.actual_completion)).toBe(true);
    expect(completed.meta.filters).toMatchObject({ status: "completed", category: "industry" });
  });

  it("exports CSV with English headers and the R2 band as text", async () => {
    const res = await api(`/api/v1/funds/projects?region=${WUHU}&format=csv`);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await res.text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "id,name_zh,name_en,region_code,region_name_zh,region_name_en,category,year,status,filed_on,planned_start,planned_completion,actual_start,actual_completion,beneficiary_households,beneficiary_households_banded,budget_fen,allocated_fen,disbursed_fen,receipted_fen,donated_fen,sources,last_amended_on,demo,updated_at,provenance_kind,provenance_demo,provenance_basis",
    );
    expect(lines.length - 1).toBe((await all(`/api/v1/funds/projects?region=${WUHU}&limit=1000`)).length);
    // privacy.md R2: the band is the text `1-7` in CSV (null plus the flag in JSON); never an empty cell.
    expect(lines.some((l) => l.includes(",1-7,true,"))).toBe(true);
    const [header, ...rows] = parseCsv(text).map((r) => r.cells);
    const [count, banded] = [header!.indexOf("beneficiary_households"), header!.indexOf("beneficiary_households_banded")];
    const cells = rows;
    expect(cells.filter((c) => c[banded] === "true").every((c) => c[count] === "1-7")).toBe(true);
  });

  it("refuses bad filters", async () => {
    await expectError(await api("/api/v1/funds/projects?status=done"), 400, "invalid_request", "query.status");
    await expectError(await api("/api/v1/funds/projects?source=lottery"), 400, "invalid_request", "query.source");
    await expectError(await api("/api/v1/funds/projects?category=golf"), 400, "invalid_request", "query.category");
    await expectError(await api("/api/v1/funds/projects?year=20x8"), 400, "invalid_request", "query.year");
    await expectError(await api("/api/v1/funds/projects?region=340299999999"), 404, "region_not_found", "query.region");
    await expectError(await api("/api/v1/funds/projects?region=34'--"), 400, "invalid_request", "query.region");
    await expectError(await api("/api/v1/funds/projects?limit=0"), 400, "invalid_request", "query.limit");
    await expectError(await api("/api/v1/funds/projects?regoin=340200000000"), 400, "invalid_request");
  });
});

describe("GET /api/v1/funds/projects/{id}", () => {
  it("returns a project with its allocations, disbursements and donations, each with its ledger index", async () => {
    const row = await env.DB.prepare("SELECT project_id AS id FROM donation_allocations WHERE project_id IS NOT NULL LIMIT 1").first<{ id: string }>();
    const res = await api(`/api/v1/funds/projects/${row!.id}`);
    expect(res.status).toBe(200);
    const p = (await json(res)).data;
    expect(p.allocations.length).toBeGreaterThan(0);
    expect(p.allocations.reduce((s: number, a: any) => s + a.amount_fen, 0)).toBe(p.allocated_fen);
    expect(p.disbursements.reduce((s: number, d: any) => s + d.amount_fen, 0)).toBe(p.disbursed_fen);
    expect(p.donations.reduce((s: number, d: any) => s + d.amount_fen, 0)).toBe(p.donated_fen);
    for (const a of p.allocations) {
      const proof = (await json(await api(`/api/v1/ledger/proof/inclusion?index=${a.ledger_index}`))).data;
      expect(JSON.parse(proof.entry.leaf)).toMatchObject({ id: a.id, amount_fen: a.amount_fen });
    }
  });

  it("answers 404 for an unknown project and 400 for a malformed id", async () => {
    await expectError(await api("/api/v1/funds/projects/prj_0000000000000000"), 404, "not_found");
    await expectError(await api("/api/v1/funds/projects/42"), 400, "invalid_request", "param.id");
  });
});

describe("GET /api/v1/funds/summary", () => {
  it("gives the four rates with numerator, denominator, formula and as-of date", async () => {
    const res = await api(`/api/v1/funds/summary?region=${TONGREN}&year=2019`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data.map((r: any) => r.rate)).toEqual(["disbursement", "reimbursement", "filing", "completion"]);
    const byRate = Object.fromEntries(body.data.map((r: any) => [r.rate, r]));
    const projects = await all(`/api/v1/funds/projects?region=${TONGREN}&year=2019&limit=1000`);
    const sum = (f: string) => projects.reduce((s: number, p: any) => s + p[f], 0);
    expect(byRate.disbursement).toMatchObject({ numerator: sum("disbursed_fen"), denominator: sum("allocated_fen"), unit: "fen", name_zh: "拨付率" });
    expect(byRate.reimbursement).toMatchObject({ numerator: sum("receipted_fen"), denominator: sum("disbursed_fen") });
    const funded = projects.filter((p: any) => p.status !== "cancelled" && p.allocated_fen > 0);
    expect(byRate.filing).toMatchObject({ numerator: funded.filter((p: any) => p.filed_on).length, denominator: funded.length, unit: "projects" });
    const started = projects.filter((p: any) => p.status === "started" || p.status === "completed");
    expect(byRate.completion).toMatchObject({ numerator: started.filter((p: any) => p.status === "completed").length, denominator: started.length });
    for (const r of body.data) {
      expect(r.value_pct).toBeCloseTo((r.numerator / r.denominator) * 100, 2);
      expect(r.formula).toContain("/");
      expect(r.as_of).toMatch(/^20\d\d-\d\d-\d\d$/);
    }
    expect(body.meta.as_of).toBe(byRate.disbursement.as_of);
  });

  it("follows the life cycle in the demo: no money is paid out before a project starts, and the four rates are plausible", async () => {
    const projects = await all("/api/v1/funds/projects?limit=1000");
    const notStarted = projects.filter((p: any) => p.status === "planned" || p.status === "filed");
    expect(notStarted.length).toBeGreaterThan(0);
    expect(notStarted.filter((p: any) => p.disbursed_fen !== 0).map((p: any) => p.id)).toEqual([]);
    for (const p of projects.filter((p: any) => p.disbursed_fen > 0).slice(0, 20)) {
      const detail = (await json(await api(`/api/v1/funds/projects/${p.id}`))).data;
      for (const d of detail.disbursements) expect(d.date >= detail.actual_start, `${p.id} paid ${d.date}, started ${detail.actual_start}`).toBe(true);
    }
    for (const region of [WUHU, TONGREN]) {
      const rates = Object.fromEntries((await json(await api(`/api/v1/funds/summary?region=${region}`))).data.map((r: any) => [r.rate, r.value_pct]));
      // Plausible for monitoring reports of the period: Wuhu (2017–18, mostly done) ≈ 82 / 90 / 94 / 77 %,
      // Tongren (2019 pairing projects, many still running) ≈ 89 / 92 / 97 / 55 %; never 100 % across the board.
      for (const id of ["disbursement", "reimbursement", "filing", "completion"]) {
        expect(rates[id], `${id} in ${region}`).toBeGreaterThanOrEqual(50);
        expect(rates[id], `${id} in ${region}`).toBeLessThanOrEqual(100);
      }
      expect(Object.values(rates).some((v) => (v as number) < 100), `rates in ${region}`).toBe(true);
    }
  });

  it("gives null rates, not 0 % or 100 %, where nothing was funded, and downloads as CSV", async () => {
    const empty = await json(await api("/api/v1/funds/summary?region=220800000000"));
    expect(empty.data.every((r: any) => r.value_pct === null && r.denominator === 0)).toBe(true);
    const csv = await (await api(`/api/v1/funds/summary?region=${WUHU}&format=csv`)).text();
    expect(csv.split("\r\n")[0]).toBe("rate,name_zh,name_en,value_pct,numerator,denominator,unit,formula,as_of,region_code,year,provenance_kind,provenance_demo,provenance_basis");
    expect(csv).toContain("拨付率");
  });

  it("refuses bad parameters", async () => {
    await expectError(await api("/api/v1/funds/summary?year=1900"), 400, "invalid_request", "query.year");
    await expectError(await api("/api/v1/funds/summary?region=999999999999"), 404, "region_not_found", "query.region");
    await expectError(await api("/api/v1/funds/summary?month=5"), 400, "invalid_request");
  });
});

describe("GET /api/v1/funds/flows", () => {
  it("groups money by source, the level below the region, and category, summing to the projects' totals", async () => {
    const body = await json(await api(`/api/v1/funds/flows?region=${WUHU}&limit=1000`));
    expect(body.meta.level).toBe("county");
    expect(new Set(body.data.map((f: any) => f.region_code))).toEqual(new Set(["340223000000", "340225000000"]));
    const municipal = body.data.filter((f: any) => f.source === "municipal").reduce((s: number, f: any) => s + f.allocated_fen, 0);
    expect(municipal).toBe(WUHU_MUNICIPAL_FEN);
    expect(body.data[0]).toHaveProperty("source_name_zh");
    expect(body.data.find((f: any) => f.region_code === "340223000000").region_name_zh).toBe("南陵县");
    const national = await json(await api("/api/v1/funds/flows?limit=1000"));
    expect(national.meta.level).toBe("province");
    expect(new Set(national.data.map((f: any) => f.region_code))).toEqual(new Set(["340000000000", "520000000000"]));
  });

  it("pages with a cursor over the aggregated rows", async () => {
    const whole = await json(await api(`/api/v1/funds/flows?region=${WUHU}&limit=1000`));
    const paged = await all(`/api/v1/funds/flows?region=${WUHU}&limit=3`);
    expect(paged).toEqual(whole.data);
  });

  it("refuses bad parameters", async () => {
    await expectError(await api("/api/v1/funds/flows?source=x"), 400, "invalid_request", "query.source");
    await expectError(await api("/api/v1/funds/flows?cursor=bm9wZQ"), 400, "invalid_request", "query.cursor");
  });
});
