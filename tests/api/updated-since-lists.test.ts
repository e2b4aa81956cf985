import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, adminToken } from "../helpers/admin";
import { api, followList, json } from "../helpers/api";
import { adminPost } from "../helpers/funds";
import { seedNeedsOnce } from "../helpers/needs";

// updated_since= on the lists beyond /notices and /funds/projects (migration 0028): the same
// semantics everywhere — change order (updated_at, key), every row exactly once from the epoch,
// a row changed by a write listed again from an instant before it, CSV with the same rows and an
// updated_at column, and strict input. The demo with funds and needs gives every list rows.

type Row = Record<string, any>;
const EPOCH = "1970-01-01T00:00:00Z";
const follow = (start: string) => followList<Row>(start);

/** The lists in change order, with each row's key (what a client upserts by). */
const LISTS: { list: string; key: (r: Row) => string }[] = [
  { list: "/api/v1/regions?level=township", key: (r) => r.code },
  { list: "/api/v1/villages?region=340223000000", key: (r) => r.code },
  { list: "/api/v1/statistics/official", key: (r) => String(r.id) },
  { list: "/api/v1/donations", key: (r) => r.id },
  { list: "/api/v1/needs", key: (r) => r.id },
  { list: "/api/v1/contacts", key: (r) => String(r.id) },
  { list: "/api/v1/accountability/cases", key: (r) => r.id },
];
const inChangeOrder = (rows: Row[], key: (r: Row) => string) =>
  rows.every((r, i) => i === 0 || rows[i - 1]!.updated_at < r.updated_at || (rows[i - 1]!.updated_at === r.updated_at && key(rows[i - 1]!) < key(r)));

let token: string;
beforeAll(async () => {
  await seedNeedsOnce();
  token = await adminToken({ role: "admin", region: "340000000000" });
});

describe("updated_since= on every list", () => {
  it.each(LISTS)("$list: from the epoch every row once, in change order, the same rows as CSV; nothing from the future", async ({ list, key }) => {
    const all = (await follow(`${list}${list.includes("?") ? "&" : "?"}limit=1000`)).rows;
    expect(all.length, list).toBeGreaterThan(0);
    const sep = list.includes("?") ? "&" : "?";
    const { rows, first } = await follow(`${list}${sep}updated_since=${EPOCH}&limit=7`);
    expect(rows.map(key).sort()).toEqual(all.map(key).sort());
    // Numeric ids compare as numbers in SQL: check the order on the tuple as the database sorts it.
    const typedKey = list.includes("official") || list.includes("contacts") ? (r: Row) => String(r.id).padStart(12, "0") : key;
    expect(inChangeOrder(rows, typedKey)).toBe(true);
    expect(first.meta.filters.updated_since).toBe("1970-01-01T00:00:00.000Z");
    expect(typeof first.meta.poll_since).toBe("string");
    const csv = (await (await api(`${list}${sep}updated_since=${EPOCH}&format=csv`)).text()).trim().split("\r\n");
    expect(csv.length - 1).toBe(rows.length);
    expect(csv[0]!.split(",")).toContain("updated_at");
    expect((await follow(`${list}${sep}updated_since=2999-01-01T00:00:00Z`)).rows).toEqual([]);
  });

  it("refuses a date without a time, an instant without a zone, and sort= alongside, naming the parameter", async () => {
    for (const [p, name] of [
      ["/api/v1/funds/projects?updated_since=2026-11-20", "query.updated_since"],
      ["/api/v1/funds/projects?updated_since=2026-11-20T00:00:00Z&sort=name", "query.sort"],
      ["/api/v1/notices?updated_since=2026-11-20T00:00:00Z&sort=closes", "query.sort"],
      ["/api/v1/regions?updated_since=2026-11-20", "query.updated_since"],
      ["/api/v1/villages?updated_since=2026-11-20T00:00:00", "query.updated_since"],
      ["/api/v1/villages?updated_since=2026-11-20T00:00:00Z&sort=name", "query.sort"],
      ["/api/v1/statistics/official?updated_since=2026-11-20T00:00:00Z&sort=-year", "query.sort"],
      ["/api/v1/donations?updated_since=2026-11-20T00:00:00Z&sort=-amount", "query.sort"],
      ["/api/v1/needs?updated_since=yesterday", "query.updated_since"],
      ["/api/v1/contacts?updated_since=", "query.updated_since"],
      ["/api/v1/accountability/cases?updated_since=2026-13-01T00:00:00Z", "query.updated_since"],
      ["/api/v1/statistics/register?updated_since=2026-11-20", "query.updated_since"],
    ] as const) {
      const res = await api(p);
      expect(res.status, p).toBe(400);
      expect((await json(res)).error.details.map((d: { path: string }) => d.path), p).toContain(name);
    }
  });

  it("a village's status, an official figure and a contact list written after an instant are listed from it", async () => {
    const before = new Date(Date.now() - 1).toISOString();
    const village = "340223101201";
    const current = (await json(await api(`/api/v1/villages?region=${village}`))).data[0];
    const next = current.status === "exited" ? { status: "poor", designated_year: 2014, exit_year: null } : { status: "exited", designated_year: 2014, exit_year: 2019 };
    expect((await adminApi(`/api/v1/admin/villages/${village}/status`, token, { method: "POST", json: next, idempotencyKey: crypto.randomUUID() })).status).toBe(200);
    const villages = (await follow(`/api/v1/villages?updated_since=${encodeURIComponent(before)}`)).rows;
    expect(villages.map((v) => v.code)).toEqual([village]);
    expect(villages[0]!.updated_at >= before).toBe(true);

    const figure = await adminPost("/api/v1/admin/official-figures", token, {
      source: { id: "updated-since-src", title_zh: "测试公告", title_en: "Test announcement", issuer: "南陵县扶贫开发领导小组", published_on: "2019-12-30" },
      figures: [{ region_code: "340223000000", year: 2019, metric: "exited_people", value: 7 }],
    });
    expect(figure.status).toBe(201);
    const figures = (await follow(`/api/v1/statistics/official?updated_since=${encodeURIComponent(before)}`)).rows;
    expect(figures.map((f) => f.source.id)).toEqual(["updated-since-src"]);

    const contacts = { contacts: [{ role: "first_secretary", name_zh: "测试员", position_zh: "第一书记", office_zh: "南陵县测试局", phone: "0553-6812345", confirmed_on: "2026-11-01" }] };
    expect((await adminApi(`/api/v1/admin/contacts/${village}`, token, { method: "PUT", json: contacts, idempotencyKey: crypto.randomUUID() })).status).toBe(200);
    const changed = (await follow(`/api/v1/contacts?updated_since=${encodeURIComponent(before)}`)).rows;
    expect(changed.map((c) => c.region.code)).toEqual([village]);
  });

  it("donations: recording, allocating and reversing each list the donation again, with reversed_at from its reversal", async () => {
    const gift = await adminPost("/api/v1/admin/donations", token, { date: "2019-05-01", amount_fen: 500_00, channel: "online", target: { type: "region", region_code: "340223000000" } });
    expect(gift.status).toBe(201);
    const id = gift.body.data.id as string;
    const since = async () => (await follow(`/api/v1/donations?updated_since=${encodeURIComponent(afterGift)}`)).rows;
    const afterGift = (await json(await api(`/api/v1/donations/${id}`))).data.updated_at as string;

    // The allocation changes the donation's allocated amount: listed again, with a later updated_at.
    const allocation = await adminPost(`/api/v1/admin/donations/${id}/allocations`, token, { village_code: "340223101201", date: "2019-05-02", amount_fen: 100_00 });
    expect(allocation.status).toBe(201);
    const allocated = (await since()).find((d) => d.id === id)!;
    expect(allocated).toMatchObject({ allocated_fen: 100_00, reversed: false });
    expect(allocated.updated_at >= afterGift).toBe(true);

    // Reversing the allocation, then the donation: each is a change of the donation.
    const undo = await adminPost("/api/v1/admin/funds/reversals", token, { id: allocation.body.data.id, date: "2019-05-03", reason: "entry_error" });
    expect(undo.status).toBe(201);
    const reversal = await adminPost("/api/v1/admin/funds/reversals", token, { id, date: "2019-05-03", reason: "entry_error" });
    expect(reversal.status).toBe(201);
    const rows = await since();
    const reversed = rows.find((d) => d.id === id)!;
    expect(reversed).toMatchObject({ reversed: true, allocated_fen: 0 });
    expect(reversed.updated_at).toBe(reversed.reversed_at);
    expect(rows.at(-1)!.id).toBe(id);
    // Money columns stay written once: only the change stamp may be updated.
    await expect(env.DB.prepare("UPDATE donations SET amount_fen = 1 WHERE id = ?").bind(id).run()).rejects.toThrow(/written once/);
  });

  it("register statistics: the rows of releases activated since the instant, nothing from the future", async () => {
    const all = (await follow("/api/v1/statistics/register?limit=1000")).rows;
    const fromEpoch = await follow(`/api/v1/statistics/register?updated_since=${EPOCH}&limit=1000`);
    expect(fromEpoch.rows).toEqual(all);
    expect(typeof fromEpoch.first.meta.poll_since).toBe("string");
    const latest = await env.DB.prepare("SELECT max(activated_at) AS at FROM register_releases WHERE status = 'active'").first<{ at: string }>();
    const recent = (await follow(`/api/v1/statistics/register?updated_since=${encodeURIComponent(latest!.at)}&limit=1000`)).rows;
    expect(recent.length).toBeGreaterThan(0);
    expect(new Set(recent.map((r) => r.release_id)).size).toBeGreaterThanOrEqual(1);
    expect((await follow("/api/v1/statistics/register?updated_since=2999-01-01T00:00:00Z")).rows).toEqual([]);
  });
});
