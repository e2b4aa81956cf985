import { beforeAll, describe, expect, it } from "vitest";
import { PLACES } from "../../worker/demo/official-figures";
import { adminApi, adminToken } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";
import { createNotice, postHeaders } from "../helpers/notices";

let editor: string;
let admin: string;
beforeAll(async () => {
  await seedOnce();
  editor = await adminToken({ role: "editor", region: PLACES.wuhu });
  admin = await adminToken({ role: "admin", region: PLACES.wuhu });
});

/**
 * The cache write runs in ctx.waitUntil after the answer: a read right after a miss may
 * still miss. Reads again (briefly) until the entry is there.
 */
async function readUntilHit(path: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const res = await api(path, init);
    if (res.headers.get("X-Cache") === "HIT") return res;
    await res.arrayBuffer();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${path} never came from the edge cache`);
}

const figuresPath = `/api/v1/statistics/official?region=${PLACES.nanling}&year=2019`;

describe("edge cache (caches.default keyed by dataset versions)", () => {
  it("stores a public read, serves it again, and a write makes the next read fresh without purging", async () => {
    const first = await api(figuresPath);
    expect(first.status).toBe(200);
    expect(first.headers.get("X-Cache")).toBe("MISS");
    const firstBody = await json(first);

    const hit = await readUntilHit(figuresPath);
    expect(hit.status).toBe(200);
    expect(await json(hit)).toEqual(firstBody);
    // Per-request headers are the request's own, not the stored copy's.
    expect(hit.headers.get("X-Request-Id")).not.toBe(first.headers.get("X-Request-Id"));
    expect(hit.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(hit.headers.get("Cache-Control")).toBe(first.headers.get("Cache-Control"));

    const write = await adminApi("/api/v1/admin/official-figures", editor, {
      method: "POST",
      idempotencyKey: "edge-cache-write-1",
      json: {
        source: { id: "edge-cache-src", title_zh: "南陵县2019年脱贫公告", title_en: "Nanling 2019 exits", issuer: "南陵县扶贫开发领导小组", published_on: "2019-12-30" },
        figures: [{ region_code: PLACES.nanling, year: 2019, metric: "exited_people", value: 4242 }],
      },
    });
    if (write.status !== 201) throw new Error(await write.text());
    expect(write.headers.get("X-Cache")).toBeNull();

    const after = await api(figuresPath);
    expect(after.headers.get("X-Cache")).toBe("MISS");
    expect(after.headers.get("ETag")).not.toBe(first.headers.get("ETag"));
    const body = await json(after);
    expect(body.data.map((f: { value: number }) => f.value)).toContain(4242);
    expect(firstBody.data.map((f: { value: number }) => f.value)).not.toContain(4242);
    expect(await json(await readUntilHit(figuresPath))).toEqual(body);
  });

  it("keeps If-None-Match → 304 in front of the cache", async () => {
    const path = `/api/v1/regions/${PLACES.nanling}`;
    const cached = await readUntilHit(path);
    const res = await api(path, { headers: { "If-None-Match": cached.headers.get("ETag")! } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
  });

  it("keeps formats apart: the same path as CSV and as JSON are two entries", async () => {
    const path = `/api/v1/villages?county=${PLACES.nanling}&limit=5`;
    const asJson = await readUntilHit(path);
    const asCsv = await readUntilHit(path, { headers: { Accept: "text/csv" } });
    expect(asJson.headers.get("Content-Type")).toContain("application/json");
    expect(asCsv.headers.get("Content-Type")).toContain("text/csv");
  });

  it("never stores admin reads, receipt lookups, POSTs, errors or unbounded exports", async () => {
    for (let i = 0; i < 3; i++) {
      const audit = await adminApi(`/api/v1/admin/audit?region=${PLACES.wuhu}`, admin);
      expect(audit.status).toBe(200);
      expect(audit.headers.get("X-Cache")).toBeNull();
      expect(audit.headers.get("Cache-Control")).toContain("no-store");
      await audit.arrayBuffer();
    }

    const posted = await api("/api/v1/reports", {
      method: "POST",
      headers: postHeaders(),
      body: JSON.stringify({ category: "fund_misuse", region: PLACES.nanling, text: "Edge cache test: this report checks that receipts are never cached." }),
    });
    if (posted.status !== 201) throw new Error(await posted.text());
    expect(posted.headers.get("X-Cache")).toBeNull();
    const { receipt } = (await json(posted)).data;
    for (let i = 0; i < 3; i++) {
      const lookup = await api(`/api/v1/reports/${receipt}`);
      expect(lookup.status).toBe(200);
      expect(lookup.headers.get("X-Cache")).toBeNull();
      expect(lookup.headers.get("Cache-Control")).toContain("no-store");
      await lookup.arrayBuffer();
    }

    for (let i = 0; i < 3; i++) {
      const missing = await api("/api/v1/regions/340223999999");
      expect(missing.status).toBe(404);
      expect(missing.headers.get("X-Cache")).toBeNull();
      await missing.arrayBuffer();
    }

    const exportAll = await api(`/api/v1/villages?format=csv`);
    expect(exportAll.status).toBe(200);
    expect(exportAll.headers.get("X-Cache")).toBe("BYPASS");
    expect(exportAll.headers.get("ETag")).toBeTruthy();
    await exportAll.arrayBuffer();
    const again = await api(`/api/v1/villages?format=csv`, { headers: { "If-None-Match": exportAll.headers.get("ETag")! } });
    expect(again.status).toBe(304);
  });

  it("serves a notice opened after it was first read (the notices dataset's version moves)", async () => {
    const list = `/api/v1/notices?region=${PLACES.nanling}`;
    const before = await json(await readUntilHit(list));
    const id = await createNotice({ titleZh: "边缘缓存测试公示" });
    const after = await api(list);
    expect(after.headers.get("X-Cache")).toBe("MISS");
    const ids = (await json(after)).data.map((n: { id: string }) => n.id);
    expect(ids).toContain(id);
    expect(before.data.map((n: { id: string }) => n.id)).not.toContain(id);
  });
});

describe("D1 Sessions", () => {
  it("returns a bookmark on every answer and a cookie after a write; honours it on the next read", async () => {
    const read = await api(`/api/v1/regions/${PLACES.nanling}`);
    const readBookmark = read.headers.get("X-D1-Bookmark");
    expect(readBookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)*$/i);
    expect(read.headers.get("Set-Cookie")).toBeNull();

    const write = await adminApi("/api/v1/admin/official-figures", editor, {
      method: "POST",
      idempotencyKey: "edge-cache-session-1",
      json: {
        source: { id: "edge-cache-session", title_zh: "南陵县2020年公告", title_en: "Nanling 2020", issuer: "南陵县扶贫开发领导小组", published_on: "2020-12-30" },
        figures: [{ region_code: PLACES.nanling, year: 2020, metric: "exited_people", value: 77 }],
      },
    });
    if (write.status !== 201) throw new Error(await write.text());
    const bookmark = write.headers.get("X-D1-Bookmark")!;
    expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)*$/i);
    expect(bookmark > readBookmark!).toBe(true);
    expect(write.headers.get("Set-Cookie")).toContain(`gk_d1_bookmark=${bookmark}`);

    // Continuing from the write's bookmark (header, or the cookie a browser sends back) reads the write.
    const continuations: Record<string, string>[] = [{ "X-D1-Bookmark": bookmark }, { Cookie: `gk_d1_bookmark=${bookmark}` }];
    for (const headers of continuations) {
      const res = await api(`/api/v1/statistics/official?region=${PLACES.nanling}&year=2020`, { headers });
      expect(res.status).toBe(200);
      expect((await json(res)).data.map((f: { value: number }) => f.value)).toContain(77);
      expect(res.headers.get("X-D1-Bookmark")! >= bookmark).toBe(true);
    }
  });

  it("refuses a malformed bookmark header with 400 in the error shape, and ignores a malformed cookie", async () => {
    const bad = await api(`/api/v1/regions/${PLACES.nanling}`, { headers: { "X-D1-Bookmark": "not a bookmark" } });
    expect(bad.status).toBe(400);
    const body = await json(bad);
    expect(body.error.details[0].path).toBe("header.x-d1-bookmark");
    const cookie = await api(`/api/v1/regions/${PLACES.nanling}`, { headers: { Cookie: "gk_d1_bookmark=%%%" } });
    expect(cookie.status).toBe(200);
  });
});
