import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { importSigningKey } from "../../worker/domain/ledger";
import { d1LedgerReader, verifyLedger } from "../../worker/ledger/verify";
import { adminToken, countRows } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";
import { adminPost, idemKey, wuhuProject } from "../helpers/funds";

let admin: string;
beforeAll(async () => {
  await seedOnce();
  admin = await adminToken({ role: "admin", region: "340200000000" });
});

const amend = (id: string, body: unknown, token = admin, key = idemKey()) => adminPost(`/api/v1/admin/funds/projects/${id}/amendments`, token, body, key);
const publicProject = async (id: string) => (await json(await api(`/api/v1/funds/projects/${id}`))).data;
const verify = async () => {
  const k = await importSigningKey(env.LEDGER_SIGNING_KEY);
  return verifyLedger(d1LedgerReader(env.DB), { publicKey: k.publicKey, keyId: k.keyId });
};
const written = async () => ({ amendments: await countRows("fund_project_amendments"), lines: await countRows("fund_project_budget_amendments"), entries: await countRows("ledger_entries"), audit: await countRows("audit_log") });

describe("POST /api/v1/admin/funds/projects/{id}/amendments", () => {
  it("changes the budget and names as new rows; the project shows its current figures and its history", async () => {
    const { id } = await wuhuProject({ allocate: 300_000_00 });
    const res = await amend(id, {
      date: "2018-06-01",
      reason_zh: "县扶贫开发领导小组调整项目计划",
      reason_en: "The county's leading group revised the plan",
      name_zh: "测试村光伏电站（扩建）",
      budget: [
        { source: "municipal", amount_fen: 800_000_00 },
        { source: "county", amount_fen: 200_000_00 },
      ],
    });
    expect(res.status).toBe(201);
    // The county line is unchanged, so it is not part of the amendment.
    expect(res.body.data).toMatchObject({ project_id: id, budget_fen: 1_000_000_00, changes: 2 });
    const project = await publicProject(id);
    expect(project).toMatchObject({ name_zh: "测试村光伏电站（扩建）", name_en: "Test village solar plant", budget_fen: 1_000_000_00, allocated_fen: 300_000_00 });
    expect(project.sources.find((s: { source: string }) => s.source === "municipal")).toMatchObject({ budget_fen: 800_000_00, allocated_fen: 300_000_00 });
    expect(project.amendments).toEqual([
      {
        id: res.body.data.id,
        date: "2018-06-01",
        reason_zh: "县扶贫开发领导小组调整项目计划",
        reason_en: "The county's leading group revised the plan",
        previous_name_zh: "测试村光伏电站",
        name_zh: "测试村光伏电站（扩建）",
        previous_name_en: null,
        name_en: null,
        budget: [{ source: "municipal", previous_budget_fen: 1_000_000_00, budget_fen: 800_000_00, ledger_index: res.body.data.ledger_index + 1 }],
        ledger_index: res.body.data.ledger_index,
        recorded_at: expect.any(String),
      },
    ]);
    // A second amendment starts from the first one's figures.
    const again = await amend(id, { date: "2018-07-01", reason_zh: "追加市级资金", budget: [{ source: "municipal", amount_fen: 900_000_00 }] });
    expect(again.status).toBe(201);
    const after = await publicProject(id);
    expect(after.budget_fen).toBe(1_100_000_00);
    expect(after.amendments[1].budget).toEqual([{ source: "municipal", previous_budget_fen: 800_000_00, budget_fen: 900_000_00, ledger_index: again.body.data.ledger_index + 1 }]);
    // The original budget line is untouched: the budget is derived from it and the amendments.
    const line = await env.DB.prepare("SELECT budget_fen FROM fund_project_sources WHERE project_id = ? AND source = 'municipal'").bind(id).first<number>("budget_fen");
    expect(line).toBe(1_000_000_00);
    const audit = await env.DB.prepare("SELECT actor, action, summary FROM audit_log WHERE target_id = ? AND action = 'funds.project.amend' ORDER BY id").bind(id).all<{ actor: string; summary: string }>();
    expect(audit.results).toHaveLength(2);
    expect(audit.results[0]!.actor).toMatch(/^tok_/);
    expect(audit.results[0]!.summary).toContain("municipal 1,000,000.00 → 800,000.00 yuan");
    const report = await verify();
    expect(report.problems).toEqual([]);
  });

  it("refuses bad bodies with the field named, writing nothing", async () => {
    const { id } = await wuhuProject({ allocate: 300_000_00 });
    const before = await written();
    const cases: [unknown, number, string][] = [
      [{ date: "2018-06-01", budget: [{ source: "municipal", amount_fen: 5 }] }, 400, "body.reason_zh"],
      [{ date: "2018-02-30", reason_zh: "原因", name_zh: "新名" }, 400, "body.date"],
      [{ date: "2099-01-01", reason_zh: "原因", name_zh: "新名" }, 400, "body.date"],
      [{ date: "2018-06-01", reason_zh: "原因", budget: [{ source: "municipal", amount_fen: -1 }] }, 400, "body.budget.0.amount_fen"],
      [{ date: "2018-06-01", reason_zh: "原因", budget: [{ source: "municipal", amount_fen: 1.5 }] }, 400, "body.budget.0.amount_fen"],
      [{ date: "2018-06-01", reason_zh: "原因", budget: [{ source: "municipal", amount_fen: 5 }, { source: "municipal", amount_fen: 6 }] }, 400, "body.budget.1.source"],
      [{ date: "2018-06-01", reason_zh: "原因", colour: "red" }, 400, "body.colour"],
      // A source the project has not, at 0 fen, adds nothing: with nothing else, nothing changes.
      [{ date: "2018-06-01", reason_zh: "原因", budget: [{ source: "central", amount_fen: 0 }] }, 422, "body"],
      [{ date: "2018-06-01", reason_zh: "原因", budget: [{ source: "municipal", amount_fen: 299_999_99 }] }, 422, "body.budget.0.amount_fen"],
      [{ date: "2018-06-01", reason_zh: "原因", name_zh: "测试村光伏电站", budget: [{ source: "county", amount_fen: 200_000_00 }] }, 422, "body"],
    ];
    for (const [body, status, path] of cases) {
      const res = await amend(id, body);
      expect(res.status, path).toBe(status);
      expect(res.body.error.details.map((d: { path: string }) => d.path), path).toContain(path);
    }
    expect((await amend("prj_doesnotexist00", { date: "2018-06-01", reason_zh: "原因", name_zh: "新名" })).status).toBe(404);
    expect(await written()).toEqual(before);
  });

  it("needs the admin role and the project's region in scope", async () => {
    const { id } = await wuhuProject();
    const before = await written();
    const body = { date: "2018-06-01", reason_zh: "原因", name_zh: "新名" };
    const editor = await adminToken({ role: "editor", region: "340200000000" });
    const weaker = await amend(id, body, editor);
    expect(weaker.status).toBe(403);
    expect(weaker.body.error.code).toBe("forbidden_role");
    const elsewhere = await adminToken({ role: "admin", region: "520600000000" });
    const outside = await amend(id, body, elsewhere);
    expect(outside.status).toBe(403);
    expect(outside.body.error.details[0].path).toBe("path.id");
    expect(await written()).toEqual(before);
  });

  it("answers a retry with the same Idempotency-Key without amending twice", async () => {
    const { id } = await wuhuProject();
    const key = idemKey("amend");
    const body = { date: "2018-06-01", reason_zh: "更正项目名称", name_en: "Test village solar power plant" };
    const first = await amend(id, body, admin, key);
    const before = await written();
    const second = await amend(id, body, admin, key);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(await written()).toEqual(before);
    const other = await amend(id, { ...body, name_en: "Something else" }, admin, key);
    expect(other.status).toBe(422);
  });

  it("refuses a cancelled project", async () => {
    const { id, token } = await wuhuProject();
    expect((await adminPost(`/api/v1/admin/funds/projects/${id}/status`, token, { status: "cancelled", date: "2018-05-01" })).status).toBe(201);
    const res = await amend(id, { date: "2018-06-01", reason_zh: "原因", name_zh: "新名" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("project_cancelled");
  });

  it("is atomic: when one statement of its batch fails, nothing of it is written", async () => {
    const { id } = await wuhuProject();
    const before = await written();
    await env.DB.prepare("CREATE TRIGGER test_fail_budget_amendment BEFORE INSERT ON fund_project_budget_amendments BEGIN SELECT RAISE(ABORT, 'test failure'); END").run();
    try {
      const res = await amend(id, { date: "2018-06-01", reason_zh: "原因", name_zh: "不应出现的名称", budget: [{ source: "county", amount_fen: 100_000_00 }] });
      expect(res.status).toBe(500);
    } finally {
      await env.DB.prepare("DROP TRIGGER test_fail_budget_amendment").run();
    }
    expect(await written()).toEqual(before);
    expect((await publicProject(id)).name_zh).toBe("测试村光伏电站");
  });
});

describe("an amendment adds a fund source the project did not have", () => {
  it("adds the line as new rows (0 fen, then 0 → amount) with their ledger entries; allocations from it follow; ledger:verify passes", async () => {
    const { id, token } = await wuhuProject({ allocate: 100_000_00 });
    const before = await publicProject(id);
    expect(before.sources.map((x: { source: string }) => x.source).sort()).toEqual(["county", "municipal"]);
    // Before the amendment the project has no central line to allocate from.
    const early = await adminPost("/api/v1/admin/funds/allocations", token, { project_id: id, source: "central", date: "2018-06-02", amount_fen: 10_000_00, document_no: "财农〔2018〕9号" });
    expect(early.status).toBe(422);

    const res = await amend(id, { date: "2018-06-01", reason_zh: "争取到中央专项资金", budget: [{ source: "central", amount_fen: 50_000_00 }, { source: "county", amount_fen: 200_000_00 }] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ project_id: id, budget_fen: before.budget_fen + 50_000_00, changes: 1 });
    const amendmentId = res.body.data.id as string;
    const after = await publicProject(id);
    expect(after.budget_fen).toBe(before.budget_fen + 50_000_00);
    expect(after.sources.find((x: { source: string }) => x.source === "central")).toMatchObject({ budget_fen: 50_000_00, allocated_fen: 0 });
    expect(after.amendments.at(-1).budget).toEqual([{ source: "central", previous_budget_fen: 0, budget_fen: 50_000_00, ledger_index: res.body.data.ledger_index + 1 }]);
    // New rows only: the line of 0 fen naming its amendment, with its own project_budget entry after the amendment's.
    const line = await env.DB.prepare("SELECT budget_fen, amendment_id, ledger_index FROM fund_project_sources WHERE project_id = ? AND source = 'central'").bind(id).first<{ budget_fen: number; amendment_id: string; ledger_index: number }>();
    expect(line).toEqual({ budget_fen: 0, amendment_id: amendmentId, ledger_index: res.body.data.ledger_index + 2 });
    const entry = await env.DB.prepare("SELECT type, subject_id, recorded_at FROM ledger_entries WHERE idx = ?").bind(line!.ledger_index).first<{ type: string; subject_id: string; recorded_at: string }>();
    expect(entry).toMatchObject({ type: "project_budget", subject_id: id });
    expect(entry!.recorded_at).toBe(after.amendments.at(-1).recorded_at);
    const audit = await env.DB.prepare("SELECT summary FROM audit_log WHERE target_id = ? AND action = 'funds.project.amend'").bind(id).first<string>("summary");
    expect(audit).toContain("central 0.00 → 50,000.00 yuan (new source)");

    const allocated = await adminPost("/api/v1/admin/funds/allocations", token, { project_id: id, source: "central", date: "2018-06-02", amount_fen: 10_000_00, document_no: "财农〔2018〕9号" });
    expect(allocated.status).toBe(201);
    expect((await publicProject(id)).sources.find((x: { source: string }) => x.source === "central")).toMatchObject({ budget_fen: 50_000_00, allocated_fen: 10_000_00 });
    // The line then changes like any other, and cannot go below what was allocated from it.
    expect((await amend(id, { date: "2018-06-03", reason_zh: "原因", budget: [{ source: "central", amount_fen: 5_000_00 }] })).status).toBe(422);
    const report = await verify();
    expect(report.problems).toEqual([]);

    // ledger:verify names a line whose amendment was taken off (it would claim the project's creation time).
    await env.DB.prepare("DROP TRIGGER IF EXISTS fund_project_sources_no_update").run();
    await env.DB.prepare("UPDATE fund_project_sources SET amendment_id = NULL WHERE project_id = ? AND source = 'central'").bind(id).run();
    const tampered = await verify();
    expect(tampered.problems[0]).toMatchObject({ kind: "row_field", table: "fund_project_sources", rowId: `${id}/central`, field: "recorded_at" });
    await env.DB.prepare("UPDATE fund_project_sources SET amendment_id = ? WHERE project_id = ? AND source = 'central'").bind(amendmentId, id).run();
    expect((await verify()).problems).toEqual([]);
  });
});

describe("ledger:verify and amendments", () => {
  it("names a tampered amendment: a budget changed in its row, a reason rewritten, a project renamed", async () => {
    const { id } = await wuhuProject();
    const res = await amend(id, { date: "2018-06-01", reason_zh: "预算调整", name_zh: "改名后的项目", budget: [{ source: "county", amount_fen: 150_000_00 }] });
    expect(res.status).toBe(201);
    const amendmentId = res.body.data.id as string;
    expect((await verify()).ok).toBe(true);

    await env.DB.prepare("DROP TRIGGER fund_project_budget_amendments_no_update").run();
    await env.DB.prepare("UPDATE fund_project_budget_amendments SET budget_fen = 190000000 WHERE amendment_id = ?").bind(amendmentId).run();
    let report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: "row_field", table: "fund_project_budget_amendments", rowId: `${amendmentId}/county`, field: "amount_fen" });
    await env.DB.prepare("UPDATE fund_project_budget_amendments SET budget_fen = 15000000 WHERE amendment_id = ?").bind(amendmentId).run();
    expect((await verify()).ok).toBe(true);

    await env.DB.prepare("DROP TRIGGER fund_project_amendments_no_update").run();
    await env.DB.prepare("UPDATE fund_project_amendments SET reason_zh = '另一个原因' WHERE id = ?").bind(amendmentId).run();
    report = await verify();
    expect(report.problems[0]).toMatchObject({ kind: "row_field", table: "fund_project_amendments", rowId: amendmentId, field: "reason_hash" });
    await env.DB.prepare("UPDATE fund_project_amendments SET reason_zh = '预算调整' WHERE id = ?").bind(amendmentId).run();

    await env.DB.prepare("UPDATE fund_projects SET name_zh = '悄悄改名' WHERE id = ?").bind(id).run();
    report = await verify();
    expect(report.problems[0]).toMatchObject({ kind: "row_field", table: "fund_project_amendments", rowId: amendmentId, field: "fund_projects.name_zh" });
  });
});
