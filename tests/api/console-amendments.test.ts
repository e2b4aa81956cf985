/**
 * Amending a project from the console: the form starts from the current figures, the first
 * post shows the changes before → after without writing, confirming writes through the admin
 * API's amendProject as the staff member (once, even when posted twice), and a refusal comes
 * back on the form, by field, in yuan.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedOnce } from "../helpers/api";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";

const VILLAGE = "340223101201";
const T0 = "2026-06-01T02:00:00.000Z";
let admin: TestStaff;
let editor: TestStaff;
let projectId: string;

const post = (path: string, fields: Record<string, string>, who: TestStaff = admin) => consolePost(path, { csrf_token: who.csrf, ...fields }, { cookie: who.cookie, now: T0 });
const amendments = async () => (await env.DB.prepare("SELECT count(*) AS n FROM fund_project_amendments WHERE project_id = ?").bind(projectId).first<number>("n")) ?? 0;

beforeAll(async () => {
  await seedOnce();
  admin = await staffSession("admin", "340223000000", new Date(T0));
  editor = await staffSession("editor", "340223000000", new Date(T0));
  const created = await post("/admin/funds/projects/new", { idempotency_key: formKey(), name_zh: "控制台调整测试项目", name_en: "Console amendment test", region_code: VILLAGE, category: "industry", year: "2026", budget_central: "1,000", budget_county: "200" });
  projectId = /\/admin\/funds\/projects\/(prj_[0-9a-z]+)/.exec(created.headers.get("Location") ?? "")![1]!;
  const allocated = await post(`/admin/funds/projects/${projectId}/allocations`, { idempotency_key: formKey(), source: "central", amount: "400", document_no: "芜财〔2026〕9号", date: "2026-06-01" });
  expect(allocated.status).toBe(303);
});

describe("console project amendments", () => {
  it("shows the form with the current figures, to administrators only", async () => {
    const res = await consoleGet(`/admin/funds/projects/${projectId}/amend`, { cookie: admin.cookie, now: T0 });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('value="控制台调整测试项目"');
    expect(html).toContain('name="budget_central"');
    expect(html).toContain('value="1000.00"');
    expect((await consoleGet(`/admin/funds/projects/${projectId}/amend`, { cookie: editor.cookie, now: T0 })).status).toBe(403);
    const page = await (await consoleGet(`/admin/funds/projects/${projectId}`, { cookie: admin.cookie, now: T0 })).text();
    expect(page).toContain(`/admin/funds/projects/${projectId}/amend`);
  });

  it("refuses on the form: a budget below what is allocated (in yuan), no reason, nothing changed", async () => {
    const below = await post(`/admin/funds/projects/${projectId}/amend`, { name_zh: "控制台调整测试项目", name_en: "Console amendment test", budget_central: "399.99", budget_county: "200", date: "2026-06-01", reason_zh: "压减" });
    expect(below.status).toBe(409);
    const html = await below.text();
    expect(html).toContain("400.00");
    expect(html).toContain('href="#m-budget-central"');
    const noReason = await post(`/admin/funds/projects/${projectId}/amend`, { name_zh: "新名称", budget_central: "1000", budget_county: "200", date: "2026-06-01", reason_zh: "" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('href="#m-reason-zh"');
    const nothing = await post(`/en/admin/funds/projects/${projectId}/amend`, { name_zh: "控制台调整测试项目", name_en: "Console amendment test", budget_central: "1,000.00", budget_county: "200", date: "2026-06-01", reason_zh: "无" });
    expect(nothing.status).toBe(409);
    expect(await nothing.text()).toContain("Nothing changes");
    expect(await amendments()).toBe(0);
  });

  it("confirms before writing, then writes once and the public project shows the history", async () => {
    const fields = { name_zh: "控制台调整测试项目（二期）", name_en: "Console amendment test", budget_central: "1,500.50", budget_county: "200", date: "2026-06-01", reason_zh: "县领导小组批准追加中央资金" };
    const preview = await post(`/admin/funds/projects/${projectId}/amend`, fields);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("确认调整");
    expect(html).toContain("1,000.00 元");
    expect(html).toContain("1,500.50 元");
    expect(html).toContain('name="confirm" value="yes"');
    expect(await amendments()).toBe(0);

    const confirm = { ...fields, confirm: "yes", idempotency_key: formKey() };
    const done = await post(`/admin/funds/projects/${projectId}/amend`, confirm);
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe(`/admin/funds/projects/${projectId}?done=project_amended`);
    const twice = await post(`/admin/funds/projects/${projectId}/amend`, confirm);
    expect(twice.status).toBe(303);
    expect(await amendments()).toBe(1);
    const audit = await env.DB.prepare("SELECT actor FROM audit_log WHERE target_id = ? AND action = 'funds.project.amend'").bind(projectId).first<string>("actor");
    expect(audit).toBe(admin.staffId);

    const project = (await json(await api(`/api/v1/funds/projects/${projectId}`))).data;
    expect(project).toMatchObject({ name_zh: "控制台调整测试项目（二期）", budget_fen: 170050, last_amended_on: "2026-06-01" });
    expect(project.amendments[0]).toMatchObject({ reason_zh: "县领导小组批准追加中央资金", budget: [{ source: "central", previous_budget_fen: 100000, budget_fen: 150050 }] });
  });

  it("adds a fund source the project did not have: offered on the form, marked new on the confirmation, written as new rows", async () => {
    const form = await (await consoleGet(`/en/admin/funds/projects/${projectId}/amend`, { cookie: admin.cookie, now: T0 })).text();
    expect(form).toContain("Add a fund source (optional)");
    expect(form).toContain('name="budget_municipal"');
    // Every source the project has not, empty: an untouched form adds none (the "nothing changes" refusal).
    const blankNew = { name_zh: "控制台调整测试项目（二期）", name_en: "Console amendment test", budget_central: "1500.50", budget_county: "200", budget_municipal: "", budget_social: "", date: "2026-06-01", reason_zh: "无" };
    expect((await post(`/admin/funds/projects/${projectId}/amend`, blankNew)).status).toBe(409);

    const fields = { ...blankNew, budget_municipal: "300", reason_zh: "市级财政新增配套资金" };
    const preview = await post(`/admin/funds/projects/${projectId}/amend`, fields);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("（新增来源）");
    expect(html).toContain("300.00 元");
    expect(html).toContain("2,000.50 元"); // the total after: 1,500.50 + 200 + 300

    const done = await post(`/admin/funds/projects/${projectId}/amend`, { ...fields, confirm: "yes", idempotency_key: formKey() });
    expect(done.status).toBe(303);
    const line = await env.DB.prepare("SELECT budget_fen, amendment_id FROM fund_project_sources WHERE project_id = ? AND source = 'municipal'").bind(projectId).first<{ budget_fen: number; amendment_id: string }>();
    expect(line!.budget_fen).toBe(0);
    expect(line!.amendment_id).toMatch(/^pam_/);
    const project = (await json(await api(`/api/v1/funds/projects/${projectId}`))).data;
    expect(project.budget_fen).toBe(200050);
    expect(project.sources.find((x: { source: string }) => x.source === "municipal")).toMatchObject({ budget_fen: 30000 });
    // Allocations from the new source go through the project page's form.
    const allocated = await post(`/admin/funds/projects/${projectId}/allocations`, { idempotency_key: formKey(), source: "municipal", amount: "100", document_no: "芜财〔2026〕10号", date: "2026-06-01" });
    expect(allocated.status).toBe(303);
    const { importSigningKey } = await import("../../worker/domain/ledger");
    const { d1LedgerReader, verifyLedger } = await import("../../worker/ledger/verify");
    const k = await importSigningKey(env.LEDGER_SIGNING_KEY);
    expect((await verifyLedger(d1LedgerReader(env.DB), { publicKey: k.publicKey, keyId: k.keyId })).problems).toEqual([]);
  });
});
