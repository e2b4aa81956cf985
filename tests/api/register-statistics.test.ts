import { beforeAll, describe, expect, it } from "vitest";
import { PLACES } from "../../worker/demo/official-figures";
import { PLANTED_TOWNSHIP, PLANTED_VILLAGES } from "../../worker/demo/register";
import { api, json, seedOnce } from "../helpers/api";

beforeAll(seedOnce);

const METRICS = [
  "registered_households", "registered_people", "exited_households", "exited_people", "newly_identified_households",
  "newly_identified_people", "returned_households", "returned_people", "monitored_households", "monitored_people",
  // Issue 15 §2 (migration 0032): the two kinds of monitored household.
  "edge_households", "edge_people", "unstable_households", "unstable_people",
];

async function all(path: string): Promise<any[]> {
  const rows: any[] = [];
  let url: string | null = path;
  while (url) {
    const res = await api(url.replace("http://portal.test", ""));
    expect(res.status).toBe(200);
    const body = await json(res);
    rows.push(...body.data);
    url = body.next;
  }
  return rows;
}

describe("GET /api/v1/statistics/register", () => {
  it("returns county totals for Wuhu's two counties, every figure register-derived and rounded or banded", async () => {
    const res = await api(`/api/v1/statistics/register?region=${PLACES.wuhu}&year=2017`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data.map((r: any) => r.region.code)).toEqual([PLACES.nanling, PLACES.wuwei]);
    expect(body.meta.filters).toMatchObject({ region: PLACES.wuhu, level: "county", year: 2017, breakdown: "none" });
    for (const row of body.data) {
      expect(row.kind).toBe("register-derived");
      expect(row.level).toBe("county");
      expect(row.category).toBe("total");
      expect(Object.keys(row.figures).sort()).toEqual([...METRICS].sort());
      for (const figure of Object.values<any>(row.figures)) {
        if (figure.value === null) expect(["banded", "withheld"]).toContain(figure.disclosure);
        else expect(figure.value === 0 || (figure.value >= 10 && figure.value % 5 === 0)).toBe(true);
        expect(figure.banded).toBe(figure.disclosure === "banded");
      }
    }
    const wuwei = body.data[1];
    expect(wuwei.figures.registered_households.disclosure).toBe("rounded");
    expect(wuwei.figures.registered_households.value).toBeGreaterThan(1000);
  });

  it("lists the planted villages: 1 and 7 households banded, 8 → 10, 19 → 20, 20 → 20", async () => {
    const rows = await all(`/api/v1/statistics/register?region=${PLANTED_TOWNSHIP}&level=village&year=2017&limit=1000`);
    const byCode = new Map(rows.map((r) => [r.region.code, r.figures.registered_households]));
    expect(byCode.get("340223101201")).toEqual({ value: null, banded: true, disclosure: "banded" });
    expect(byCode.get("340223101202")).toEqual({ value: null, banded: true, disclosure: "banded" });
    expect(byCode.get("340223101203")?.value ?? "withheld").toSatisfy((v: unknown) => v === 10 || v === "withheld");
    expect(byCode.get("340223101204")).toMatchObject({ value: 20, disclosure: "rounded" });
    expect(byCode.get("340223101205")).toMatchObject({ value: 20, disclosure: "rounded" });
    expect(Object.keys(PLANTED_VILLAGES).every((code) => byCode.has(code))).toBe(true);
  });

  it("publishes a village's totals only, at every size: registered and exited households, no breakdown (issue 16)", async () => {
    for (const breakdown of ["measure", "household_size", "cause"]) {
      expect(await all(`/api/v1/statistics/register?region=${PLANTED_TOWNSHIP}&level=village&year=2017&breakdown=${breakdown}&limit=1000`), breakdown).toEqual([]);
    }
    const totals = await all(`/api/v1/statistics/register?region=${PLANTED_TOWNSHIP}&level=village&year=2017&limit=1000`);
    const twenty = totals.find((r) => r.region.code === "340223101205");
    expect(twenty.figures.registered_households).toEqual({ value: 20, banded: false, disclosure: "rounded" });
    for (const row of totals) {
      for (const metric of METRICS.filter((m) => m !== "registered_households" && m !== "exited_households")) expect(row.figures[metric].disclosure, `${row.region.code} ${metric}`).toBe("withheld");
    }
    // The township still has every breakdown (health causes included: R4 allows them there).
    expect((await all(`/api/v1/statistics/register?region=${PLANTED_TOWNSHIP}&level=township&year=2017&breakdown=measure`)).map((r) => r.category)).toContain("health");
  });

  it("publishes illness and disability from township level up, with every fixed category (R5)", async () => {
    const rows = await all(`/api/v1/statistics/register?region=${PLANTED_TOWNSHIP}&year=2017&breakdown=cause`);
    expect(rows.map((r) => r.category)).toEqual([
      "disability", "disaster", "illness", "lack_of_capital", "lack_of_labour", "lack_of_land", "lack_of_motivation", "lack_of_skills",
      "lack_of_water", "other", "poor_transport", "schooling",
    ]);
    expect(rows.every((r) => r.level === "township")).toBe(true);
    const water = rows.find((r) => r.category === "lack_of_water");
    expect(water.figures.registered_households).toEqual({ value: null, banded: true, disclosure: "banded" });
  });

  it("shows 1-7 in CSV, with English headers and a kind column", async () => {
    const res = await api(`/api/v1/statistics/register?region=${PLANTED_TOWNSHIP}&level=village&year=2017&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(`kind,year,level,region_code,region_name_zh,region_name_en,breakdown,category,category_zh,${METRICS.join(",")},release_id,category_en,provenance_kind,provenance_demo,provenance_basis`);
    const canaryVillage = lines.find((l) => l.includes(",340223101201,"));
    expect(canaryVillage).toMatch(/^register-derived,2017,village,340223101201,.*,none,total,合计,1-7,withheld,/);
  });

  it("streams NDJSON and pages with a keyset cursor covering every row once", async () => {
    const paged = await all(`/api/v1/statistics/register?region=${PLACES.nanling}&level=township&breakdown=household_size&limit=7`);
    const whole = await json(await api(`/api/v1/statistics/register?region=${PLACES.nanling}&level=township&breakdown=household_size&limit=1000`));
    expect(paged).toEqual(whole.data);
    expect(paged.length).toBeGreaterThan(7);
    const nd = await api(`/api/v1/statistics/register?region=${PLACES.nanling}&level=township&breakdown=household_size&format=ndjson`);
    const lines = (await nd.text()).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual(whole.data);
  });

  it("answers 304 to If-None-Match with the current ETag", async () => {
    const first = await api(`/api/v1/statistics/register?region=${PLACES.nanling}`);
    const etag = first.headers.get("ETag");
    expect(etag).toBeTruthy();
    const again = await api(`/api/v1/statistics/register?region=${PLACES.nanling}`, { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
  });

  it("is listed in the dataset catalogue as register-derived", async () => {
    const body = await json(await api("/api/v1/datasets"));
    const dataset = body.data.find((d: any) => d.id === "register_statistics");
    expect(dataset).toMatchObject({ kind: "register-derived", endpoint: "http://portal.test/api/v1/statistics/register" });
  });

  describe("bad input", () => {
    const cases: [string, string, string][] = [
      ["level=city", "query.level", "invalid_request"],
      ["breakdown=gender", "query.breakdown", "invalid_request"],
      ["year=17", "query.year", "invalid_request"],
      ["region=34022", "query.region", "invalid_request"],
      ["regoin=340223000000", "query.regoin", "invalid_request"],
      ["limit=0", "query.limit", "invalid_request"],
      ["cursor=bm9wZQ", "query.cursor", "invalid_request"],
    ];
    for (const [query, path, code] of cases) {
      it(`refuses ${query} with a 400 naming ${path}`, async () => {
        const res = await api(`/api/v1/statistics/register?${query}`);
        expect(res.status).toBe(400);
        const body = await json(res);
        expect(body.error.code).toBe(code);
        expect(body.error.details.map((d: any) => d.path).join(" ")).toContain(path);
      });
    }
    it("answers 404 for an unknown region", async () => {
      const res = await api("/api/v1/statistics/register?region=340223999000");
      expect(res.status).toBe(404);
      expect((await json(res)).error.code).toBe("region_not_found");
    });
  });
});
