import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../../worker/domain/canonical-json";
import { api, json, seedOnce } from "../helpers/api";
import { createNotice, NANLING_VILLAGE } from "../helpers/notices";

const BAICHENG = "220800000000";
const DURING = "2026-11-22T04:00:00Z";
const AFTER = "2026-11-27T04:00:00Z";
const at = (now: string) => ({ headers: { "x-test-now": now } });

let openId: string;
let announcedId: string;
let draftId: string;
let oldId: string;
let correctionId: string;

beforeAll(async () => {
  await seedOnce();
  openId = await createNotice({ regionCode: BAICHENG, items: 4, titleZh: "白城公示 <script>alert('x')</script> & co" });
  announcedId = await createNotice({ regionCode: BAICHENG, status: "announced", items: 5, type: "household_exit", publishedAt: "2026-11-18T08:00:00Z", period: { start: "2026-11-19", end: "2026-11-25" }, objectionsReceived: 3, objectionsUpheld: 1 });
  draftId = await createNotice({ regionCode: BAICHENG, status: "draft" });
  // A correction: the old notice is superseded by a new one, linked both ways.
  oldId = await createNotice({ regionCode: BAICHENG, type: "project", items: 0, publishedAt: "2026-11-10T08:00:00Z", period: { start: "2026-11-11", end: "2026-11-17" } });
  correctionId = await createNotice({ regionCode: BAICHENG, type: "project", items: 0, supersedesId: oldId, publishedAt: "2026-11-12T08:00:00Z", period: { start: "2026-11-12", end: "2026-11-18" } });
  await env.DB.prepare("UPDATE notices SET status = 'superseded', superseded_by_id = ?, superseded_at = ? WHERE id = ?")
    .bind(correctionId, "2026-11-12T08:00:00.000Z", oldId)
    .run();
});

describe("GET /api/v1/notices", () => {
  it("lists published notices newest first and never drafts", async () => {
    const res = await api(`/api/v1/notices?region=${BAICHENG}`, at(DURING));
    expect(res.status).toBe(200);
    const body = await json(res);
    const ids = body.data.map((n: any) => n.id);
    expect(ids).toEqual([openId, announcedId, correctionId, oldId]);
    expect(ids).not.toContain(draftId);
    expect(body.meta.dataset).toBe("notices");
    const open = body.data[0];
    expect(open).toMatchObject({
      type: "household_identification",
      region: { code: BAICHENG, name_zh: "白城市" },
      status: "open",
      item_count: 4,
      objections: { received: 0, upheld: 0 },
      objection_period: { start: "2026-11-20", end: "2026-11-26", opens_at: "2026-11-19T16:00:00.000Z", closes_at: "2026-11-26T16:00:00.000Z", time_zone: "Asia/Shanghai", state: "open" },
    });
    expect(open.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("includes notices of every region below the one asked for, and only those", async () => {
    const village = await createNotice({ regionCode: NANLING_VILLAGE });
    const county = await json(await api("/api/v1/notices?region=340223000000&limit=1000", at(DURING)));
    expect(county.data.map((n: any) => n.id)).toContain(village);
    expect(county.data.every((n: any) => n.region.code.startsWith("340223"))).toBe(true);
    const other = await json(await api(`/api/v1/notices?region=${BAICHENG}&limit=1000`, at(DURING)));
    expect(other.data.map((n: any) => n.id)).not.toContain(village);
  });

  it("reads status=open as 'objections possible now' and moves a notice to closed at 24:00 on its last day", async () => {
    const before = await json(await api(`/api/v1/notices?region=${BAICHENG}&status=open`, at("2026-11-26T15:59:59Z")));
    expect(before.data.map((n: any) => n.id)).toContain(openId);
    const after = await json(await api(`/api/v1/notices?region=${BAICHENG}&status=open`, at("2026-11-26T16:00:00Z")));
    expect(after.data.map((n: any) => n.id)).not.toContain(openId);
    const closed = await json(await api(`/api/v1/notices?region=${BAICHENG}&status=closed`, at("2026-11-26T16:00:00Z")));
    // The correction's own period (to 2026-11-18) ended earlier; it reads closed too.
    expect(closed.data.map((n: any) => n.id)).toEqual([openId, correctionId]);
    expect(closed.data.every((n: any) => n.status === "closed")).toBe(true);
    expect(closed.data[0].objection_period.state).toBe("ended");
  });

  it("puts every published notice in exactly one status filter, before, during and after its period", async () => {
    // In Nanling (with the demo's notices), so the Baicheng lists other tests count stay as they are.
    const NANLING = "340223000000";
    const upcoming = await createNotice({ regionCode: NANLING_VILLAGE, publishedAt: "2026-11-21T08:00:00Z", period: { start: "2026-11-24", end: "2026-11-30" } });
    for (const now of ["2026-11-21T09:00:00Z", DURING, "2026-11-24T00:00:00Z", AFTER, "2026-12-05T00:00:00Z"]) {
      const all = (await json(await api(`/api/v1/notices?region=${NANLING}&limit=1000`, at(now)))).data;
      expect(all.length).toBeGreaterThan(1);
      const seen = new Map<string, string[]>();
      for (const status of ["upcoming", "open", "closed", "announced", "superseded"]) {
        const page = await json(await api(`/api/v1/notices?region=${NANLING}&status=${status}&limit=1000`, at(now)));
        for (const n of page.data) {
          expect(n.status, `${n.id} under status=${status} at ${now}`).toBe(status);
          seen.set(n.id, [...(seen.get(n.id) ?? []), status]);
        }
      }
      for (const n of all) expect(seen.get(n.id), `${n.id} at ${now}`).toEqual([n.status]);
    }
    const before = await json(await api(`/api/v1/notices/${upcoming}`, at(DURING)));
    expect(before.data).toMatchObject({ status: "upcoming", objection_period: { state: "upcoming" } });
    expect((await json(await api(`/api/v1/notices/${upcoming}`, at("2026-11-24T00:00:00Z")))).data.status).toBe("open");
  });

  it("filters by type, stored status and publication dates in Asia/Shanghai", async () => {
    const exits = await json(await api(`/api/v1/notices?region=${BAICHENG}&type=household_exit`, at(DURING)));
    expect(exits.data.map((n: any) => n.id)).toEqual([announcedId]);
    const announced = await json(await api(`/api/v1/notices?region=${BAICHENG}&status=announced`, at(DURING)));
    expect(announced.data.map((n: any) => n.id)).toEqual([announcedId]);
    const superseded = await json(await api(`/api/v1/notices?region=${BAICHENG}&status=superseded`, at(DURING)));
    expect(superseded.data.map((n: any) => n.id)).toEqual([oldId]);
    // Published 2026-11-19T08:00Z = 16:00 on the 19th in Shanghai; 2026-11-18T08:00Z = the 18th.
    const day = await json(await api(`/api/v1/notices?region=${BAICHENG}&published_from=2026-11-19&published_to=2026-11-19`, at(DURING)));
    expect(day.data.map((n: any) => n.id)).toEqual([openId]);
    const range = await json(await api(`/api/v1/notices?region=${BAICHENG}&published_from=2026-11-12&published_to=2026-11-18`, at(DURING)));
    expect(range.data.map((n: any) => n.id)).toEqual([announcedId, correctionId]);
  });

  it("pages with a keyset cursor and exports CSV without any objection text or contact", async () => {
    const first = await json(await api(`/api/v1/notices?region=${BAICHENG}&limit=2`, at(DURING)));
    expect(first.data).toHaveLength(2);
    const second = await json(await api(first.next.replace("http://portal.test", ""), at(DURING)));
    expect([...first.data, ...second.data].map((n: any) => n.id)).toEqual([openId, announcedId, correctionId, oldId]);
    expect(second.next).toBeNull();
    const csv = await api(`/api/v1/notices?region=${BAICHENG}&format=csv`, at(DURING));
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      // Every JSON field, flattened (issue 11: columns from one definition).
      "id,type,region_code,region_name_zh,region_name_en,title_zh,title_en,issuer,status,published_at,objection_period_start,objection_period_end,objection_period_opens_at,objection_period_closes_at,objection_period_time_zone,objection_period_state,supersedes,superseded_by,item_count,updated_at,objections_received,objections_upheld,fingerprint,demo,provenance_kind,provenance_demo,provenance_basis",
    );
    expect(lines).toHaveLength(5);
  });

  it("answers If-None-Match with 304, and changes the ETag with the Shanghai date", async () => {
    const res = await api(`/api/v1/notices?region=${BAICHENG}`, at(DURING));
    const etag = res.headers.get("ETag")!;
    const again = await api(`/api/v1/notices?region=${BAICHENG}`, { headers: { "x-test-now": "2026-11-22T05:00:00Z", "If-None-Match": etag } });
    expect(again.status).toBe(304);
    const nextDay = await api(`/api/v1/notices?region=${BAICHENG}`, { headers: { "x-test-now": "2026-11-22T16:00:00Z", "If-None-Match": etag } });
    expect(nextDay.status).toBe(200);
  });

  it.each([
    ["an unknown parameter", "regoin=220800000000", "query.regoin"],
    ["a malformed region", "region=2208", "query.region"],
    ["an unknown type", "type=household", "query.type"],
    ["the draft status", "status=draft", "query.status"],
    ["an impossible date", "published_from=2026-02-30", "query.published_from"],
    ["a reversed date range", "published_from=2026-11-20&published_to=2026-11-19", "query.published_to"],
    ["a malformed cursor", "cursor=%27%20OR%201%3D1--", "query.cursor"],
    ["a limit over 1,000", "limit=1001", "query.limit"],
  ])("refuses %s with 400 naming it", async (_what, qs, path) => {
    const res = await api(`/api/v1/notices?${qs}`);
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details.map((d: any) => d.path).join(" ")).toContain(path);
    expect(body.error.request_id).toBeTruthy();
  });

  it("answers 404 in the error shape for a region that does not exist", async () => {
    const res = await api("/api/v1/notices?region=229900000000");
    expect(res.status).toBe(404);
    expect((await json(res)).error).toMatchObject({ code: "region_not_found", details: [{ path: "query.region" }] });
  });
});

describe("GET /api/v1/notices/{id}", () => {
  it("shows the items of an open notice and a fingerprint anyone can recompute", async () => {
    const res = await api(`/api/v1/notices/${openId}`, at(DURING));
    expect(res.status).toBe(200);
    const n = (await json(res)).data;
    expect(n.items).toHaveLength(4);
    expect(n.items[0]).toEqual({ item_no: 1, masked_name: "张*", village_group: "1组", household_size: 1, decision: "identified" });
    expect(Object.keys(n.items[0]).sort()).toEqual(["decision", "household_size", "item_no", "masked_name", "village_group"]);
    expect(n.items_withdrawn).toBe(false);
    const document = {
      id: n.id,
      type: n.type,
      region_code: n.region.code,
      title_zh: n.title_zh,
      title_en: n.title_en,
      body_zh: n.body_zh,
      body_en: n.body_en,
      issuer: n.issuer,
      published_at: n.published_at,
      objection_period: { start: n.objection_period.start, end: n.objection_period.end },
      supersedes: n.supersedes,
      items: n.items,
    };
    expect(await sha256Hex(canonicalJson(document))).toBe(n.fingerprint);
  });

  it("returns the title as text: a <script> is a string in JSON, never markup", async () => {
    const res = await api(`/api/v1/notices/${openId}`, at(DURING));
    expect(res.headers.get("Content-Type")).toContain("application/json");
    expect((await json(res)).data.title_zh).toBe("白城公示 <script>alert('x')</script> & co");
  });

  it("still shows items after the period ends, until the announcement", async () => {
    const n = (await json(await api(`/api/v1/notices/${openId}`, at(AFTER)))).data;
    expect(n.status).toBe("closed");
    expect(n.items).toHaveLength(4);
  });

  it("withdraws household items once the notice is announced, keeping its counts", async () => {
    const n = (await json(await api(`/api/v1/notices/${announcedId}`, at(DURING)))).data;
    expect(n.status).toBe("announced");
    expect(n.items).toBeNull();
    expect(n.items_withdrawn).toBe(true);
    expect(n.item_count).toBe(5);
    expect(n.objections).toEqual({ received: 3, upheld: 1 });
    expect(JSON.stringify(n)).not.toContain("*");
  });

  it("links a superseded notice and its correction both ways and withdraws the superseded items", async () => {
    const old = (await json(await api(`/api/v1/notices/${oldId}`, at(DURING)))).data;
    const correction = (await json(await api(`/api/v1/notices/${correctionId}`, at(DURING)))).data;
    expect(old).toMatchObject({ status: "superseded", superseded_by: correctionId, supersedes: null, items: null });
    expect(correction).toMatchObject({ supersedes: oldId, superseded_by: null });
  });

  it("does not show drafts (404) and names a malformed id (400)", async () => {
    const draft = await api(`/api/v1/notices/${draftId}`);
    expect(draft.status).toBe(404);
    expect((await json(draft)).error.code).toBe("not_found");
    expect((await api("/api/v1/notices/ntc_doesnotexist")).status).toBe(404);
    const bad = await api("/api/v1/notices/1%20OR%201=1");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.details[0].path).toBe("param.id");
  });
});

describe("GET /api/v1/notices.atom", () => {
  it("serves a well-formed Atom 1.0 feed of a region's notices", async () => {
    const res = await api(`/api/v1/notices.atom?region=${BAICHENG}`, at(DURING));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");
    expect(res.headers.get("ETag")).toBeTruthy();
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    // RFC 4287: the feed has id, title, updated, an author and a self link; every entry has id, title, updated.
    const head = xml.slice(0, xml.indexOf("<entry>"));
    for (const tag of ["<id>", "<title type=\"text\">", "<updated>", "<author><name>", 'rel="self"']) expect(head).toContain(tag);
    const entries = xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
    expect(entries).toHaveLength(4);
    for (const entry of entries) {
      expect(entry).toMatch(/<id>tag:gongkai\.opendata,2026:notice\/ntc_[0-9a-z]+<\/id>/);
      // People get the notice page (zh and en), programs the JSON; the content is the notice text.
      expect(entry).toMatch(/<link rel="alternate" type="text\/html" hreflang="zh-CN" href="http:\/\/portal\.test\/notices\/ntc_[0-9a-z]+\/"\/>/);
      expect(entry).toMatch(/<link rel="alternate" type="text\/html" hreflang="en" href="http:\/\/portal\.test\/en\/notices\/ntc_[0-9a-z]+\/"\/>/);
      expect(entry).toMatch(/<content type="text">[^<]+<\/content>/);
      expect(entry).toMatch(/<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z<\/updated>/);
      expect(entry).toContain("<title type=\"text\">");
    }
    expect(xml.match(/<feed/g)).toHaveLength(1);
    expect(xml.trimEnd().endsWith("</feed>")).toBe(true);
    expect(xml).not.toContain(draftId);
  });

  it("keeps its ids whatever host it is read through, and an empty feed is dated by the last change of the notices", async () => {
    const ids = (xml: string) => [...xml.matchAll(/<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    const here = await (await api(`/api/v1/notices.atom?region=${BAICHENG}`, at(DURING))).text();
    const elsewhere = await (await exports.default.fetch(new Request(`https://mirror.example:8443/api/v1/notices.atom?region=${BAICHENG}`, at(DURING)))).text();
    expect(ids(elsewhere)).toEqual(ids(here));
    expect(ids(here)[0]).toBe(`tag:gongkai.opendata,2026:notices/region/${BAICHENG}`);

    // A region without notices: no entries, and `updated` is when the notices last changed.
    const provinces = (await json(await api("/api/v1/regions?level=province"))).data.map((r: any) => r.code);
    let empty = "";
    for (const code of provinces) {
      empty = await (await api(`/api/v1/notices.atom?region=${code}`, at(DURING))).text();
      if (!empty.includes("<entry>")) break;
    }
    expect(empty).not.toContain("<entry>");
    const stamp = await env.DB.prepare("SELECT updated_at FROM dataset_versions WHERE dataset = 'notices'").first<{ updated_at: string }>();
    const updated = /<updated>([^<]+)<\/updated>/.exec(empty)![1];
    expect(updated).toBe(stamp ? new Date(stamp.updated_at).toISOString() : updated);
    expect(updated).not.toBe("2014-01-01T00:00:00.000Z");
  });

  it("escapes markup from notices: a <script> in a title is text in the feed", async () => {
    const xml = await (await api(`/api/v1/notices.atom?region=${BAICHENG}`, at(DURING))).text();
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("白城公示 &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co");
    // Every & in the document starts an entity.
    expect(xml.match(/&(?!(amp|lt|gt|quot|apos);)/g)).toBeNull();
  });

  it("refuses unknown parameters and unknown regions", async () => {
    expect((await api("/api/v1/notices.atom?county=340223000000")).status).toBe(400);
    const res = await api("/api/v1/notices.atom?region=229900000000");
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("region_not_found");
  });
});
