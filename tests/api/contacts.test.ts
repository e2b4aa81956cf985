/**
 * Who answers for my village (issue 15 §4): the admin write (validated, scoped, audited,
 * idempotent, atomic) and the public list (envelope, cursor, CSV/NDJSON, ETag), on the demo.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, adminToken, countRows } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";

const XINGZHONG = "340223101204";
const TOWNSHIP = "340223101000";
const NANLING = "340223000000";
let token: string;

const put = (code: string, body: unknown, key = crypto.randomUUID(), as = token) =>
  adminApi(`/api/v1/admin/contacts/${code}`, as, { method: "PUT", json: body, idempotencyKey: key });

const secretary = { role: "first_secretary", name_zh: "测试员", name_en: "Ce Shiyuan", position_zh: "第一书记", office_zh: "南陵县测试局", phone: "0553-6812345", confirmed_on: "2026-11-01" };

beforeAll(async () => {
  await seedOnce();
  token = await adminToken({ role: "editor", region: NANLING });
});

describe("the public contacts list", () => {
  it("answers for a village with its own team, its township's and its county's offices, all marked demo", async () => {
    const res = await api(`/api/v1/contacts?for=${XINGZHONG}`);
    expect(res.status).toBe(200);
    const body = await json(res);
    const roles = new Set(body.data.map((c: { role: string }) => c.role));
    expect([...roles].sort()).toEqual(["county_office", "first_secretary", "township_office", "work_team"]);
    expect(body.data.every((c: { demo: boolean; phone: string }) => c.demo && /^0553-\d{7}$/.test(c.phone))).toBe(true);
    expect(body.meta.hotline).toBe("12317");
    expect(body.data.find((c: { role: string }) => c.role === "township_office").region.code).toBe(TOWNSHIP);
  });

  it("lists a region and below with a cursor, as CSV and NDJSON, with an ETag", async () => {
    const first = await json(await api(`/api/v1/contacts?region=${NANLING}&limit=5`));
    expect(first.data).toHaveLength(5);
    const second = await json(await api(first.next.replace(/^https?:\/\/[^/]+/, "")));
    expect(second.data[0].id).toBeGreaterThan(first.data[4].id);
    const csv = await api(`/api/v1/contacts?region=${TOWNSHIP}&format=csv`);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[0]).toBe("id,region_code,region_name_zh,region_name_en,region_level,role,name_zh,name_en,position_zh,position_en,office_zh,office_en,phone,confirmed_on,demo,updated_at,provenance_kind,provenance_demo,provenance_basis");
    const ndjson = await api(`/api/v1/contacts?role=county_office&format=ndjson`);
    expect((await ndjson.text()).trim().split("\n").every((l) => JSON.parse(l).role === "county_office")).toBe(true);
    const etag = (await api("/api/v1/contacts?limit=1")).headers.get("ETag")!;
    expect((await api("/api/v1/contacts?limit=1", { headers: { "If-None-Match": etag } })).status).toBe(304);
    expect((await api("/api/v1/contacts?for=999999999999")).status).toBe(404);
    expect((await json(await api("/api/v1/contacts?role=mayor"))).error.details[0].path).toBe("query.role");
  });
});

describe("publishing who answers for a region", () => {
  it("replaces a village's list at once, audited once, replayed for the same key", async () => {
    const audits = await countRows("audit_log");
    const key = crypto.randomUUID();
    const body = { contacts: [{ ...secretary }, { role: "work_team", name_zh: "测试队员", office_zh: "南陵县测试局", phone: "13912345678", confirmed_on: "2026-11-02" }] };
    const res = await put(XINGZHONG, body, key);
    expect(res.status).toBe(200);
    expect((await json(res)).data).toEqual({ region_code: XINGZHONG, contacts: 2 });
    expect(await countRows("audit_log")).toBe(audits + 1);
    const replay = await put(XINGZHONG, body, key);
    expect(replay.status).toBe(200);
    expect(await countRows("audit_log")).toBe(audits + 1);
    const own = (await json(await api(`/api/v1/contacts?region=${XINGZHONG}`))).data;
    expect(own.map((c: { name_zh: string; demo: boolean }) => [c.name_zh, c.demo])).toEqual([["测试员", false], ["测试队员", false]]);
    const page = await (await api(`/regions/${XINGZHONG}/`)).text();
    expect(page).toContain("测试员");
    expect(page).toContain("0553-6812345");
  });

  it("refuses a phone in the wrong format (400), a role of another level (422), naming the field, and writes nothing", async () => {
    const before = await countRows("office_contacts");
    for (const phone of ["6812345", "0553 6812345", "(0553)6812345", "+86 13912345678", "1391234567"]) {
      const res = await put(XINGZHONG, { contacts: [{ ...secretary, phone }] });
      expect(res.status, phone).toBe(400);
      expect((await json(res)).error.details[0].path, phone).toBe("body.contacts.0.phone");
    }
    const level = await put(XINGZHONG, { contacts: [{ role: "county_office", office_zh: "南陵县扶贫开发局", phone: "0553-6812345", confirmed_on: "2026-11-01" }] });
    expect(level.status).toBe(422);
    expect((await json(level)).error.details[0].path).toBe("body.contacts.0.role");
    const two = await put(XINGZHONG, { contacts: [secretary, secretary] });
    expect(two.status).toBe(422);
    const noName = await put(XINGZHONG, { contacts: [{ ...secretary, name_zh: null }] });
    expect((await json(noName)).error.details[0].path).toBe("body.contacts.0.name_zh");
    const future = await put(XINGZHONG, { contacts: [{ ...secretary, confirmed_on: "2999-01-01" }] });
    expect((await json(future)).error.details[0].path).toBe("body.contacts.0.confirmed_on");
    expect((await put("340223999999", { contacts: [] })).status).toBe(404);
    expect(await countRows("office_contacts")).toBe(before);
  });

  it("refuses a region outside the token's scope and a token without the editor role", async () => {
    const wuwei = await adminToken({ role: "editor", region: "340225000000" });
    const res = await put(XINGZHONG, { contacts: [secretary] }, undefined, wuwei);
    expect(res.status).toBe(403);
    expect((await json(res)).error.details[0].path).toBe("path.code");
    const viewer = await adminToken({ role: "viewer", region: NANLING });
    expect((await put(XINGZHONG, { contacts: [secretary] }, undefined, viewer)).status).toBe(403);
  });
});
