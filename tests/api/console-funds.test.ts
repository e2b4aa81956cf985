/**
 * Funds and donations in the console: a project with its budget typed in yuan, allocation and
 * disbursement, a donation and its allocation, a reversal after its confirmation screen — each
 * through the admin API's write functions as the staff member, stored as exact fen, with
 * refusals named by field (in yuan), double submits replayed, and scope and role enforced.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedOnce } from "../helpers/api";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";

const COUNTY = "340223000000";
const VILLAGE = "340223101201";
const T0 = "2026-06-01T02:00:00.000Z";
let editor: TestStaff;
let viewer: TestStaff;
let other: TestStaff;
let projectId: string;

const post = (path: string, fields: Record<string, string>, who: TestStaff = editor) => consolePost(path, { csrf_token: who.csrf, idempotency_key: formKey(), ...fields }, { cookie: who.cookie, now: T0 });
const idFrom = (res: Response, kind: string) => new RegExp(`/admin/funds/${kind}/((?:prj|don)_[0-9a-z]+)`).exec(res.headers.get("Location") ?? "")![1]!;

beforeAll(async () => {
  await seedOnce();
  editor = await staffSession("editor", COUNTY, new Date(T0));
  viewer = await staffSession("viewer", COUNTY, new Date(T0));
  const elsewhere = await env.DB.prepare("SELECT code FROM regions WHERE code LIKE '%000000' AND code NOT LIKE '340223%' AND code NOT LIKE '%00000000' LIMIT 1").first<{ code: string }>();
  other = await staffSession("editor", elsewhere!.code, new Date(T0));
  const created = await post("/admin/funds/projects/new", {
    name_zh: "控制台测试道路硬化",
    name_en: "Console test road",
    region_code: VILLAGE,
    category: "industry",
    year: "2026",
    budget_central: "1,000.50",
    budget_county: "￥200",
  });
  expect(created.status).toBe(303);
  projectId = idFrom(created, "projects");
});

describe("console funds", () => {
  it("stores a budget typed in yuan as exact fen, and refuses a third decimal by its field", async () => {
    const lines = await env.DB.prepare("SELECT source, budget_fen FROM fund_project_sources WHERE project_id = ? ORDER BY source").bind(projectId).all<{ source: string; budget_fen: number }>();
    expect(lines.results).toEqual([{ source: "central", budget_fen: 100050 }, { source: "county", budget_fen: 20000 }]);
    const refused = await post("/admin/funds/projects/new", { name_zh: "x", name_en: "x", region_code: VILLAGE, category: "industry", year: "2026", budget_central: "1.005" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('href="#p-budget-central"');
    expect(html).toContain("金额最多两位小数");
    const none = await post("/en/admin/funds/projects/new", { name_zh: "x", name_en: "x", region_code: VILLAGE, category: "industry", year: "2026" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('href="#p-budget-central"');
  });

  it("allocates and disburses in yuan; more than the budget is refused in yuan; a double submit writes once", async () => {
    const fields = { csrf_token: editor.csrf, idempotency_key: formKey(), source: "central", amount: "400.25", document_no: "芜财农〔2026〕1号", date: "2026-06-01" };
    const first = await consolePost(`/admin/funds/projects/${projectId}/allocations`, fields, { cookie: editor.cookie, now: T0 });
    expect(first.status).toBe(303);
    const again = await consolePost(`/admin/funds/projects/${projectId}/allocations`, fields, { cookie: editor.cookie, now: T0 });
    expect(again.status).toBe(303);
    expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
    const rows = await env.DB.prepare("SELECT amount_fen FROM fund_allocations WHERE project_id = ?").bind(projectId).all<{ amount_fen: number }>();
    expect(rows.results).toEqual([{ amount_fen: 40025 }]);
    const audit = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'funds.allocate' AND summary LIKE ?").bind(`%${projectId}%`).first<{ actor: string }>();
    expect(audit!.actor).toBe(editor.staffId);

    const over = await post(`/admin/funds/projects/${projectId}/allocations`, { source: "central", amount: "700", document_no: "x", date: "2026-06-01" });
    expect(over.status).toBe(409);
    expect(await over.text()).toContain("最多还可 600.25 元");

    // Nothing is paid out before the project has started (writes/disbursements.ts).
    const early = await post(`/admin/funds/projects/${projectId}/disbursements`, { source: "central", amount: "100", receipted: "0", document_no: "拨付〔2026〕1号", date: "2026-06-01" });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("项目开工后才能拨付资金");
    const page = await (await consoleGet(`/admin/funds/projects/${projectId}`, { cookie: viewer.cookie, now: T0 })).text();
    expect(page).toContain("400.25 元");
    expect(page).not.toContain(`/funds/projects/${projectId}/allocations"`); // a viewer sees no forms
  });

  it("moves the project along its life cycle, refuses a skipped step, and disburses once it has started", async () => {
    expect((await post(`/admin/funds/projects/${projectId}/status`, { status: "started", date: "2026-06-01" })).status).toBe(409);
    expect((await post(`/admin/funds/projects/${projectId}/status`, { status: "filed", date: "2026-06-01" })).status).toBe(303);
    const row = await env.DB.prepare("SELECT status, filed_on FROM fund_projects WHERE id = ?").bind(projectId).first();
    expect(row).toEqual({ status: "filed", filed_on: "2026-06-01" });
    expect((await post(`/admin/funds/projects/${projectId}/status`, { status: "started", date: "2026-06-01" })).status).toBe(303);
    const paid = await post(`/admin/funds/projects/${projectId}/disbursements`, { source: "central", amount: "100", receipted: "0", document_no: "拨付〔2026〕1号", date: "2026-06-01" });
    expect(paid.status).toBe(303);
    const page = await (await consoleGet(`/admin/funds/projects/${projectId}`, { cookie: viewer.cookie, now: T0 })).text();
    expect(page).toContain("100.00 元");
  });

  it("records a donation, allocates it, confirms and reverses the allocation; the public receipt follows", async () => {
    const recorded = await post("/admin/funds/donations/new", { amount: "500", date: "2026-06-01", channel: "bank_transfer", target_type: "project", target_project: projectId });
    expect(recorded.status).toBe(303);
    const donationId = idFrom(recorded, "donations");
    expect(await env.DB.prepare("SELECT amount_fen FROM donations WHERE id = ?").bind(donationId).first("amount_fen")).toBe(50000);

    const placed = await post(`/admin/funds/donations/${donationId}/allocations`, { project_id: projectId, amount: "200.10", date: "2026-06-01" });
    expect(placed.status).toBe(303);
    const allocationId = (await env.DB.prepare("SELECT id FROM donation_allocations WHERE donation_id = ?").bind(donationId).first<{ id: string }>())!.id;

    const confirm = await consoleGet(`/admin/funds/reversals/${allocationId}`, { cookie: editor.cookie, now: T0 });
    expect(confirm.status).toBe(200);
    const screen = await confirm.text();
    expect(screen).toContain("200.10 元");
    expect(screen).toContain("200.10 元 → <strong>0.00 元</strong>");

    const reversed = await post(`/admin/funds/reversals/${allocationId}`, { date: "2026-06-01", reason: "entry_error" });
    expect(reversed.status).toBe(303);
    const net = await env.DB.prepare("SELECT sum(amount_fen) AS s, count(*) AS n FROM donation_allocations WHERE donation_id = ?").bind(donationId).first();
    expect(net).toEqual({ s: 0, n: 2 });
    expect((await post(`/admin/funds/reversals/${allocationId}`, { date: "2026-06-01", reason: "entry_error" })).status).toBe(409);

    const receipt = await json(await api(`/api/v1/donations/${donationId}`));
    expect(receipt.data.amount_fen).toBe(50000);
  });

  it("refuses a viewer, another region's editor, and a missing amount by its field", async () => {
    expect((await post(`/admin/funds/projects/${projectId}/allocations`, { source: "central", amount: "1", document_no: "x", date: "2026-06-01" }, viewer)).status).toBe(403);
    expect((await consoleGet(`/admin/funds/projects/${projectId}`, { cookie: other.cookie, now: T0 })).status).toBe(403);
    expect((await post(`/admin/funds/projects/${projectId}/allocations`, { source: "central", amount: "1", document_no: "x", date: "2026-06-01" }, other)).status).toBe(403);
    const empty = await post(`/en/admin/funds/projects/${projectId}/allocations`, { source: "central", amount: "", document_no: "x", date: "2026-06-01" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Enter an amount in yuan");
  });

  it("publishes official figures with their source; a bad line is named", async () => {
    const source = { source_id: "console-test-2026", source_title_zh: "测试公告", source_title_en: "Test bulletin", source_issuer: "测试县扶贫办", source_published_on: "2026-05-30" };
    const bad = await post("/admin/funds/figures/new", { ...source, figures: `${VILLAGE}\t2025\texited_people\n${VILLAGE}\t2025\tno_such_metric\t5` });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("第 1 行");
    const ok = await post("/admin/funds/figures/new", { ...source, figures: `${COUNTY}\t2025\texited_people\t1234` });
    expect(ok.status).toBe(303);
    expect(await env.DB.prepare("SELECT value FROM official_figures WHERE source_id = 'console-test-2026'").first("value")).toBe(1234);
  });
});
