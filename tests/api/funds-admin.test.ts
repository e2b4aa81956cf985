import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, adminToken, countRows } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";
import { adminPost, idemKey, NANLING, projectBody, wuhuProject } from "../helpers/funds";
import { headSignatureValid, inclusionRoot, leafHashHex } from "../helpers/rfc6962";

let editor: string;
beforeAll(async () => {
  await seedOnce();
  editor = await adminToken({ role: "editor", region: "340200000000" });
});

const treeSize = async () => (await env.DB.prepare("SELECT count(*) AS n FROM ledger_entries").first<number>("n")) ?? 0;
const village = async () =>
  (await env.DB.prepare("SELECT village_code AS code FROM village_status WHERE village_code BETWEEN '340223000000' AND '340223999999' ORDER BY village_code LIMIT 1").first<{ code: string }>())!.code;

describe("POST /api/v1/admin/funds/projects", () => {
  it("adds a planned project with its budget, audited, and lists it publicly", async () => {
    const created = await adminPost("/api/v1/admin/funds/projects", editor, projectBody({ name_zh: "审计测试项目" }));
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: "planned" });
    const id = created.body.data.id;
    const project = (await json(await api(`/api/v1/funds/projects/${id}`))).data;
    expect(project).toMatchObject({ id, name_zh: "审计测试项目", status: "planned", budget_fen: 1_200_000_00, allocated_fen: 0, beneficiary_households: 40, beneficiary_households_banded: false });
    expect(project.sources).toEqual([
      { source: "county", budget_fen: 200_000_00, allocated_fen: 0, disbursed_fen: 0, receipted_fen: 0 },
      { source: "municipal", budget_fen: 1_000_000_00, allocated_fen: 0, disbursed_fen: 0, receipted_fen: 0 },
    ]);
    const audit = await env.DB.prepare("SELECT action, target_id, region_code FROM audit_log WHERE target_id = ?").bind(id).first();
    expect(audit).toEqual({ action: "funds.project.create", target_id: id, region_code: NANLING });
  });

  it("refuses bad bodies with the field named, writing nothing", async () => {
    const before = await countRows("fund_projects");
    const cases: [Record<string, unknown>, string][] = [
      [projectBody({ category: "golf" }), "body.category"],
      [projectBody({ budget: [] }), "body.budget"],
      [projectBody({ budget: [{ source: "municipal", amount_fen: 10.5 }] }), "body.budget.0.amount_fen"],
      [projectBody({ budget: [{ source: "municipal", amount_fen: -5 }] }), "body.budget.0.amount_fen"],
      [projectBody({ budget: [{ source: "municipal", amount_fen: 5 }, { source: "municipal", amount_fen: 6 }] }), "body.budget.1.source"],
      [projectBody({ region_code: "34022300000" }), "body.region_code"],
      [projectBody({ planned_start: "2018-02-30" }), "body.planned_start"],
      [projectBody({ colour: "red" }), "body.colour"],
    ];
    for (const [body, path] of cases) {
      const res = await adminPost("/api/v1/admin/funds/projects", editor, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path).join(" ")).toContain(path);
    }
    const unknown = await adminPost("/api/v1/admin/funds/projects", editor, projectBody({ region_code: "340223999999" }));
    expect(unknown.status).toBe(404);
    expect(await countRows("fund_projects")).toBe(before);
  });
});

describe("POST /api/v1/admin/funds/projects/{id}/status", () => {
  it("moves a project step by step and refuses a skipped step or a future date", async () => {
    const { id } = await wuhuProject();
    const skip = await adminPost(`/api/v1/admin/funds/projects/${id}/status`, editor, { status: "started", date: "2018-03-01" });
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe("invalid_status_change");
    const future = await adminPost(`/api/v1/admin/funds/projects/${id}/status`, editor, { status: "filed", date: "2099-01-01" });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0].path).toBe("body.date");
    for (const [status, date] of [["filed", "2018-02-01"], ["started", "2018-03-05"], ["completed", "2018-09-30"]]) {
      const res = await adminPost(`/api/v1/admin/funds/projects/${id}/status`, editor, { status, date });
      expect(res.status).toBe(201);
    }
    const project = (await json(await api(`/api/v1/funds/projects/${id}`))).data;
    expect(project).toMatchObject({ status: "completed", filed_on: "2018-02-01", actual_start: "2018-03-05", actual_completion: "2018-09-30" });
    const missing = await adminPost("/api/v1/admin/funds/projects/prj_doesnotexist00/status", editor, { status: "filed", date: "2018-01-01" });
    expect(missing.status).toBe(404);
  });
});

describe("POST /api/v1/admin/funds/allocations and /disbursements", () => {
  it("appends a signed ledger entry in the same write and changes the public ETag", async () => {
    const { id } = await wuhuProject();
    const before = await api(`/api/v1/funds/projects?region=${NANLING}`);
    const etag = before.headers.get("ETag")!;
    const size = await treeSize();
    const res = await adminPost("/api/v1/admin/funds/allocations", editor, { project_id: id, source: "municipal", date: "2018-04-01", amount_fen: 600_000_00, document_no: "芜财农〔2018〕7号" });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ ledger_index: size, remaining_budget_fen: 400_000_00 });
    expect(res.body.data.tree_head.tree_size).toBe(size + 1);
    const after = await api(`/api/v1/funds/projects?region=${NANLING}`);
    expect(after.headers.get("ETag")).not.toBe(etag);

    const key = (await json(await api("/api/v1/ledger/key"))).data;
    const proof = (await json(await api(`/api/v1/ledger/proof/inclusion?index=${size}`))).data;
    expect(headSignatureValid(proof.tree_head, key.public_key)).toBe(true);
    expect(inclusionRoot(leafHashHex(proof.entry.leaf), size, proof.tree_size, proof.audit_path)).toBe(proof.tree_head.root_hash);
    expect(JSON.parse(proof.entry.leaf)).toMatchObject({ type: "fund_allocation", id: res.body.data.id, project_id: id, source: "municipal", amount_fen: 600_000_00, document_no: "芜财农〔2018〕7号", date: "2018-04-01" });
  });

  it("refuses an allocation over the remaining budget with a clear 422, writing nothing", async () => {
    const { id } = await wuhuProject({ allocate: 900_000_00 });
    const size = await treeSize();
    const rows = await countRows("fund_allocations");
    const over = await adminPost("/api/v1/admin/funds/allocations", editor, { project_id: id, source: "municipal", date: "2018-04-02", amount_fen: 100_000_01, document_no: "x" });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: "over_allocation", details: [{ path: "body.amount_fen", message: "at most 10000000 fen remain in the budget" }] });
    const noBudget = await adminPost("/api/v1/admin/funds/allocations", editor, { project_id: id, source: "central", date: "2018-04-02", amount_fen: 1, document_no: "x" });
    expect(noBudget.status).toBe(422);
    expect(noBudget.body.error.code).toBe("no_budget_for_source");
    expect(await treeSize()).toBe(size);
    expect(await countRows("fund_allocations")).toBe(rows);
  });

  it("disburses within what was allocated, tracks receipts, and refuses more", async () => {
    const { id } = await wuhuProject({ allocate: 300_000_00 });
    const ok = await adminPost("/api/v1/admin/funds/disbursements", editor, { project_id: id, source: "municipal", date: "2018-05-01", amount_fen: 200_000_00, receipted_fen: 150_000_00, document_no: "拨〔2018〕1号" });
    expect(ok.status).toBe(201);
    expect(ok.body.data.remaining_to_disburse_fen).toBe(100_000_00);
    const over = await adminPost("/api/v1/admin/funds/disbursements", editor, { project_id: id, source: "municipal", date: "2018-05-02", amount_fen: 100_000_01, receipted_fen: 0, document_no: "x" });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe("over_disbursement");
    const receipts = await adminPost("/api/v1/admin/funds/disbursements", editor, { project_id: id, source: "municipal", date: "2018-05-02", amount_fen: 100, receipted_fen: 101, document_no: "x" });
    expect(receipts.status).toBe(400);
    expect(receipts.body.error.details[0].path).toBe("body.receipted_fen");
    const project = (await json(await api(`/api/v1/funds/projects/${id}`))).data;
    expect(project).toMatchObject({ allocated_fen: 300_000_00, disbursed_fen: 200_000_00, receipted_fen: 150_000_00 });
    expect(project.disbursements).toHaveLength(1);
  });

  it("refuses a disbursement to a project not started, a cancelled one, or dated before the start, writing nothing", async () => {
    const { id } = await wuhuProject();
    expect((await adminPost("/api/v1/admin/funds/allocations", editor, { project_id: id, source: "municipal", date: "2018-02-10", amount_fen: 1_000_00, document_no: "x" })).status).toBe(201);
    const size = await treeSize();
    const pay = (date = "2018-05-01") => adminPost("/api/v1/admin/funds/disbursements", editor, { project_id: id, source: "municipal", date, amount_fen: 100, receipted_fen: 0, document_no: "x" });
    const planned = await pay();
    expect(planned.status).toBe(409);
    expect(planned.body.error).toMatchObject({ code: "project_not_started", details: [{ path: "body.project_id" }] });
    expect((await adminPost(`/api/v1/admin/funds/projects/${id}/status`, editor, { status: "filed", date: "2018-02-01" })).status).toBe(201);
    expect((await pay()).body.error.code).toBe("project_not_started");
    expect((await adminPost(`/api/v1/admin/funds/projects/${id}/status`, editor, { status: "started", date: "2018-03-05" })).status).toBe(201);
    const early = await pay("2018-03-04");
    expect(early.status).toBe(400);
    expect(early.body.error.details[0]).toMatchObject({ path: "body.date", message: "must not be before the project's start (2018-03-05)" });
    expect(await treeSize()).toBe(size);
    expect((await pay("2018-03-05")).status).toBe(201);
    expect((await adminPost(`/api/v1/admin/funds/projects/${id}/status`, editor, { status: "cancelled", date: "2018-04-01" })).status).toBe(201);
    const cancelled = await pay();
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.code).toBe("project_cancelled");
  });

  it("replays the first answer for the same key and body, and refuses the key with another body", async () => {
    const { id } = await wuhuProject();
    const key = idemKey("alloc");
    const body = { project_id: id, source: "municipal", date: "2018-04-01", amount_fen: 1_000_00, document_no: "x" };
    const first = await adminPost("/api/v1/admin/funds/allocations", editor, body, key);
    const size = await treeSize();
    const again = await adminPost("/api/v1/admin/funds/allocations", editor, body, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.res.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await treeSize()).toBe(size);
    const other = await adminPost("/api/v1/admin/funds/allocations", editor, { ...body, amount_fen: 2_000_00 }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("idempotency_key_reused");
    const missing = await adminApi("/api/v1/admin/funds/allocations", editor, { method: "POST", json: body });
    expect(missing.status).toBe(400);
    expect(await treeSize()).toBe(size);
  });
});

describe("POST /api/v1/admin/donations and /donations/{id}/allocations", () => {
  it("records a donation, splits it within its target, shows the remainder, and proves every entry", async () => {
    const { id: projectId } = await wuhuProject();
    const donation = await adminPost("/api/v1/admin/donations", editor, { date: "2018-06-01", amount_fen: 500_000, channel: "bank_transfer", donor_name: "某爱心企业", target: { type: "region", region_code: NANLING } });
    expect(donation.status).toBe(201);
    const donationId = donation.body.data.id;
    expect(donationId).toMatch(/^don_[0-9a-z]{16}$/);
    const first = await adminPost(`/api/v1/admin/donations/${donationId}/allocations`, editor, { project_id: projectId, date: "2018-06-10", amount_fen: 300_000 });
    expect(first.status).toBe(201);
    expect(first.body.data.unallocated_fen).toBe(200_000);
    const second = await adminPost(`/api/v1/admin/donations/${donationId}/allocations`, editor, { village_code: await village(), date: "2018-06-11", amount_fen: 150_000 });
    expect(second.status).toBe(201);
    const over = await adminPost(`/api/v1/admin/donations/${donationId}/allocations`, editor, { project_id: projectId, date: "2018-06-12", amount_fen: 50_001 });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: "over_allocation", details: [{ path: "body.amount_fen" }] });
    const outside = await adminPost(`/api/v1/admin/donations/${donationId}/allocations`, editor, { village_code: "340225101201", date: "2018-06-12", amount_fen: 1 });
    expect([404, 422]).toContain(outside.status);
    const both = await adminPost(`/api/v1/admin/donations/${donationId}/allocations`, editor, { date: "2018-06-12", amount_fen: 1 });
    expect(both.status).toBe(400);
    const early = await adminPost(`/api/v1/admin/donations/${donationId}/allocations`, editor, { project_id: projectId, date: "2018-05-01", amount_fen: 1 });
    expect(early.status).toBe(400);

    const res = await api(`/api/v1/donations/${donationId}`);
    expect(res.status).toBe(200);
    const detail = (await json(res)).data;
    expect(detail).toMatchObject({ id: donationId, amount_fen: 500_000, allocated_fen: 450_000, unallocated_fen: 50_000, donor: { named: true, name: "某爱心企业" } });
    expect(detail.allocations).toHaveLength(2);
    expect(detail.projects.map((p: { id: string }) => p.id)).toEqual([projectId]);
    const key = (await json(await api("/api/v1/ledger/key"))).data;
    expect(headSignatureValid(detail.ledger.tree_head, key.public_key)).toBe(true);
    expect(detail.ledger.entries.map((e: { type: string }) => e.type)).toEqual(["donation", "donation_allocation", "donation_allocation"]);
    for (const entry of detail.ledger.entries) {
      expect(inclusionRoot(leafHashHex(entry.leaf), entry.index, detail.ledger.tree_head.tree_size, entry.audit_path)).toBe(detail.ledger.tree_head.root_hash);
      expect(entry.leaf).not.toContain("某爱心企业");
    }
  });

  it("corrects by reversing entries: the total goes back, the original stays, a second reversal is refused", async () => {
    const donation = await adminPost("/api/v1/admin/donations", editor, { date: "2018-06-01", amount_fen: 10_000, channel: "online", target: { type: "general" } });
    const donationId = donation.body.data.id;
    const allocation = await adminPost(`/api/v1/admin/donations/${donationId}/allocations`, editor, { village_code: await village(), date: "2018-06-02", amount_fen: 10_000 });
    const refund = await adminPost("/api/v1/admin/funds/reversals", editor, { id: donationId, date: "2018-06-03", reason: "refunded" });
    expect(refund.status).toBe(422);
    expect(refund.body.error.code).toBe("donation_allocated");
    const reversal = await adminPost("/api/v1/admin/funds/reversals", editor, { id: allocation.body.data.id, date: "2018-06-03", reason: "entry_error", note: "wrong village" });
    expect(reversal.status).toBe(201);
    expect(reversal.body.data.reverses).toBe(allocation.body.data.id);
    const twice = await adminPost("/api/v1/admin/funds/reversals", editor, { id: allocation.body.data.id, date: "2018-06-03", reason: "entry_error" });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("already_reversed");
    const ofReversal = await adminPost("/api/v1/admin/funds/reversals", editor, { id: reversal.body.data.id, date: "2018-06-03", reason: "entry_error" });
    expect(ofReversal.status).toBe(422);
    const detail = (await json(await api(`/api/v1/donations/${donationId}`))).data;
    expect(detail).toMatchObject({ allocated_fen: 0, unallocated_fen: 10_000 });
    expect(detail.allocations.map((a: { amount_fen: number }) => a.amount_fen)).toEqual([10_000, -10_000]);
    const leaf = JSON.parse(detail.ledger.entries[2].leaf);
    expect(leaf).toMatchObject({ type: "donation_allocation_reversal", reverses: allocation.body.data.id, amount_fen: -10_000, reason: "entry_error" });
    expect(detail.ledger.entries[2].leaf).not.toContain("wrong village");
    const refunded = await adminPost("/api/v1/admin/funds/reversals", editor, { id: donationId, date: "2018-06-04", reason: "refunded" });
    expect(refunded.status).toBe(201);
    expect((await json(await api(`/api/v1/donations/${donationId}`))).data).toMatchObject({ reversed: true, unallocated_fen: 0 });
    const unknown = await adminPost("/api/v1/admin/funds/reversals", editor, { id: "fal_0000000000000000", date: "2018-06-04", reason: "refunded" });
    expect(unknown.status).toBe(404);
  });

  it("refuses bad donations: zero, fractions, future dates, unknown targets, unknown channel", async () => {
    const size = await treeSize();
    const base = { date: "2018-06-01", amount_fen: 100, channel: "online", target: { type: "general" } };
    for (const [body, path] of [
      [{ ...base, amount_fen: 0 }, "body.amount_fen"],
      [{ ...base, amount_fen: 1.5 }, "body.amount_fen"],
      [{ ...base, amount_fen: "100" }, "body.amount_fen"],
      [{ ...base, date: "2099-01-01" }, "body.date"],
      [{ ...base, channel: "cheque" }, "body.channel"],
      [{ ...base, target: { type: "region" } }, "body.target"],
      [{ ...base, donor_name: "" }, "body.donor_name"],
    ] as const) {
      const res = await adminPost("/api/v1/admin/donations", editor, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path).join(" ")).toContain(path);
    }
    const noProject = await adminPost("/api/v1/admin/donations", editor, { ...base, target: { type: "project", project_id: "prj_0000000000000000" } });
    expect(noProject.status).toBe(404);
    const viewer = await adminToken({ role: "viewer", region: "340200000000" });
    expect((await adminPost("/api/v1/admin/donations", viewer, base)).status).toBe(403);
    expect(await treeSize()).toBe(size);
  });
});

describe("the ledger tables", () => {
  it("refuse UPDATE and DELETE at the database", async () => {
    await wuhuProject({ allocate: 1_000 });
    for (const sql of ["UPDATE ledger_entries SET leaf = '{}' WHERE idx = 0", "DELETE FROM ledger_entries WHERE idx = 0", "UPDATE ledger_nodes SET hash = hash", "DELETE FROM ledger_heads"]) {
      await expect(env.DB.prepare(sql).run()).rejects.toThrow(/append-only/);
    }
    await expect(env.DB.prepare("INSERT INTO ledger_entries (idx, type, subject_id, leaf, recorded_at) VALUES (999999, 'donation', 'x', '{}', 'now')").run()).rejects.toThrow(/appended in order/);
  });
});
