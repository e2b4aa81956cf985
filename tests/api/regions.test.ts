import { beforeAll, describe, expect, it } from "vitest";
import { PLACES } from "../../worker/demo/official-figures";
import { api, json, seedOnce } from "../helpers/api";

beforeAll(seedOnce);

describe("GET /api/v1/regions", () => {
  it("lists a county's townships by parent, in code order", async () => {
    const body = await json(await api(`/api/v1/regions?parent=${PLACES.nanling}`));
    expect(body.data).toHaveLength(8);
    expect(body.data.every((r: any) => r.level === "township" && r.parent_code === PLACES.nanling)).toBe(true);
    const codes = body.data.map((r: any) => r.code);
    expect([...codes].sort()).toEqual(codes);
    expect(body.meta).toMatchObject({ dataset: "regions", limit: 100, returned: 8 });
    expect(body.next).toBeNull();
  });

  it("filters by level", async () => {
    const body = await json(await api("/api/v1/regions?level=county"));
    expect(body.data.map((r: any) => r.name_zh).sort()).toEqual(["南陵县", "商州区", "慈利县", "无为县"].sort());
  });

  it("finds regions whose Chinese or English name contains q", async () => {
    const zh = await json(await api(`/api/v1/regions?q=${encodeURIComponent("南陵")}`));
    expect(zh.data.map((r: any) => r.code)).toContain(PLACES.nanling);
    const en = await json(await api("/api/v1/regions?q=nanling"));
    expect(en.data.map((r: any) => r.code)).toContain(PLACES.nanling);
  });

  it("finds names by pinyin and initials, and pages a name search through the search index's order", async () => {
    const pinyin = await json(await api("/api/v1/regions?q=nan%20ling&level=county"));
    expect(pinyin.data.map((r: any) => r.code)).toEqual([PLACES.nanling]);
    // 村 is in every village's name: two pages of 3 follow each other without a repeat, all villages.
    const first = await json(await api(`/api/v1/regions?q=${encodeURIComponent("村")}&limit=3`));
    expect(first.data).toHaveLength(3);
    expect(first.next).toMatch(/cursor=/);
    const second = await json(await api(new URL(first.next).pathname + new URL(first.next).search));
    const codes = [...first.data, ...second.data].map((r: any) => r.code);
    expect(new Set(codes).size).toBe(6);
    expect([...first.data, ...second.data].every((r: any) => r.name_zh.includes("村") && r.level === "village")).toBe(true);
    // The whole match as CSV streams through the same keyset (document ids), each region once.
    const csv = await (await api(`/api/v1/regions?q=${encodeURIComponent("村")}&format=csv`)).text();
    const lines = csv.trim().split("\n").slice(1);
    expect(lines.length).toBeGreaterThan(6);
    expect(new Set(lines.map((l) => l.split(",")[0])).size).toBe(lines.length);
    // A code cursor (another listing's key) is refused as malformed.
    const bad = await api(`/api/v1/regions?q=${encodeURIComponent("村")}&cursor=${btoa(JSON.stringify("340223101201"))}`);
    expect(bad.status).toBe(400);
  });

  it("lists the regions named by codes (unknown codes are simply absent), in code order", async () => {
    const body = await json(await api(`/api/v1/regions?codes=${PLACES.nanling},340000000000,999999999999,${PLACES.nanling}`));
    expect(body.data.map((r: any) => r.code)).toEqual(["340000000000", PLACES.nanling]);
  });

  it("treats % and _ in q literally", async () => {
    const body = await json(await api(`/api/v1/regions?q=${encodeURIComponent("%")}`));
    expect(body.data).toEqual([]);
  });

  const bad: [string, string][] = [
    ["level=hamlet", "query.level"],
    ["parent=12", "query.parent"],
    [`q=${"村".repeat(51)}`, "query.q"],
    ["q=", "query.q"],
    ["limit=-1", "query.limit"],
    ["lvl=county", "query.lvl"],
    ["codes=340000000000,34", "query.codes"],
    [`codes=${Array.from({ length: 51 }, (_, i) => String(340000000000 + i)).join(",")}`, "query.codes"],
  ];
  for (const [query, path] of bad) {
    it(`answers 400 naming ${path} for ?${query}`, async () => {
      const res = await api(`/api/v1/regions?${query}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.details.map((d: any) => d.path)).toContain(path);
    });
  }
});

describe("GET /api/v1/regions/{code}", () => {
  it("returns a county with its parent chain and counts below it", async () => {
    const res = await api(`/api/v1/regions/${PLACES.wuwei}`);
    expect(res.status).toBe(200);
    const { data } = await json(res);
    expect(data).toMatchObject({ code: PLACES.wuwei, name_zh: "无为县", level: "county", parent_code: PLACES.wuhu, demo: false });
    expect(data.ancestors.map((a: any) => a.name_zh)).toEqual(["安徽省", "芜湖市"]);
    expect(data.counts.children).toBe(20);
    expect(data.counts.descendants.township).toBe(20);
    expect(data.counts.villages.designated_poor).toBe(52);
    expect(data.counts.villages.exited).toBe(52);
    expect(data.counts.villages.poor).toBe(0);
  });

  it("counts Wuhu's 71 poor villages from the city", async () => {
    const { data } = await json(await api(`/api/v1/regions/${PLACES.wuhu}`));
    expect(data.counts.villages.designated_poor).toBe(71);
    expect(data.counts.descendants.county).toBe(2);
  });

  it("answers 404 in the error shape for an unknown code", async () => {
    const res = await api("/api/v1/regions/110000000000");
    expect(res.status).toBe(404);
    const body = await json(res);
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toContain("110000000000");
  });

  it("answers 400 for a malformed code", async () => {
    const res = await api("/api/v1/regions/34abc");
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0].path).toBe("param.code");
  });

  it("supports conditional requests", async () => {
    const first = await api(`/api/v1/regions/${PLACES.nanling}`);
    const again = await api(`/api/v1/regions/${PLACES.nanling}`, { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(again.status).toBe(304);
  });
});
