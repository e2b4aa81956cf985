import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, adminToken } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";
import { countRows, postHeaders } from "../helpers/notices";

const VILLAGE = "340223106204"; // a Nanling demo village without demo notices
const NANLING = "340223000000";
const TODAY = "2026-11-20T02:00:00Z"; // 10:00 on 2026-11-20 in Shanghai
let editor: string;
let viewer: string;

const draftBody = {
  type: "household_identification",
  region: VILLAGE,
  title_zh: "2026年度拟识别贫困户公示",
  body_zh: "经民主评议，现公示如下。<script>alert(1)</script>",
  issuer: "某某村村民委员会",
  items: [
    { name: "张三丰", village_group: "1组", household_size: 3 },
    { name: "欧阳娜娜", village_group: "2组", household_size: 2 },
    { masked_name: "李*", village_group: "3组", household_size: 1 },
  ],
};

function write(method: string, path: string, token: string, body?: unknown, now = TODAY, key: string = crypto.randomUUID()) {
  return adminApi(path, token, { method, json: body, idempotencyKey: key, headers: { "x-test-now": now } });
}

async function createDraft(overrides: Record<string, unknown> = {}) {
  const res = await write("POST", "/api/v1/admin/notices", editor, { ...draftBody, ...overrides });
  expect(res.status).toBe(201);
  return (await json(res)).data.id as string;
}

beforeAll(async () => {
  await seedOnce();
  editor = await adminToken({ role: "editor", region: NANLING });
  viewer = await adminToken({ role: "viewer", region: NANLING });
});

describe("POST /api/v1/admin/notices", () => {
  it("creates a draft, masking full names on arrival so they never reach the database", async () => {
    const res = await write("POST", "/api/v1/admin/notices", editor, draftBody);
    expect(res.status).toBe(201);
    const { data } = await json(res);
    expect(data).toMatchObject({ status: "draft", region_code: VILLAGE, item_count: 3, fingerprint: null, objection_period: null });
    expect(data.items.map((i: any) => i.masked_name)).toEqual(["张**", "欧阳**", "李*"]);
    expect(data.items.every((i: any) => i.decision === "identified")).toBe(true);
    const dump = await env.DB.prepare("SELECT group_concat(masked_name) AS names FROM notice_items WHERE notice_id = ?").bind(data.id).first<{ names: string }>();
    expect(dump!.names).toBe("张**,欧阳**,李*");
    const everywhere = await env.DB.prepare("SELECT count(*) AS n FROM notice_items WHERE masked_name IN ('张三丰', '欧阳娜娜')").first<{ n: number }>();
    expect(everywhere!.n).toBe(0);
    const audit = await env.DB.prepare("SELECT action, summary FROM audit_log WHERE target_id = ?").bind(data.id).first<{ action: string; summary: string }>();
    expect(audit!.action).toBe("notice.create");
    expect(audit!.summary).not.toContain("张");
    // Drafts are not public.
    expect((await api(`/api/v1/notices/${data.id}`)).status).toBe(404);
  });

  it("replays the first answer for a repeated Idempotency-Key and writes once", async () => {
    const key = crypto.randomUUID();
    const before = await countRows("notices");
    const first = await write("POST", "/api/v1/admin/notices", editor, draftBody, TODAY, key);
    const again = await write("POST", "/api/v1/admin/notices", editor, draftBody, TODAY, key);
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await json(again)).data.id).toBe((await json(first)).data.id);
    expect(await countRows("notices")).toBe(before + 1);
  });

  it.each([
    ["an unknown type", { type: "household" }, "body.type"],
    ["items on a project notice", { type: "project" }, "body.items"],
    ["an unmasked masked_name", { items: [{ masked_name: "李四", village_group: "1组", household_size: 2 }] }, "body.items.0.masked_name"],
    ["both name and masked_name", { items: [{ name: "李四", masked_name: "李*", village_group: "1组", household_size: 2 }] }, "body.items.0"],
    ["a household of 0", { items: [{ name: "李四", village_group: "1组", household_size: 0 }] }, "body.items.0.household_size"],
    ["a decision that does not fit the type", { items: [{ name: "李四", village_group: "1组", household_size: 2, decision: "exits" }] }, "body.items.0.decision"],
    ["an unknown region", { region: "340223199299" }, "body.region"],
    ["an unknown field", { ip_address: "x" }, "body.ip_address"],
  ])("refuses %s with 400 and writes nothing", async (_what, change, path) => {
    const before = [await countRows("notices"), await countRows("notice_items"), await countRows("audit_log")];
    const res = await write("POST", "/api/v1/admin/notices", editor, { ...draftBody, ...change });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.map((d: any) => d.path).join(" ")).toContain(path);
    expect([await countRows("notices"), await countRows("notice_items"), await countRows("audit_log")]).toEqual(before);
  });

  it("refuses a viewer (403 forbidden_role) and a missing Idempotency-Key (400)", async () => {
    expect((await write("POST", "/api/v1/admin/notices", viewer, draftBody)).status).toBe(403);
    const res = await adminApi("/api/v1/admin/notices", editor, { method: "POST", json: draftBody });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("idempotency_key_required");
  });
});

describe("bad input to the notice admin routes", () => {
  it("refuses bad edits, periods and answers with 400 and writes nothing", async () => {
    const id = await createDraft();
    const audits = await countRows("audit_log");
    const cases: [string, string, unknown, string][] = [
      ["PATCH", `/api/v1/admin/notices/${id}`, { status: "open" }, "body.status"],
      ["PATCH", `/api/v1/admin/notices/${id}`, { title_zh: "" }, "body.title_zh"],
      ["POST", `/api/v1/admin/notices/${id}/open`, { period_start: "2026-13-01" }, "body.period_start"],
      ["POST", `/api/v1/admin/notices/${id}/open`, { period_start: "2026-11-25", period_end: "2026-11-24" }, "body.period_end"],
      ["POST", `/api/v1/admin/notices/${id}/announce`, {}, "body.announcement_zh"],
      ["POST", "/api/v1/admin/objections/obj_demo01/answer", { upheld: "yes", answer: "好" }, "body.upheld"],
      ["POST", "/api/v1/admin/notices/not-an-id/close", undefined, "param.id"],
    ];
    for (const [method, path, payload, where] of cases) {
      const res = await write(method, path, editor, payload);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect((await json(res)).error.details.map((d: any) => d.path).join(" ")).toContain(where);
    }
    expect(await countRows("audit_log")).toBe(audits);
    expect((await json(await adminApi(`/api/v1/admin/notices/${id}`, viewer))).data.status).toBe("draft");
  });
});

describe("the notice lifecycle through the admin API", () => {
  it("edits drafts only; opens with a 7-day Shanghai period and a fingerprint the public can check", async () => {
    const id = await createDraft();
    const edited = await write("PATCH", `/api/v1/admin/notices/${id}`, editor, { title_zh: "2026年度拟识别贫困户公示（第一次）" });
    expect(edited.status).toBe(200);
    const opened = await write("POST", `/api/v1/admin/notices/${id}/open`, editor, {});
    expect(opened.status).toBe(200);
    const data = (await json(opened)).data;
    expect(data).toMatchObject({ status: "open", public_status: "open", objection_period: { start: "2026-11-20", end: "2026-11-26", state: "open" } });
    const pub = (await json(await api(`/api/v1/notices/${id}`, { headers: { "x-test-now": TODAY } }))).data;
    expect(pub.fingerprint).toBe(data.fingerprint);
    expect(pub.title_zh).toBe("2026年度拟识别贫困户公示（第一次）");
    const late = await write("PATCH", `/api/v1/admin/notices/${id}`, editor, { title_zh: "改" });
    expect(late.status).toBe(409);
    expect((await json(late)).error.code).toBe("notice_not_draft");
  });

  it("refuses a period that starts before today and a household notice without items", async () => {
    const id = await createDraft();
    const res = await write("POST", `/api/v1/admin/notices/${id}/open`, editor, { period_start: "2026-11-19" });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0]).toMatchObject({ path: "body.period_start" });
    const empty = await createDraft({ items: [] });
    expect((await write("POST", `/api/v1/admin/notices/${empty}/open`, editor, {})).status).toBe(400);
  });

  it("closes only after the period, announces only with every objection answered, then withdraws the items", async () => {
    const id = await createDraft();
    await write("POST", `/api/v1/admin/notices/${id}/open`, editor, {});
    const objected = await api(`/api/v1/notices/${id}/objections`, { method: "POST", headers: postHeaders("2026-11-21T00:00:00Z"), body: JSON.stringify({ text: "第1户有小轿车。", item_no: 1 }) });
    expect(objected.status).toBe(201);
    const early = await write("POST", `/api/v1/admin/notices/${id}/close`, editor, undefined, "2026-11-26T15:59:59Z");
    expect(early.status).toBe(409);
    expect((await json(early)).error.message).toContain("2026-11-26 24:00");
    expect((await write("POST", `/api/v1/admin/notices/${id}/close`, editor, undefined, "2026-11-26T16:00:00Z")).status).toBe(200);
    const unanswered = await write("POST", `/api/v1/admin/notices/${id}/announce`, editor, { announcement_zh: "公告" }, "2026-11-27T02:00:00Z");
    expect(unanswered.status).toBe(409);
    expect((await json(unanswered)).error.code).toBe("objections_unanswered");

    const detail = (await json(await adminApi(`/api/v1/admin/notices/${id}`, viewer))).data;
    expect(detail.objection_list).toHaveLength(1);
    expect(detail.objection_list[0].text).toBe("第1户有小轿车。");
    const answered = await write("POST", `/api/v1/admin/objections/${detail.objection_list[0].id}/answer`, editor, { upheld: true, answer: "经核实异议成立，已从名单中移除。" });
    expect(answered.status).toBe(200);
    const twice = await write("POST", `/api/v1/admin/objections/${detail.objection_list[0].id}/answer`, editor, { upheld: false, answer: "再答" });
    expect(twice.status).toBe(409);

    const announced = await write("POST", `/api/v1/admin/notices/${id}/announce`, editor, { announcement_zh: "经公示无异议（1件异议成立已更正），予以公告。" }, "2026-11-27T02:00:00Z");
    expect(announced.status).toBe(200);
    const pub = (await json(await api(`/api/v1/notices/${id}`, { headers: { "x-test-now": "2026-11-27T03:00:00Z" } }))).data;
    expect(pub).toMatchObject({ status: "announced", items: null, items_withdrawn: true, item_count: 3, objections: { received: 1, upheld: 1 } });
  });

  it("supersedes an open notice when its correction opens, linking both ways", async () => {
    const old = await createDraft();
    await write("POST", `/api/v1/admin/notices/${old}/open`, editor, {});
    const correction = await createDraft({ title_zh: "更正公示", supersedes: old });
    const opened = await write("POST", `/api/v1/admin/notices/${correction}/open`, editor, {}, "2026-11-21T02:00:00Z");
    expect(opened.status).toBe(200);
    const o = (await json(await api(`/api/v1/notices/${old}`, { headers: { "x-test-now": "2026-11-21T03:00:00Z" } }))).data;
    const c = (await json(await api(`/api/v1/notices/${correction}`, { headers: { "x-test-now": "2026-11-21T03:00:00Z" } }))).data;
    expect(o).toMatchObject({ status: "superseded", superseded_by: correction, items: null });
    expect(c).toMatchObject({ status: "open", supersedes: old });
    // One correction per notice: a second draft correcting the same notice is refused.
    const other = await createDraft({ title_zh: "再次更正" });
    const twice = await write("PATCH", `/api/v1/admin/notices/${other}`, editor, { supersedes: old });
    expect(twice.status).toBe(409);
    // Objections to the superseded notice are refused.
    const late = await api(`/api/v1/notices/${old}/objections`, { method: "POST", headers: postHeaders("2026-11-21T04:00:00Z"), body: JSON.stringify({ text: "还能提吗？请答复。" }) });
    expect(late.status).toBe(409);
  });

  it("allows one correction per notice", async () => {
    const old = await createDraft();
    await write("POST", `/api/v1/admin/notices/${old}/open`, editor, {});
    await createDraft({ title_zh: "更正一", supersedes: old });
    const second = await write("POST", "/api/v1/admin/notices", editor, { ...draftBody, title_zh: "更正二", supersedes: old });
    expect(second.status).toBe(409);
    expect((await json(second)).error).toMatchObject({ code: "already_corrected", details: [{ path: "body.supersedes" }] });
  });

  it("lets only one of two administrators racing to open the same draft succeed", async () => {
    const id = await createDraft();
    const other = await adminToken({ role: "editor", region: NANLING });
    const audits = await countRows("audit_log");
    const [a, b] = await Promise.all([write("POST", `/api/v1/admin/notices/${id}/open`, editor, {}), write("POST", `/api/v1/admin/notices/${id}/open`, other, {})]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect((await json(loser)).error.code).toMatch(/notice_not_draft|notice_changed/);
    expect(await countRows("audit_log")).toBe(audits + 1);
  });
});
