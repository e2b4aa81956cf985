import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { refreshSearchIndex } from "../../worker/search";
import { api, db, json } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";

const NANLING = "340223000000";

interface Hit {
  type: string;
  id: string;
  name_zh: string;
  region_code: string | null;
  match: string;
  url: string;
}

async function search(params: Record<string, string>): Promise<{ status: number; body: any; hits: Hit[] }> {
  const res = await api(`/api/v1/search?${new URLSearchParams(params)}`);
  const body = await json(res);
  return { status: res.status, body, hits: (body.data ?? []) as Hit[] };
}

/** Every hit of a query, following the cursor. */
async function searchAll(params: Record<string, string>): Promise<Hit[]> {
  const hits: Hit[] = [];
  let url: string | null = `/api/v1/search?${new URLSearchParams({ limit: "200", ...params })}`;
  while (url) {
    const body: any = await json(await api(url.replace(/^https?:\/\/[^/]+/, "")));
    hits.push(...body.data);
    url = body.next;
  }
  return hits;
}

beforeAll(async () => {
  await seedFundsOnce();
  // The funds demo writes straight to the tables (as scripts/seed.ts does): drain the queue it filled.
  await refreshSearchIndex(db());
});

describe("GET /api/v1/search finds Nanling however a resident types it", () => {
  for (const q of ["南陵", "陵", "nanling", "nl", "nan ling", "南陵縣", "NanLing", "ｎａｎｌｉｎｇ"]) {
    it(`finds Nanling county for ${JSON.stringify(q)}`, async () => {
      const { status, hits } = await search({ q, limit: "50" });
      expect(status).toBe(200);
      expect(hits.map((h) => h.id)).toContain(NANLING);
    });
  }

  it("ranks the county first for 南陵, 南陵縣 and nanling (name starts with the query, regions top down)", async () => {
    for (const q of ["南陵", "南陵縣", "nanling", "nan ling"]) {
      const { hits } = await search({ q, limit: "5" });
      expect(hits[0], q).toMatchObject({ type: "region", id: NANLING, url: `/api/v1/regions/${NANLING}` });
    }
    const exact = await search({ q: "南陵县", limit: "1" });
    expect(exact.hits[0]).toMatchObject({ id: NANLING, match: "exact" });
  });

  it("finds with 桃 exactly the villages that have 桃 in their names", async () => {
    const hits = await searchAll({ q: "桃", type: "village" });
    const expected: string[] = [];
    let url: string | null = "/api/v1/regions?level=village&q=%E6%A1%83&limit=1000";
    while (url) {
      const body: any = await json(await api(url.replace(/^https?:\/\/[^/]+/, "")));
      expected.push(...body.data.map((r: { code: string }) => r.code));
      url = body.next;
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(hits.map((h) => h.id).sort()).toEqual(expected.sort());
    for (const hit of hits) expect(hit.name_zh).toContain("桃");
  });

  it("keeps to a region and its descendants, and to one type", async () => {
    const hits = await searchAll({ q: "村", region: NANLING, type: "village" });
    expect(hits.length).toBeGreaterThan(10);
    for (const hit of hits) {
      expect(hit.type).toBe("village");
      expect(hit.region_code!.startsWith("340223")).toBe(true);
    }
    // Paging visits every hit once.
    expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
  });

  it("pages with a cursor across match tiers without repeating or losing a hit", async () => {
    const whole = (await search({ q: "nl", limit: "1000" })).hits.map((h) => `${h.type}:${h.id}`);
    const paged = (await searchAll({ q: "nl", limit: "7" })).map((h) => `${h.type}:${h.id}`);
    expect(paged).toEqual(whole);
  });

  it("finds notices by title, body and issuer, projects, named donors and official-figure metrics", async () => {
    expect((await search({ q: "出列公示", type: "notice" })).hits.map((h) => h.id)).toContain("ntc_demo09");
    const metric = await search({ q: "脱贫人口", type: "metric" });
    expect(metric.hits.length).toBeGreaterThan(0);
    expect(metric.hits[0]!.url).toMatch(/^\/api\/v1\/statistics\/official\?region=\d{12}&year=\d{4}&metric=exited_people$/);
    const { results: projects } = await env.DB.prepare("SELECT id, name_zh FROM fund_projects LIMIT 1").all<{ id: string; name_zh: string }>();
    const project = projects[0]!;
    expect((await searchAll({ q: project.name_zh, type: "project" })).map((h) => h.id)).toContain(project.id);
    const named = await env.DB.prepare("SELECT id, donor_name FROM donations WHERE donor_name IS NOT NULL LIMIT 1").first<{ id: string; donor_name: string }>();
    expect(named).not.toBeNull();
    expect((await searchAll({ q: named!.donor_name, type: "donor" })).map((h) => h.id)).toContain(named!.id);
  });
});

describe("GET /api/v1/search never shows what is not public", () => {
  it("never returns a draft notice", async () => {
    const { results: drafts } = await env.DB.prepare("SELECT id, title_zh FROM notices WHERE status = 'draft'").all<{ id: string; title_zh: string }>();
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) {
      for (const q of [draft.title_zh, "草稿", draft.title_zh.slice(0, 2)]) {
        const hits = await searchAll({ q });
        expect(hits.map((h) => h.id), q).not.toContain(draft.id);
      }
    }
  });

  it("never finds a notice by the masked name of a withdrawn item", async () => {
    const { results: items } = await env.DB.prepare(
      "SELECT i.masked_name, n.id FROM notice_items i JOIN notices n ON n.id = i.notice_id WHERE n.status IN ('closed', 'announced', 'superseded')",
    ).all<{ masked_name: string; id: string }>();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const surname = item.masked_name.replaceAll("*", "");
      for (const hit of await searchAll({ q: item.masked_name, type: "notice" })) {
        // A notice may be found only through its own public text, never through its items.
        const text = await env.DB.prepare("SELECT title_zh || ' ' || body_zh || ' ' || issuer AS t FROM notices WHERE id = ?").bind(hit.id).first<{ t: string }>();
        const regions = await env.DB.prepare("SELECT group_concat(name_zh, ' ') AS t FROM regions WHERE code IN (?, ?, ?, ?, ?)")
          .bind(...["province", "city", "county", "township", "village"].map((_, i) => hit.region_code!.slice(0, [2, 4, 6, 9, 12][i]).padEnd(12, "0")))
          .first<{ t: string }>();
        expect(`${text!.t} ${regions!.t}`, `${item.masked_name} found ${hit.id}`).toContain(surname);
      }
    }
  });

  it("never finds an anonymous donation", async () => {
    const { results: anonymous } = await env.DB.prepare("SELECT id FROM donations WHERE donor_name IS NULL").all<{ id: string }>();
    expect(anonymous.length).toBeGreaterThan(0);
    const ids = new Set(anonymous.map((d) => d.id));
    for (const q of ["匿名", "anonymous", "don", "捐赠"]) {
      for (const hit of await searchAll({ q })) expect(ids.has(hit.id), q).toBe(false);
    }
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM search_docs d JOIN donations x ON x.id = d.ref WHERE d.kind = 'donor' AND x.donor_name IS NULL").first<{ n: number }>())!;
    expect(n).toBe(0);
  });
});

describe("GET /api/v1/search refuses bad input with the parameter named", () => {
  const cases: [Record<string, string>, string][] = [
    [{ q: "" }, "query.q"],
    [{ q: "   " }, "query.q"],
    [{ q: "桃".repeat(101) }, "query.q"],
    [{ q: "!!!" }, "query.q"],
    [{}, "query.q"],
    [{ q: "南陵", type: "household" }, "query.type"],
    [{ q: "南陵", region: "3402" }, "query.region"],
    [{ q: "南陵", sort: "name" }, "query.sort"],
    [{ q: "南陵", cursor: "xyz" }, "query.cursor"],
  ];
  for (const [params, path] of cases) {
    it(`answers 400 naming ${path} for ${JSON.stringify(params).slice(0, 60)}`, async () => {
      const { status, body } = await search(params);
      expect(status).toBe(400);
      expect(body.error.details.map((d: { path: string }) => d.path).join(" ")).toContain(path);
    });
  }

  it("answers 404 for an unknown region", async () => {
    const { status, body } = await search({ q: "村", region: "349999000000" });
    expect(status).toBe(404);
    expect(body.error.details[0].path).toBe("query.region");
  });

  it("accepts exactly 100 characters", async () => {
    expect((await search({ q: "桃".repeat(100) })).status).toBe(200);
  });
});

describe("the search index follows writes", () => {
  it("indexes a project created through the admin API at once, with its pinyin", async () => {
    const { wuhuProject } = await import("../helpers/funds");
    const { id } = await wuhuProject();
    const hits = await searchAll({ q: "cscgfdz", type: "project" });
    expect(hits.map((h) => h.id)).toContain(id);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM search_queue").first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it("changes the ETag when the index changes", async () => {
    const first = await api("/api/v1/search?q=%E5%8D%97%E9%99%B5");
    const etag = first.headers.get("ETag")!;
    expect((await api("/api/v1/search?q=%E5%8D%97%E9%99%B5", { headers: { "If-None-Match": etag } })).status).toBe(304);
    await env.DB.prepare("INSERT INTO search_queue (kind, ref) VALUES ('region', ?)").bind(NANLING).run();
    await refreshSearchIndex(db());
    expect((await api("/api/v1/search?q=%E5%8D%97%E9%99%B5", { headers: { "If-None-Match": etag } })).status).toBe(200);
  });
});
