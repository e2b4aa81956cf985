import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_NOTICES, DEMO_OBJECTION, DEMO_REPORT } from "../../worker/demo/notices";
import { api, json, seedOnce } from "../helpers/api";
import { postHeaders } from "../helpers/notices";

beforeAll(seedOnce);

describe("demo notices and reports", () => {
  it("has notices in every state, some open today so the objection form can be tried", async () => {
    const states = await env.DB.prepare("SELECT status, count(*) AS n FROM notices WHERE is_demo = 1 GROUP BY status").all<{ status: string; n: number }>();
    expect(Object.fromEntries(states.results.map((r) => [r.status, r.n]))).toMatchObject({ draft: 2, open: expect.any(Number), closed: 1, announced: 3, superseded: 1 });
    const open = await json(await api("/api/v1/notices?region=340200000000&status=open"));
    expect(open.data.length).toBeGreaterThanOrEqual(4);
    expect(open.data.every((n: any) => n.objection_period.state === "open")).toBe(true);
    const res = await api(`/api/v1/notices/${DEMO_NOTICES.openIdentification}/objections`, { method: "POST", headers: postHeaders(), body: JSON.stringify({ text: "第3户家中有经营性收入，请核实。", item_no: 3 }) });
    expect(res.status).toBe(201);
  });

  it("shows an upcoming notice, a correction linked both ways, and hides drafts", async () => {
    const upcoming = (await json(await api(`/api/v1/notices/${DEMO_NOTICES.upcomingReturn}`))).data;
    expect(upcoming.objection_period.state).toBe("upcoming");
    const correction = (await json(await api("/api/v1/notices/ntc_demo12"))).data;
    const old = (await json(await api("/api/v1/notices/ntc_demo11"))).data;
    expect(correction.supersedes).toBe("ntc_demo11");
    expect(old).toMatchObject({ status: "superseded", superseded_by: "ntc_demo12", items: null });
    expect((await api(`/api/v1/notices/${DEMO_NOTICES.draft}`)).status).toBe(404);
  });

  it("has fingerprints that match the published content of every open notice", async () => {
    const { canonicalJson, sha256Hex } = await import("../../worker/domain/canonical-json");
    const open = await json(await api("/api/v1/notices?region=340200000000&status=open"));
    for (const summary of open.data) {
      const n = (await json(await api(`/api/v1/notices/${summary.id}`))).data;
      const doc = { id: n.id, type: n.type, region_code: n.region.code, title_zh: n.title_zh, title_en: n.title_en, body_zh: n.body_zh, body_en: n.body_en, issuer: n.issuer, published_at: n.published_at, objection_period: { start: n.objection_period.start, end: n.objection_period.end }, supersedes: n.supersedes, items: n.items ?? [] };
      expect(await sha256Hex(canonicalJson(doc))).toBe(n.fingerprint);
    }
  });

  it("follows the demo report and objection by their published receipts", async () => {
    const report = (await json(await api(`/api/v1/reports/${DEMO_REPORT.receipt}`))).data;
    expect(report.status).toBe("answered");
    expect(report.timeline.map((e: any) => e.status)).toEqual(["received", "accepted", "in_progress", "resolved", "answered"]);
    const objection = (await json(await api(`/api/v1/objections/${DEMO_OBJECTION.receipt}`))).data;
    expect(objection).toMatchObject({ notice_id: DEMO_NOTICES.openIdentification, status: "received" });
  });

  it("receives its reports as the public form does and moves them through the report writes", async () => {
    const reports = await env.DB.prepare("SELECT id, status, is_demo, updated_at FROM reports WHERE id LIKE 'rpt_demo%'").all<{ id: string; status: string; is_demo: number; updated_at: string }>();
    expect(reports.results).toHaveLength(40);
    expect(reports.results.every((r) => r.is_demo === 1)).toBe(true);
    // Every move after "received" is an editor's transition: its event names the actor, its audit row the move.
    const events = await env.DB.prepare("SELECT report_id, from_status, to_status, token_id FROM report_events WHERE report_id LIKE 'rpt_demo%' ORDER BY id").all<{ report_id: string; from_status: string | null; to_status: string; token_id: string | null }>();
    const received = events.results.filter((e) => e.from_status === null);
    const moves = events.results.filter((e) => e.from_status !== null);
    expect(received).toHaveLength(40);
    expect(received.every((e) => e.to_status === "received" && e.token_id === null)).toBe(true);
    expect(moves.length).toBeGreaterThan(100);
    expect(moves.every((e) => e.token_id === "demo-generator")).toBe(true);
    const audit = await env.DB.prepare("SELECT action, target_id, actor FROM audit_log WHERE target_type = 'report' AND target_id LIKE 'rpt_demo%'").all<{ action: string; target_id: string; actor: string }>();
    expect(audit.results).toHaveLength(moves.length);
    expect(new Set(audit.results.map((a) => a.actor))).toEqual(new Set(["demo-generator"]));
    // A report's arrival leaves no audit row (the change feed must not tell that one came in).
    expect(audit.results.some((a) => a.action === "report.received")).toBe(false);
    // Each report's status is where its last transition left it.
    const last = new Map(moves.map((e) => [e.report_id, e.to_status]));
    for (const r of reports.results) expect(r.status).toBe(last.get(r.id) ?? "received");
  });

  it("receives its objections through the public form's write: counted on their notices, answers audited, arrivals not", async () => {
    const demo = await env.DB.prepare("SELECT id, status FROM objections WHERE is_demo = 1 AND id LIKE 'obj_demo%'").all<{ id: string; status: string }>();
    expect(demo.results.length).toBeGreaterThan(5);
    // Each notice's public count went up with each objection (the demo's and those posted by the tests above).
    const counts = await env.DB.prepare("SELECT n.objections_received AS counted, (SELECT count(*) FROM objections o WHERE o.notice_id = n.id) AS stored FROM notices n WHERE n.is_demo = 1").all<{ counted: number; stored: number }>();
    expect(counts.results.every((r) => r.counted === r.stored)).toBe(true);
    expect(counts.results.reduce((sum, r) => sum + r.stored, 0)).toBeGreaterThanOrEqual(demo.results.length);
    const answered = demo.results.filter((o) => o.status !== "received").map((o) => o.id).sort();
    const audited = await env.DB.prepare("SELECT target_id FROM audit_log WHERE target_type = 'objection' AND target_id LIKE 'obj_demo%' ORDER BY target_id").all<{ target_id: string }>();
    expect(audited.results.map((a) => a.target_id)).toEqual(answered);
  });

  it("looks like Cili's record: most reports resolved, a few in progress, exactly one overdue", async () => {
    const { data } = await json(await api("/api/v1/reports/stats"));
    const s = data.by_status;
    expect(s.answered + s.resolved).toBeGreaterThan(data.total * 0.75);
    expect(s.in_progress).toBeGreaterThanOrEqual(2);
    expect(s.in_progress).toBeLessThanOrEqual(5);
    expect(data.overdue.acknowledgement + data.overdue.resolution).toBe(1);
    expect(data.by_region.map((r: any) => r.code)).toContain("430821000000");
    expect(data.median_days_to_acknowledge).toBeGreaterThan(0);
    expect(data.median_days_to_resolve).toBeLessThan(60);
  });
});
