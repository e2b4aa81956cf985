/**
 * The console's screens for issue 15's processes — needs, accountability cases, office
 * contacts — each through the admin API's write functions as the staff member: a need posted,
 * pledged (public API), delivered and another withdrawn; a case recorded with money in yuan;
 * a village's contacts replaced and re-confirmed. Bad input is refused by its field with
 * nothing written; another region is refused by the write layer's scope.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { countRows } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";
import { postHeaders } from "../helpers/notices";

const COUNTY = "340223000000";
const VILLAGE = "340223101201";
const OTHER_VILLAGE = "340225101201";
const T0 = "2026-06-01T02:00:00.000Z";
let editor: TestStaff;
let viewer: TestStaff;

const post = (path: string, fields: Record<string, string>, who: TestStaff = editor) => consolePost(path, { csrf_token: who.csrf, idempotency_key: formKey(), ...fields }, { cookie: who.cookie, now: T0 });
const need = { village_code: VILLAGE, category: "schooling", beneficiary: "household", description: "两名在读学生需要书包", items: "书包 2 个", amount: "300.50", deadline: "2026-12-31" };

beforeAll(async () => {
  await seedOnce();
  editor = await staffSession("editor", COUNTY, new Date(T0));
  viewer = await staffSession("viewer", COUNTY, new Date(T0));
});

describe("console needs", () => {
  it("posts a need in yuan, records its delivery after a pledge, and withdraws another with a reason", async () => {
    const posted = await post("/admin/needs/new", need);
    expect(posted.status).toBe(303);
    const id = /\/admin\/needs\/(ned_[0-9a-z]+)\?done=need_posted$/.exec(posted.headers.get("Location") ?? "")![1]!;
    expect(await env.DB.prepare("SELECT amount_fen, village_code, status FROM needs WHERE id = ?").bind(id).first()).toEqual({ amount_fen: 30050, village_code: VILLAGE, status: "open" });
    const list = await (await consoleGet("/en/admin/needs/", { cookie: viewer.cookie, now: T0 })).text();
    expect(list).toContain(`/en/admin/needs/${id}`);
    expect(list).not.toContain('action="/en/admin/needs/new"'); // a viewer sees no form

    expect((await api(`/api/v1/needs/${id}/pledges`, { method: "POST", headers: postHeaders(T0), body: JSON.stringify({}) })).status).toBe(201);
    const page = await (await consoleGet(`/admin/needs/${id}`, { cookie: editor.cookie, now: T0 })).text();
    expect(page).toContain(`/admin/needs/${id}/delivery`);
    const early = await post(`/admin/needs/${id}/delivery`, { date: "2026-05-31", delivered: "书包 2 个", in_kind_record: "实物〔2026〕1号" });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('href="#d-date"');
    expect(await countRows("need_deliveries")).toBe(0);
    const delivered = await post(`/admin/needs/${id}/delivery`, { date: "2026-06-01", delivered: "书包 2 个", amount: "", donation_id: "", in_kind_record: "实物〔2026〕1号" });
    expect(delivered.status).toBe(303);
    expect(await env.DB.prepare("SELECT status FROM needs WHERE id = ?").bind(id).first("status")).toBe("delivered");
    const audit = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'needs.deliver' AND target_id = ?").bind(id).first("actor");
    expect(audit).toBe(editor.staffId);

    const other = /(ned_[0-9a-z]+)/.exec((await post("/admin/needs/new", need)).headers.get("Location") ?? "")![1]!;
    const closed = await post(`/en/admin/needs/${other}/close`, { status: "withdrawn", reason: "met_otherwise" });
    expect(closed.status).toBe(303);
    expect(closed.headers.get("Location")).toBe(`/en/admin/needs/${other}?done=need_closed`);
    expect(await env.DB.prepare("SELECT status, closed_reason FROM needs WHERE id = ?").bind(other).first()).toEqual({ status: "withdrawn", closed_reason: "met_otherwise" });
  });

  it("refuses a need without a category or over the ceiling by its field, writing nothing", async () => {
    const before = await countRows("needs");
    const refused = await post("/admin/needs/new", { ...need, category: "", amount: "2000000" });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('href="#n-category"');
    expect(html).toContain('href="#n-amount"');
    expect(html).toContain("金额不能超过 1,000,000 元");
    expect(await countRows("needs")).toBe(before);
  });

  it("refuses a village of another county (scope), writing nothing", async () => {
    const before = await countRows("audit_log");
    const refused = await post("/admin/needs/new", { ...need, village_code: OTHER_VILLAGE });
    expect(refused.status).toBe(403);
    expect(await countRows("audit_log")).toBe(before);
  });
});

describe("console accountability cases", () => {
  const kase = { region_code: VILLAGE, closed_on: "2026-05-20", problem: "fund_misuse", outcome: "party_government_discipline", people_disciplined: "2", people_referred: "0", recovered: "12,345.67", returned: "1000" };

  it("records a case with money in yuan and lists it", async () => {
    const res = await post("/admin/cases/new", kase);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/cases/?done=case_recorded");
    const row = await env.DB.prepare("SELECT recovered_fen, returned_fen, people_disciplined FROM accountability_cases WHERE region_code = ? AND closed_on = '2026-05-20'").bind(VILLAGE).first();
    expect(row).toEqual({ recovered_fen: 1234567, returned_fen: 100000, people_disciplined: 2 });
    const list = await (await consoleGet("/admin/cases/", { cookie: viewer.cookie, now: T0 })).text();
    expect(list).toContain("2026-05-20");
  });

  it("refuses an outcome outside the vocabulary and an official without a bulletin, by field, writing nothing", async () => {
    const before = await countRows("accountability_cases");
    const bad = await post("/admin/cases/new", { ...kase, outcome: "fined" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#k-outcome"');
    const unnamed = await post("/en/admin/cases/new", { ...kase, official_position: "村主任" });
    expect(unnamed.status).toBe(400);
    expect(await unnamed.text()).toContain('href="#k-bulletin-title"');
    expect(await countRows("accountability_cases")).toBe(before);
  });

  it("refuses a case in another county (scope)", async () => {
    const before = await countRows("accountability_cases");
    expect((await post("/admin/cases/new", { ...kase, region_code: OTHER_VILLAGE })).status).toBe(403);
    expect(await countRows("accountability_cases")).toBe(before);
  });
});

describe("console office contacts", () => {
  const line = (i: number, role: string, name: string, phone: string) => ({ [`role_${i}`]: role, [`name_zh_${i}`]: name, [`position_zh_${i}`]: "", [`office_zh_${i}`]: "南陵县测试局", [`phone_${i}`]: phone, [`confirmed_on_${i}`]: "2026-06-01" });

  it("replaces a village's list (a blank line is no contact) and shows it", async () => {
    const res = await post(`/admin/contacts/${VILLAGE}`, { ...line(0, "first_secretary", "测试员", "0553-6812345"), ...line(1, "work_team", "李敏", "13912345678"), ...line(2, "work_team", "", ""), office_zh_2: "" });
    expect(res.status).toBe(303);
    const rows = await env.DB.prepare("SELECT role, name_zh, phone, confirmed_on FROM office_contacts WHERE region_code = ? ORDER BY list_order").bind(VILLAGE).all();
    expect(rows.results).toEqual([
      { role: "first_secretary", name_zh: "测试员", phone: "0553-6812345", confirmed_on: "2026-06-01" },
      { role: "work_team", name_zh: "李敏", phone: "13912345678", confirmed_on: "2026-06-01" },
    ]);
    const page = await (await consoleGet(`/admin/contacts/${VILLAGE}`, { cookie: editor.cookie, now: T0 })).text();
    expect(page).toContain('value="0553-6812345"');
    const open = await consoleGet(`/admin/contacts/?code=${VILLAGE}`, { cookie: viewer.cookie, now: T0 });
    expect(open.status).toBe(303);
    expect(open.headers.get("Location")).toBe(`/admin/contacts/${VILLAGE}`);
  });

  it("refuses a phone number in a wrong format by its line's field, writing nothing", async () => {
    const before = await env.DB.prepare("SELECT group_concat(phone) AS p FROM office_contacts WHERE region_code = ?").bind(VILLAGE).first("p");
    const res = await post(`/admin/contacts/${VILLAGE}`, { ...line(0, "first_secretary", "测试员", "0553-6812345"), ...line(1, "work_team", "李敏", "6812345") });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('href="#c-phone-1"');
    expect(await env.DB.prepare("SELECT group_concat(phone) AS p FROM office_contacts WHERE region_code = ?").bind(VILLAGE).first("p")).toBe(before);
  });

  it("refuses another county's village (scope)", async () => {
    const before = await countRows("audit_log");
    expect((await post(`/admin/contacts/${OTHER_VILLAGE}`, line(0, "first_secretary", "测试员", "0553-6812345"))).status).toBe(403);
    expect((await consoleGet(`/admin/contacts/${OTHER_VILLAGE}`, { cookie: viewer.cookie, now: T0 })).status).toBe(403);
    expect(await countRows("audit_log")).toBe(before);
  });
});
