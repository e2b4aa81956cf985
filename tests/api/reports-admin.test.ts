import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, adminToken } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";
import { countRows, postHeaders } from "../helpers/notices";

const SHANGZHOU = "611002000000";
let editor: string;
let viewer: string;

async function fileReport(now = "2026-10-01T02:00:00Z") {
  const res = await api("/api/v1/reports", { method: "POST", headers: postHeaders(now), body: JSON.stringify({ category: "official_conduct", region: SHANGZHOU, text: "帮扶干部从未入户，登记信息造假。", contact: "ADMIN-ONLY-CONTACT" }) });
  const { receipt } = (await json(res)).data;
  const queue = await json(await adminApi(`/api/v1/admin/reports?status=received&limit=1000`, viewer));
  const row = queue.data.find((r: any) => r.received_at === new Date(now).toISOString() && r.text.startsWith("帮扶干部"));
  return { receipt, id: row.id as string };
}

function move(id: string, from: string, to: string, extra: Record<string, string> = {}, token = editor, now = "2026-10-03T02:00:00Z") {
  return adminApi(`/api/v1/admin/reports/${id}/transitions`, token, { method: "POST", json: { from, to, ...extra }, idempotencyKey: crypto.randomUUID(), headers: { "x-test-now": now } });
}

beforeAll(async () => {
  await seedOnce();
  editor = await adminToken({ role: "editor", region: SHANGZHOU });
  viewer = await adminToken({ role: "viewer", region: SHANGZHOU });
});

describe("GET /api/v1/admin/reports", () => {
  it("lists the token's region oldest first with text and contact, never cached", async () => {
    await fileReport("2026-10-02T02:00:00Z");
    const res = await adminApi("/api/v1/admin/reports", viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toContain("no-store");
    const { data } = await json(res);
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((r: any) => r.region_code.startsWith("611002"))).toBe(true);
    expect(data.some((r: any) => r.contact === "ADMIN-ONLY-CONTACT")).toBe(true);
    const times = data.map((r: any) => r.received_at);
    expect([...times].sort()).toEqual(times);
  });

  it("filters overdue reports at a frozen time", async () => {
    const { id } = await fileReport("2026-09-01T02:00:00Z");
    const overdue = await json(await adminApi("/api/v1/admin/reports?overdue=true&limit=1000", viewer, { headers: { "x-test-now": "2026-09-08T02:00:01Z" } }));
    expect(overdue.data.map((r: any) => r.id)).toContain(id);
    const notYet = await json(await adminApi("/api/v1/admin/reports?overdue=true&limit=1000", viewer, { headers: { "x-test-now": "2026-09-08T02:00:00Z" } }));
    expect(notYet.data.map((r: any) => r.id)).not.toContain(id);
  });

  it("refuses a bad status (400) and needs a token (401)", async () => {
    expect((await adminApi("/api/v1/admin/reports?status=closed", viewer)).status).toBe(400);
    expect((await api("/api/v1/admin/reports")).status).toBe(401);
  });
});

describe("POST /api/v1/admin/reports/{id}/transitions", () => {
  it("moves a report through the whole workflow; the reporter sees public texts and never internal notes", async () => {
    const { id, receipt } = await fileReport();
    expect((await move(id, "received", "accepted", { public_text: "已受理。", internal_note: "INTERNAL-ONLY 涉及副镇长" })).status).toBe(200);
    expect((await move(id, "accepted", "in_progress", {}, editor, "2026-10-04T02:00:00Z")).status).toBe(200);
    const note = await adminApi(`/api/v1/admin/reports/${id}/notes`, editor, { method: "POST", json: { public_text: "调查组已入村走访。", internal_note: "INTERNAL-ONLY 证人名单" }, idempotencyKey: crypto.randomUUID(), headers: { "x-test-now": "2026-10-10T02:00:00Z" } });
    expect(note.status).toBe(201);
    expect((await move(id, "in_progress", "resolved", { public_text: "问题属实，已责令整改。" }, editor, "2026-10-20T02:00:00Z")).status).toBe(200);
    const answered = await move(id, "resolved", "answered", { public_text: "已书面答复。" }, editor, "2026-10-22T02:00:00Z");
    expect(answered.status).toBe(200);
    expect((await json(answered)).data.events.map((e: any) => e.to_status)).toEqual(["received", "accepted", "in_progress", null, "resolved", "answered"]);

    const pub = await api(`/api/v1/reports/${receipt}`, { headers: { "x-test-now": "2026-10-23T00:00:00Z" } });
    const text = await pub.clone().text();
    expect(text).not.toContain("INTERNAL-ONLY");
    expect(text).not.toContain("ADMIN-ONLY-CONTACT");
    const { data } = await json(pub);
    expect(data.status).toBe("answered");
    expect(data.timeline.map((e: any) => [e.status, e.text])).toEqual([
      ["received", null],
      ["accepted", "已受理。"],
      ["in_progress", null],
      [null, "调查组已入村走访。"],
      ["resolved", "问题属实，已责令整改。"],
      ["answered", "已书面答复。"],
    ]);
    expect(data.acknowledgement).toMatchObject({ done_at: "2026-10-03T02:00:00.000Z", late: false });
    expect(data.resolution).toMatchObject({ done_at: "2026-10-20T02:00:00.000Z", late: false });
  });

  it("never skips a status: a jump is 400, a stale `from` is 409, a rejection needs a public reason", async () => {
    const { id } = await fileReport();
    const events = await countRows("report_events");
    const jump = await move(id, "received", "in_progress");
    expect(jump.status).toBe(400);
    expect((await json(jump)).error.code).toBe("invalid_transition");
    const stale = await move(id, "accepted", "in_progress");
    expect(stale.status).toBe(409);
    const noReason = await move(id, "received", "rejected");
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).error.details[0].path).toBe("body.public_text");
    expect(await countRows("report_events")).toBe(events);
    expect((await move(id, "received", "rejected", { public_text: "不属于受理范围。" })).status).toBe(200);
    expect((await move(id, "rejected", "accepted")).status).toBe(400);
  });

  it("lets only one of two administrators racing on the same transition succeed", async () => {
    const { id } = await fileReport();
    const other = await adminToken({ role: "editor", region: SHANGZHOU });
    const events = await countRows("report_events");
    const [a, b] = await Promise.all([move(id, "received", "accepted", { public_text: "A 受理" }), move(id, "received", "accepted", { public_text: "B 受理" }, other)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await json(a.status === 409 ? a : b)).error.code).toBe("status_changed");
    expect(await countRows("report_events")).toBe(events + 1);
    // And one racing to skip ahead while another accepts cannot land in_progress before accepted exists.
    const { id: id2 } = await fileReport();
    const [x, y] = await Promise.all([move(id2, "received", "accepted", { public_text: "受理" }), move(id2, "accepted", "in_progress", {}, other)]);
    const detail = (await json(await adminApi(`/api/v1/admin/reports/${id2}`, viewer))).data;
    const statuses = detail.events.map((e: any) => e.to_status);
    expect(statuses[0]).toBe("received");
    if (y.status === 200) expect(statuses).toEqual(["received", "accepted", "in_progress"]);
    else expect([x.status, y.status]).toEqual([200, 409]);
  });

  it("keeps the report's text and contact out of write answers and idempotency records", async () => {
    const { id } = await fileReport();
    const res = await move(id, "received", "accepted", { public_text: "已受理。" });
    const body = await res.text();
    expect(body).not.toContain("ADMIN-ONLY-CONTACT");
    expect(body).not.toContain("帮扶干部从未入户");
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM idempotency_keys WHERE response_body LIKE '%ADMIN-ONLY-CONTACT%' OR response_body LIKE '%帮扶干部从未入户%'").first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });

  it.each([
    ["an unknown status", { from: "received", to: "closed" }, "body.to"],
    ["a missing from", { to: "accepted" }, "body.from"],
    ["an unknown field", { from: "received", to: "accepted", ip: "x" }, "body.ip"],
  ])("refuses %s with 400", async (_what, payload, path) => {
    const { id } = await fileReport();
    const res = await adminApi(`/api/v1/admin/reports/${id}/transitions`, editor, { method: "POST", json: payload, idempotencyKey: crypto.randomUUID() });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details.map((d: any) => d.path).join(" ")).toContain(path);
  });

  it("refuses an empty note with 400 and writes nothing", async () => {
    const { id } = await fileReport();
    const events = await countRows("report_events");
    const res = await adminApi(`/api/v1/admin/reports/${id}/notes`, editor, { method: "POST", json: {}, idempotencyKey: crypto.randomUUID() });
    expect(res.status).toBe(400);
    expect(await countRows("report_events")).toBe(events);
  });

  it("refuses a viewer (403) and an unknown report (404)", async () => {
    const { id } = await fileReport();
    expect((await move(id, "received", "accepted", { public_text: "受理" }, viewer)).status).toBe(403);
    expect((await move("rpt_nosuchreport", "received", "accepted")).status).toBe(404);
  });
});
