import { beforeAll, describe, expect, it } from "vitest";
import { PLACES } from "../../worker/demo/official-figures";
import { isWithin } from "../../worker/domain/region-codes";
import { api, json, seedOnce } from "../helpers/api";

beforeAll(seedOnce);

describe("GET /api/v1/villages", () => {
  it("lists Wuhu's 71 designated poor villages: 34 exited in 2016 and 37 in 2017", async () => {
    const all = await json(await api("/api/v1/villages?status=exited&limit=1000"));
    const wuhu = all.data.filter((v: any) => v.code.startsWith("3402"));
    expect(wuhu).toHaveLength(71);
    expect(wuhu.every((v: any) => v.designated_year === 2014)).toBe(true);
    expect(wuhu.filter((v: any) => v.exit_year === 2016)).toHaveLength(34);
    expect(wuhu.filter((v: any) => v.exit_year === 2017)).toHaveLength(37);
  });

  it("filters by region= at any level (as every other list does): a city, a county, a township, a village", async () => {
    const all = (await json(await api("/api/v1/villages?limit=1000"))).data.map((v: any) => v.code);
    const township = `${all.find((c: string) => c.startsWith("340223"))!.slice(0, 9)}000`;
    for (const code of ["340200000000", PLACES.nanling, township, all[0]]) {
      const body = await json(await api(`/api/v1/villages?region=${code}&limit=1000`));
      const expected = all.filter((c: string) => isWithin(c, code));
      expect(expected.length).toBeGreaterThan(0);
      expect(body.data.map((v: any) => v.code), code).toEqual(expected);
      expect(body.meta.filters.region).toBe(code);
    }
    expect((await api("/api/v1/villages?region=349900000000")).status).toBe(404);
  });

  it("filters by county and returns the township and county with names", async () => {
    const res = await api(`/api/v1/villages?county=${PLACES.nanling}&limit=5`);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data).toHaveLength(5);
    for (const v of body.data) {
      expect(v.code.startsWith("340223")).toBe(true);
      expect(v.county).toEqual({ code: PLACES.nanling, name_zh: "南陵县", name_en: "Nanling County" });
      expect(v.township.code).toBe(`${v.code.slice(0, 9)}000`);
      expect(v.township.name_zh).toMatch(/[镇乡]$/);
      expect(v.demo).toBe(true);
    }
  });

  it("pages with an opaque cursor, a next link and a Link header, covering every row once", async () => {
    const seen: string[] = [];
    let url: string | null = `/api/v1/villages?county=${PLACES.nanling}&limit=40`;
    let pages = 0;
    while (url) {
      const res = await api(url.replace("http://portal.test", ""));
      expect(res.status).toBe(200);
      const body = await json(res);
      seen.push(...body.data.map((v: any) => v.code));
      if (body.next) expect(res.headers.get("Link")).toBe(`<${body.next}>; rel="next"`);
      else expect(res.headers.get("Link")).toBeNull();
      url = body.next;
      pages++;
    }
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    const total = await json(await api(`/api/v1/villages?county=${PLACES.nanling}&limit=1000`));
    expect(seen).toEqual(total.data.map((v: any) => v.code));
  });

  it("combines filters: exited in 2016 within Wuwei", async () => {
    const body = await json(await api(`/api/v1/villages?county=${PLACES.wuwei}&exit_year=2016&limit=1000`));
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((v: any) => v.exit_year === 2016 && v.code.startsWith("340225"))).toBe(true);
    expect(body.meta.filters).toMatchObject({ county: PLACES.wuwei, exit_year: 2016 });
  });

  it("returns CSV with English headers, streaming every row when no limit is given", async () => {
    const res = await api(`/api/v1/villages?county=${PLACES.nanling}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const text = await res.text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "code,name_zh,name_en,township_code,township_name_zh,township_name_en,county_code,county_name_zh,county_name_en,designated_year,exit_year,status,demo,updated_at,provenance_kind,provenance_demo,provenance_basis",
    );
    const json1000 = await json(await api(`/api/v1/villages?county=${PLACES.nanling}&limit=1000`));
    expect(lines.length - 1).toBe(json1000.data.length);
    expect(text).toContain("南陵县");
  });

  it("adds a BOM for Excel with bom=1 and negotiates CSV and NDJSON from Accept", async () => {
    const bom = await api(`/api/v1/villages?county=${PLACES.nanling}&format=csv&bom=1&limit=2`);
    const bytes = new Uint8Array(await bom.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = await api(`/api/v1/villages?county=${PLACES.nanling}&limit=2`, { headers: { Accept: "text/csv" } });
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const nd = await api(`/api/v1/villages?county=${PLACES.nanling}&limit=3`, { headers: { Accept: "application/x-ndjson" } });
    expect(nd.headers.get("Content-Type")).toContain("application/x-ndjson");
    const rows = (await nd.text()).trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    expect(rows[0].county.code).toBe(PLACES.nanling);
  });

  it("streams NDJSON of every village across many internal pages", async () => {
    const res = await api("/api/v1/villages?format=ndjson");
    const lines = (await res.text()).trimEnd().split("\n");
    const regions = await json(await api("/api/v1/regions?level=village&limit=1000"));
    expect(lines.length).toBe(regions.data.length);
  });

  it("answers 304 to If-None-Match with the ETag, and sets Cache-Control", async () => {
    const first = await api(`/api/v1/villages?county=${PLACES.nanling}`);
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("Cache-Control")).toContain("public");
    const second = await api(`/api/v1/villages?county=${PLACES.nanling}`, { headers: { "If-None-Match": etag! } });
    expect(second.status).toBe(304);
    const other = await api(`/api/v1/villages?county=${PLACES.wuwei}`);
    expect(other.headers.get("ETag")).not.toBe(etag);
  });
});

describe("GET /api/v1/villages with bad input", () => {
  const cases: [string, string, number][] = [
    ["limit=0", "query.limit", 400],
    ["limit=1001", "query.limit", 400],
    ["limit=abc", "query.limit", 400],
    ["status=gone", "query.status", 400],
    ["exit_year=20x6", "query.exit_year", 400],
    ["county=3402", "query.county", 400],
    ["county=340223' OR 1=1--", "query.county", 400],
    ["format=xml", "query.format", 400],
    ["cursor=not-a-cursor", "query.cursor", 400],
    ["countty=340223000000", "query.countty", 400],
    [`county=${"340223001000"}`, "query.county", 400],
    ["county=349999000000", "query.county", 404],
    // The region check reads beside the page (lib/listing.ts `ready`): a stream, a group_by
    // and a sorted page still wait for it before answering.
    ["county=349999000000&format=csv", "query.county", 404],
    ["township=349999101000&format=ndjson", "query.township", 404],
    ["region=349999000000&group_by=county", "query.region", 404],
    ["county=349999000000&sort=-exit_year", "query.county", 404],
  ];
  for (const [query, path, status] of cases) {
    it(`answers ${status} naming ${path} for ?${query}`, async () => {
      const res = await api(`/api/v1/villages?${query}`);
      expect(res.status).toBe(status);
      const body = await json(res);
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error.details.map((d: any) => d.path)).toContain(path);
      expect(body.error.request_id).toBe(res.headers.get("X-Request-Id"));
    });
  }
});
