/**
 * Every console form's refusal, GOV.UK pattern (issue 12): the page comes back with an error
 * summary at the top whose every item links to an element of the page (the field, or for a
 * button-only form the record it acts on), and the field carries its message. Walked over one
 * refused post of each console form, in both languages for a few; the staff screen's Cloudflare
 * Access e-mail (which had no link) keeps what was typed.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedOnce } from "../helpers/api";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";

const COUNTY = "340223000000";
const TOWNSHIP = "340223101000";
const VILLAGE = "340223101201";
const T0 = "2026-06-01T02:00:00.000Z";
let admin: TestStaff;
let clerk: TestStaff;
let projectId: string;
let donationId: string;
let allocationId: string;
let draftId: string;
let reportId: string;
let draftUpdatedAt: string;

const post = (path: string, fields: Record<string, string>, who: TestStaff = admin) => consolePost(path, { csrf_token: who.csrf, idempotency_key: formKey(), ...fields }, { cookie: who.cookie, now: T0 });
const located = (res: Response, pattern: RegExp) => pattern.exec(res.headers.get("Location") ?? "")?.[1] ?? "";

/**
 * The summary's items, and those that do not link to an element of the page. A field's link must
 * also find the field's own message (`<id>-error`), unless it points at a heading (a refusal of
 * the whole form, or a button form: the link goes to the form's heading or the record's).
 */
export function summaryProblems(html: string) {
  const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];
  if (!summary) return { items: 0, problems: ["no error summary"] };
  const items = [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
  const problems: string[] = [];
  for (const item of items) {
    const target = /<a href="#([^"]+)"/.exec(item)?.[1];
    if (!target) {
      problems.push(`no link: ${item}`);
      continue;
    }
    const element = new RegExp(`<(\\w+)[^>]* id="${target}"`).exec(html);
    if (!element) problems.push(`#${target} is not on the page: ${item}`);
    // A radio's message is its group's (`g-tt-general` → `g-tt-error`).
    else if (!/^h\d$/.test(element[1]!) && !html.includes(`id="${target}-error"`) && !html.includes(`id="${target.replace(/-[^-]+$/, "")}-error"`)) problems.push(`#${target} has no message by it: ${item}`);
  }
  return { items: items.length, problems };
}

beforeAll(async () => {
  await seedOnce();
  admin = await staffSession("admin", COUNTY, new Date(T0));
  clerk = await staffSession("editor", TOWNSHIP, new Date(T0));
  const project = await post("/admin/funds/projects/new", { name_zh: "错误摘要测试项目", name_en: "Error summary test project", region_code: VILLAGE, category: "industry", year: "2026", budget_county: "1000" });
  projectId = located(project, /\/projects\/(prj_[0-9a-z]+)/);
  const donation = await post("/admin/funds/donations/new", { date: "2026-05-30", amount: "500", channel: "bank_transfer", target_type: "general" });
  donationId = located(donation, /\/donations\/(don_[0-9a-z]+)/);
  expect((await post(`/admin/funds/projects/${projectId}/allocations`, { source: "county", date: "2026-05-31", amount: "100", document_no: "南财〔2026〕1号" })).status).toBe(303);
  allocationId = (await env.DB.prepare("SELECT id FROM fund_allocations WHERE project_id = ?").bind(projectId).first<string>("id"))!;
  const draft = await post("/admin/notices/new", { type: "household_identification", region: VILLAGE, title_zh: "错误摘要测试", body_zh: "正文", issuer: "南陵镇", items: "姓名\t村民小组\t家庭人口\n张三丰\t3组\t4\n" }, clerk);
  draftId = located(draft, /\/notices\/(ntc_[0-9a-z]+)/);
  draftUpdatedAt = (await env.DB.prepare("SELECT updated_at FROM notices WHERE id = ?").bind(draftId).first<string>("updated_at"))!;
  reportId = (await env.DB.prepare("SELECT id FROM reports WHERE region_code BETWEEN '340223000000' AND '340223999999' AND status NOT IN ('answered', 'rejected') LIMIT 1").first<string>("id")) ?? "";
  for (const [name, id] of Object.entries({ projectId, donationId, allocationId, draftId })) expect(id, name).not.toBe("");
});

describe("console forms: every error summary item links to its field", () => {
  const cases: [string, () => [string, Record<string, string>, TestStaff?]][] = [
    ["invite someone (nothing typed)", () => ["/admin/staff", { name: "", role: "editor", region: "" }]],
    ["a Cloudflare Access e-mail that is not one", () => [`/admin/staff/${clerk.staffId}/access-email`, { access_email: "not-an-address" }]],
    ["revoking one's own account (a button form)", () => [`/admin/staff/${admin.staffId}/revoke`, {}]],
    ["a new notice (nothing typed)", () => ["/admin/notices/new", { type: "household_identification", region: "", title_zh: "", body_zh: "", issuer: "", items: "" }, clerk]],
    ["opening a notice with an end before its start", () => [`/admin/notices/${draftId}/open`, { period_start: "2026-06-10", period_end: "2026-06-01", updated_at: draftUpdatedAt }, clerk]],
    ["opening a notice that changed since the page was read (the whole form)", () => [`/admin/notices/${draftId}/open`, { period_start: "2026-06-01", period_end: "2026-06-10", updated_at: "2020-01-01T00:00:00.000Z" }, clerk]],
    ["a new project (a third decimal, no name)", () => ["/admin/funds/projects/new", { name_zh: "", name_en: "", region_code: VILLAGE, category: "industry", year: "2026", budget_county: "1.005" }]],
    ["an allocation without an amount", () => [`/admin/funds/projects/${projectId}/allocations`, { source: "county", date: "2026-06-01", amount: "", document_no: "" }]],
    ["a disbursement of a project not started", () => [`/admin/funds/projects/${projectId}/disbursements`, { source: "county", date: "2026-06-01", amount: "10", receipted: "0", document_no: "x" }]],
    ["a skipped status", () => [`/admin/funds/projects/${projectId}/status`, { status: "completed", date: "2026-06-01" }]],
    ["a donation (nothing typed)", () => ["/admin/funds/donations/new", { date: "", amount: "", channel: "bank_transfer", target_type: "" }]],
    ["a donation allocation of more than the donation", () => [`/admin/funds/donations/${donationId}/allocations`, { project_id: projectId, date: "2026-06-01", amount: "900" }]],
    ["a reversal without a reason", () => [`/admin/funds/reversals/${allocationId}`, { date: "2026-06-01", reason: "" }]],
    ["official figures with a bad line", () => ["/admin/funds/figures/new", { source_id: "", source_title_zh: "", source_title_en: "", source_issuer: "", source_published_on: "", figures: "340223000000\t2019" }]],
    ["a project amendment that changes nothing", () => [`/admin/funds/projects/${projectId}/amend`, { name_zh: "错误摘要测试项目", name_en: "Error summary test project", date: "2026-06-01", reason_zh: "", reason_en: "", budget_county: "1000" }]],
    ["a need (nothing typed)", () => ["/admin/needs/new", { village_code: "", category: "", beneficiary: "", description: "", deadline: "" }]],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const [path, fields, who] = make();
      for (const prefix of ["", "/en"]) {
        const res = await post(`${prefix}${path}`, fields, who);
        expect([400, 409], `${prefix}${path}`).toContain(res.status);
        const { items, problems } = summaryProblems(await res.text());
        expect(items, `${prefix}${path}`).toBeGreaterThan(0);
        expect(problems, `${prefix}${path}`).toEqual([]);
      }
    });
  }

  it("report forms: a transition to an unknown status, a note with nothing in it", async () => {
    expect(reportId).not.toBe("");
    for (const [path, fields] of [[`/admin/reports/${reportId}/transition`, { to: "nope", from: "received" }], [`/admin/reports/${reportId}/note`, { public_text: "", internal_note: "" }]] as const) {
      const res = await post(path, fields);
      expect([400, 409], path).toContain(res.status);
      const { items, problems } = summaryProblems(await res.text());
      expect(items, path).toBeGreaterThan(0);
      expect(problems, path).toEqual([]);
    }
  });

  it("the audit log's filters: a day that is not one", async () => {
    const html = await (await consoleGet("/admin/audit/?from=2026-13-01", { cookie: admin.cookie, now: T0 })).text();
    expect(summaryProblems(html).problems).toEqual([]);
  });

  it("the Access e-mail: the summary links to that account's field, the message is by it, what was typed is kept", async () => {
    const res = await post(`/admin/staff/${clerk.staffId}/access-email`, { access_email: "wang at example" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`<a href="#access-${clerk.staffId}">`);
    expect(html).toMatch(new RegExp(`id="access-${clerk.staffId}-error"`));
    expect(html).toMatch(new RegExp(`id="access-${clerk.staffId}" name="access_email" value="wang at example"[^>]*aria-describedby="access-${clerk.staffId}-error"`));
  });
});
