/**
 * The reports queue in the console: filters, the contact shown to editors only, transitions
 * and notes through the admin API's write functions (as the staff account), a report moved on
 * meanwhile refused, a rejection without its public reason refused in place.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedOnce } from "../helpers/api";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";
import { postHeaders } from "../helpers/notices";

const TOWNSHIP = "340223101000";
const VILLAGE = "340223101201";
const T0 = "2026-06-01T02:00:00.000Z";
let editor: TestStaff;
let viewer: TestStaff;
let reportId: string;

async function fileReport(text: string): Promise<string> {
  const res = await api("/api/v1/reports", { method: "POST", headers: postHeaders(T0), body: JSON.stringify({ category: "fund_misuse", region: VILLAGE, text, contact: "13800000000" }) });
  expect(res.status).toBe(201);
  const receipt = (await json(res)).data.receipt as string;
  void receipt;
  const row = await env.DB.prepare("SELECT id FROM reports WHERE text = ?").bind(text).first<{ id: string }>();
  return row!.id;
}

beforeAll(async () => {
  await seedOnce();
  editor = await staffSession("editor", TOWNSHIP, new Date(T0));
  viewer = await staffSession("viewer", TOWNSHIP, new Date(T0));
  reportId = await fileReport("村里的扶贫资金被挪用修建了办公楼。（控制台测试）");
});

describe("console reports", () => {
  it("lists the queue with filters, and shows the contact to editors only", async () => {
    const queue = await (await consoleGet("/admin/reports/?status=received&category=fund_misuse&overdue=", { cookie: editor.cookie, now: T0 })).text();
    expect(queue).toContain(`/admin/reports/${reportId}`);
    const answered = await (await consoleGet("/admin/reports/?status=answered", { cookie: editor.cookie, now: T0 })).text();
    expect(answered).not.toContain(`/admin/reports/${reportId}`);
    expect(await (await consoleGet(`/admin/reports/${reportId}`, { cookie: editor.cookie, now: T0 })).text()).toContain("13800000000");
    const asViewer = await consoleGet(`/admin/reports/${reportId}`, { cookie: viewer.cookie, now: T0 });
    expect(asViewer.status).toBe(200);
    expect(await asViewer.text()).not.toContain("13800000000");
  });

  it("moves a report with an internal note; a form showing the old status is then refused", async () => {
    const fields = { csrf_token: editor.csrf, idempotency_key: formKey(), from: "received", to: "accepted", internal_note: "已转镇纪委核查" };
    const moved = await consolePost(`/admin/reports/${reportId}/transition`, fields, { cookie: editor.cookie, now: T0 });
    expect(moved.status).toBe(303);
    const event = await env.DB.prepare("SELECT token_id, internal_note FROM report_events WHERE report_id = ? AND to_status = 'accepted'").bind(reportId).first<{ token_id: string; internal_note: string }>();
    expect(event).toEqual({ token_id: editor.staffId, internal_note: "已转镇纪委核查" });
    const audit = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'report.accepted' AND target_id = ?").bind(reportId).first<{ actor: string }>();
    expect(audit!.actor).toBe(editor.staffId);
    // The internal note never reaches the public timeline.
    const page = await (await consoleGet(`/admin/reports/${reportId}`, { cookie: editor.cookie, now: T0 })).text();
    expect(page).toContain("已转镇纪委核查");

    const stale = await consolePost(`/admin/reports/${reportId}/transition`, { ...fields, idempotency_key: formKey(), to: "rejected", public_text: "不属实" }, { cookie: editor.cookie, now: T0 });
    expect(stale.status).toBe(409);
  });

  it("refuses a rejection without its public reason, in place, and a viewer cannot act", async () => {
    const other = await fileReport("第二条举报内容。（控制台测试）");
    const refused = await consolePost(`/admin/reports/${other}/transition`, { csrf_token: editor.csrf, idempotency_key: formKey(), from: "received", to: "rejected" }, { cookie: editor.cookie, now: T0 });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('href="#t-public"');
    const note = await consolePost(`/admin/reports/${other}/note`, { csrf_token: viewer.csrf, idempotency_key: formKey(), internal_note: "x" }, { cookie: viewer.cookie, now: T0 });
    expect(note.status).toBe(403);
  });
});
