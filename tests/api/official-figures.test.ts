import { beforeAll, describe, expect, it } from "vitest";
import { PLACES, SOURCES } from "../../worker/demo/official-figures";
import { api, json, seedOnce } from "../helpers/api";

beforeAll(seedOnce);

describe("GET /api/v1/statistics/official", () => {
  it("publishes Wuhu's announced exits as announced, with their source", async () => {
    const body = await json(await api(`/api/v1/statistics/official?region=${PLACES.wuhu}&year=2016&metric=exited_people`));
    const byRegion = Object.fromEntries(body.data.map((f: any) => [f.region.code, f.value]));
    expect(byRegion).toEqual({ [PLACES.wuhu]: 30749, [PLACES.wuwei]: 23922, [PLACES.nanling]: 6827 });
    for (const figure of body.data) {
      expect(figure.kind).toBe("official");
      expect(figure.unit).toBe("people");
      expect(figure.source).toMatchObject({ id: "wuhu-2018", title_zh: "芜湖坚决打赢脱贫攻坚战" });
    }
  });

  it("includes descendants of the region filter and keeps figures that do not add up", async () => {
    const body = await json(await api(`/api/v1/statistics/official?region=${PLACES.wuhu}&limit=1000`));
    const get = (metric: string, year: number) => body.data.find((f: any) => f.metric === metric && f.year === year && f.region.code === PLACES.wuhu)?.value;
    expect(get("registered_people", 2014)).toBe(133500);
    expect(get("remaining_poor_people", 2018)).toBe(18225);
    // 133,500 − 60,181 − 30,749 − 23,515 ≠ 18,225: the components are shown, not forced to agree.
    expect(133500 - 60181 - 30749 - 23515).not.toBe(18225);
    expect(body.data.some((f: any) => f.region.code === PLACES.wuwei)).toBe(true);
  });

  it("carries figures from all five source reports, money in fen", async () => {
    const body = await json(await api("/api/v1/statistics/official?limit=1000"));
    expect(new Set(body.data.map((f: any) => f.source.id))).toEqual(new Set(SOURCES.map((s) => s.id)));
    const donations = body.data.find((f: any) => f.metric === "donations_received");
    expect(donations).toMatchObject({ value: 4_023_000_000, unit: "fen" });
    const tongren = body.data.find((f: any) => f.metric === "funds_invested" && f.region.code === PLACES.tongren);
    expect(tongren).toMatchObject({ value: 170_540_000_000, period_from: 2013 });
  });

  it("exports CSV with the source on every row", async () => {
    const res = await api(`/api/v1/statistics/official?region=${PLACES.cili}&format=csv`);
    const lines = (await res.text()).trimEnd().split("\r\n");
    expect(lines[0]).toContain("source_title_zh");
    expect(lines.slice(1).every((l) => l.includes("cili-2018"))).toBe(true);
  });

  const bad: [string, string, number][] = [
    ["metric=happiness", "query.metric", 400],
    ["year=1900", "query.year", 400],
    ["region=999999000000", "query.region", 404],
    ["regoin=340200000000", "query.regoin", 400],
  ];
  for (const [query, path, status] of bad) {
    it(`answers ${status} naming ${path} for ?${query}`, async () => {
      const res = await api(`/api/v1/statistics/official?${query}`);
      expect(res.status).toBe(status);
      expect((await json(res)).error.details.map((d: any) => d.path)).toContain(path);
    });
  }
});
