import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { bumpDatasetVersion } from "../../worker/db/queries/dataset-versions";
import { importSigningKey } from "../../worker/domain/ledger";
import { checkLedger } from "../../worker/ledger/keys";
import { d1Sql } from "../../worker/ledger/sql";
import type { GetJson } from "../../site/src/lib/ledger-check";
import { verifyNotice, type VerifiableNotice } from "../../site/src/lib/notice-verify";
import { adminApi, adminToken } from "../helpers/admin";
import { api, db, json, seedOnce } from "../helpers/api";

// A notice's fingerprint is in the ledger from the moment it opens (and again when it is
// corrected and when its result is announced), so neither ledger:verify nor the notice
// page's own check lets a published 公示 change quietly.

const VILLAGE = "340223106204";
const TODAY = "2026-11-20T02:00:00Z";
let editor: string;

/** The page's check reads the API through the real entry point. */
const get: GetJson = async <T>(path: string) => {
  const res = await api(path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return ((await json(res)) as { data: T }).data;
};
const detail = async (id: string, now = TODAY) => (await json(await api(`/api/v1/notices/${id}`, { headers: { "x-test-now": now } }))).data as VerifiableNotice;
const check = async () => checkLedger(d1Sql(env.DB), { pinned: await importSigningKey(env.LEDGER_SIGNING_KEY), pageSize: 200 });
const write = (path: string, body: unknown, now = TODAY) => adminApi(path, editor, { method: "POST", json: body, idempotencyKey: crypto.randomUUID(), headers: { "x-test-now": now } });

async function openedNotice(overrides: Record<string, unknown> = {}, now = TODAY): Promise<string> {
  const created = await write("/api/v1/admin/notices", {
    type: "household_identification",
    region: VILLAGE,
    title_zh: "2026年度拟识别贫困户公示",
    body_zh: "经民主评议，现公示如下。",
    issuer: "某某村村民委员会",
    items: [
      { name: "张三丰", village_group: "1组", household_size: 3 },
      { name: "欧阳娜娜", village_group: "2组", household_size: 2 },
    ],
    ...overrides,
  }, now);
  const id = (await json(created)).data.id as string;
  expect((await write(`/api/v1/admin/notices/${id}/open`, {}, now)).status).toBe(200);
  return id;
}

/** Changes the database as someone with direct access could, makes it visible, and undoes it afterwards. */
async function tampered<T>(change: string, restore: string, params: (string | number)[], run: () => Promise<T>): Promise<T> {
  await env.DB.prepare(change).bind(...params).run();
  await bumpDatasetVersion(db(), "notices");
  try {
    return await run();
  } finally {
    await env.DB.prepare(restore).bind(...params).run();
    await bumpDatasetVersion(db(), "notices");
  }
}

beforeAll(async () => {
  await seedOnce();
  editor = await adminToken({ role: "editor", region: "340223000000" });
});

describe("notice fingerprints in the ledger", () => {
  it("logs every published demo notice; ledger:verify and the page's check pass them all", async () => {
    const report = await check();
    expect(report.problems).toEqual([]);
    const types = await env.DB.prepare("SELECT type, count(*) AS n FROM ledger_entries WHERE type LIKE 'notice_%' GROUP BY type ORDER BY type").all<{ type: string; n: number }>();
    expect(Object.fromEntries(types.results.map((r) => [r.type, r.n]))).toEqual({ notice_announced: 3, notice_opened: 12, notice_superseded: 1 });
    const ids = (await env.DB.prepare("SELECT id FROM notices WHERE status <> 'draft' ORDER BY id").all<{ id: string }>()).results.map((r) => r.id);
    for (const id of ids) {
      const result = await verifyNotice(await detail(id, new Date().toISOString()), get);
      expect(result, id).toMatchObject({ ok: true });
    }
  });

  it("writes opened, superseded and announced entries in the write's own batch, each holding the fingerprint", async () => {
    const old = await openedNotice();
    const opened = await detail(old);
    expect(opened.ledger!.entries.map((e) => e.type)).toEqual(["notice_opened"]);
    const leaf = JSON.parse(opened.ledger!.entries[0]!.leaf);
    expect(leaf).toMatchObject({ type: "notice_opened", id: old, fingerprint: opened.fingerprint, region_code: VILLAGE, period_start: "2026-11-20", period_end: "2026-11-26", recorded_at: opened.published_at });
    expect(await verifyNotice(opened, get)).toMatchObject({ ok: true, fingerprintMatches: true });

    // A correction: its opening and the old notice's supersession are one append.
    const later = "2026-11-21T02:00:00Z";
    const correction = await openedNotice({ title_zh: "更正公示", supersedes: old }, later);
    const o = await detail(old, later);
    const c = await detail(correction, later);
    const superseded = o.ledger!.entries.find((e) => e.type === "notice_superseded")!;
    expect(JSON.parse(superseded.leaf)).toMatchObject({ id: old, fingerprint: opened.fingerprint, superseded_by: correction });
    expect(c.ledger!.entries[0]!.index).toBe(superseded.index - 1);
    expect(await verifyNotice(o, get)).toMatchObject({ ok: true, fingerprintMatches: null });
    expect(await verifyNotice(c, get)).toMatchObject({ ok: true, fingerprintMatches: true });

    // Closed after its period, then announced: the result's own fingerprint is logged too.
    expect((await adminApi(`/api/v1/admin/notices/${correction}/close`, editor, { method: "POST", idempotencyKey: crypto.randomUUID(), headers: { "x-test-now": "2026-11-28T02:00:00Z" } })).status).toBe(200);
    expect((await write(`/api/v1/admin/notices/${correction}/announce`, { announcement_zh: "经公示无异议，予以公告。" }, "2026-11-28T03:00:00Z")).status).toBe(200);
    const announced = await detail(correction, "2026-11-28T04:00:00Z");
    expect(announced.ledger!.entries.map((e) => e.type)).toEqual(["notice_opened", "notice_announced"]);
    expect(await verifyNotice(announced, get)).toMatchObject({ ok: true });
    expect((await check()).problems).toEqual([]);
  });

  it("catches a notice changed in the database after it opened: a title, an item, the period, the announcement", async () => {
    const id = await openedNotice({ title_zh: "待篡改公示" });
    const cases: [string, string, (string | number)[], string][] = [
      ["UPDATE notices SET title_zh = '已改标题' WHERE id = ?", "UPDATE notices SET title_zh = '待篡改公示' WHERE id = ?", [id], "fingerprint"],
      ["UPDATE notice_items SET household_size = 6 WHERE notice_id = ? AND item_no = 1", "UPDATE notice_items SET household_size = 3 WHERE notice_id = ? AND item_no = 1", [id], "fingerprint"],
      ["UPDATE notices SET period_end = '2026-12-31' WHERE id = ?", "UPDATE notices SET period_end = '2026-11-26' WHERE id = ?", [id], "fingerprint"],
    ];
    for (const [change, restore, params, field] of cases) {
      await tampered(change, restore, params, async () => {
        const report = await check();
        expect(report.ok, change).toBe(false);
        expect(report.problems[0], change).toMatchObject({ kind: "row_field", table: "notices", rowId: id, field });
        const page = await verifyNotice(await detail(id), get);
        expect(page.ok, change).toBe(false);
        expect(page.fingerprintMatches, change).toBe(false);
        expect(page.entries[0], change).toMatchObject({ type: "notice_opened", ok: false, failed: "fingerprint" });
      });
    }
    // The stored fingerprint rewritten to match the new content: the signed leaf still disagrees.
    const { fingerprint } = (await env.DB.prepare("SELECT fingerprint FROM notices WHERE id = ?").bind(id).first<{ fingerprint: string }>())!;
    await tampered("UPDATE notices SET fingerprint = '" + "0".repeat(64) + "' WHERE id = ?", `UPDATE notices SET fingerprint = '${fingerprint}' WHERE id = ?`, [id], async () => {
      expect((await check()).problems.some((p) => p.table === "notices" && p.rowId === id && p.field === "fingerprint (stored)")).toBe(true);
      expect((await verifyNotice(await detail(id), get)).ok).toBe(false);
    });
    const announced = (await env.DB.prepare("SELECT id, announcement_zh FROM notices WHERE status = 'announced' ORDER BY id LIMIT 1").first<{ id: string; announcement_zh: string }>())!;
    await tampered("UPDATE notices SET announcement_zh = '另一个结果' WHERE id = ?", `UPDATE notices SET announcement_zh = '${announced.announcement_zh}' WHERE id = ?`, [announced.id], async () => {
      expect((await check()).problems[0]).toMatchObject({ table: "notices", rowId: announced.id, field: "announcement_fingerprint" });
      const page = await verifyNotice(await detail(announced.id, new Date().toISOString()), get);
      expect(page.entries.find((e) => e.type === "notice_announced")).toMatchObject({ ok: false, failed: "content" });
    });
    expect((await check()).ok).toBe(true);
  });
});
