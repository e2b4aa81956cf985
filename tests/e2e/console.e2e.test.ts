/**
 * Console journey 1, in chromium with virtual authenticators (Chrome DevTools Protocol
 * WebAuthn domain): the first administrator (made with `npm run admin -- create-first-admin`)
 * registers a passkey and invites a township editor; the editor registers a passkey, signs in
 * on a 360×740 screen, drafts a notice with items pasted from Excel, opens it — it is on the
 * public site at once —, a resident objects, the editor answers; the period ends (the server's
 * clock frozen through x-test-now), the editor signs in again, closes and announces. axe finds
 * nothing on the console pages, in both languages.
 *
 * Journey 2 follows, with the same editor: a report through the queue to its public answer,
 * which the reporter reads with their receipt. Journey 4: a project, an allocation, a donation
 * and its allocation and a reversal, all through the console; `npm run ledger:verify` then
 * passes on the portal's database and the public pages show the amounts.
 */
import { spawnSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";
import { axeLog, consoleOrigin as origin, firstAdminLink, pageWithAuthenticator, registerPasskey, signIn } from "./console-staff";
import { E2E_PERSIST_DIR } from "./global-setup";
import { phoneProblems } from "./page-checks";

const CITY = "340200000000";
const TOWNSHIP = "340223101000";
const VILLAGE = "340223101201";

let browser: Browser;
const axe = axeLog();
const check = axe.one;
/** The same console page in the other language, checked too. */
const checkBoth = axe.both;

const TITLE = `南陵镇拟识别贫困户名单公示（控制台 ${Date.now()}）`;
const PASTED = "姓名\t村民小组\t家庭人口\n张三丰\t3组\t4\n李四\t5组\t2\n";

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("console journey: invite, passkey, publish, answer, close, announce", () => {
  let inviteLink = "";
  let noticeId = "";
  let editor: Page;

  let admin: Page;
  let adminLink = "";
  /** Journey 4's project, which the administrator then amends (its own project in the shared database). */
  let journeyProject = "";

  // Each step is its own test, so a retry repeats the step, not the journey (the first
  // administrator can be created once); the CLI starts a workerd of its own, hence the time.
  it("the first administrator registers a passkey (link from npm run admin -- create-first-admin)", { timeout: 300_000 }, async () => {
    adminLink ||= firstAdminLink("市扶贫办 李明", CITY);
    admin = await pageWithAuthenticator(browser, { desk: true });
    await admin.goto(adminLink);
    await checkBoth(admin, "invitation");
    await registerPasskey(admin, adminLink);
    await checkBoth(admin, "to-do (admin)");
  });

  it("the administrator invites a township editor; the link is shown once", { timeout: 300_000 }, async () => {
    await admin.goto(`${origin()}/admin/staff/`);
    await admin.getByLabel("姓名").fill("南陵镇 王芳");
    await admin.getByLabel("角色").selectOption("editor");
    await admin.getByLabel("管辖范围（地区代码）").fill(TOWNSHIP);
    await admin.getByRole("button", { name: "创建邀请" }).click();
    await admin.waitForURL(/\/admin\/staff\/\?done=invited/);
    inviteLink = ((await admin.locator("#invite-link").textContent()) ?? "").trim();
    expect(inviteLink).toMatch(/\/admin\/invitations\/inv_[A-Za-z0-9_-]{43}$/);
    await checkBoth(admin, "staff");
    // Shown once: a reload no longer has it.
    await admin.reload();
    await expect(admin.locator("#invite-link").count()).resolves.toBe(0);
  });

  it("the administrator's audit log and reports queue pass axe", { timeout: 300_000 }, async () => {
    await admin.goto(`${origin()}/admin/audit/`);
    await checkBoth(admin, "audit log");
    await admin.goto(`${origin()}/admin/reports/`);
    await checkBoth(admin, "reports queue");
    const firstReport = admin.locator("#reports-caption ~ tbody a").first();
    if ((await firstReport.count()) > 0) {
      await firstReport.click();
      await admin.waitForURL(/\/admin\/reports\/rpt_/);
      await checkBoth(admin, "report");
    }
    // The administrator's page stays open: it amends journey 4's project at the end.
  });

  it("the editor registers a passkey and signs in on a 360×740 screen", { timeout: 300_000 }, async () => {
    editor = await pageWithAuthenticator(browser);
    await registerPasskey(editor, inviteLink);
    await editor.getByRole("button", { name: "退出登录" }).click();
    await editor.waitForURL(/\/admin\/sign-in\?signed_out=1/);
    await checkBoth(editor, "sign-in");
    await signIn(editor);
    await expect(editor.locator(".console-who").textContent()).resolves.toContain("南陵镇 王芳");
    expect(await phoneProblems(editor, "to-do (phone)")).toEqual([]);
  });

  it("publishes a notice with items pasted from Excel; it is on the public site at once", { timeout: 300_000 }, async () => {
    await editor.goto(`${origin()}/admin/notices/new`);
    await checkBoth(editor, "new notice");
    // An empty form first: the error summary at the top, a message by each field.
    await editor.getByRole("button", { name: "保存草稿" }).click();
    await editor.locator(".error-summary").waitFor();
    await check(editor, "new notice (errors)");
    await editor.getByLabel("地区代码").fill(VILLAGE);
    await editor.getByLabel("标题（中文）").fill(TITLE);
    await editor.getByLabel("正文（中文）").fill("经村民代表大会评议，现将拟识别贫困户名单公示如下。");
    await editor.getByLabel("发布单位").fill("南陵镇人民政府");
    await editor.getByLabel("户名单（户类公示）").fill(PASTED);
    // The page script previews the pasted items masked as the public will see them.
    await expect(editor.locator("#items-preview-rows").textContent()).resolves.toBe("1张**3组42李*5组2");
    await editor.getByRole("button", { name: "保存草稿" }).click();
    await editor.waitForURL(/\/admin\/notices\/ntc_[0-9a-z]+\?done=created/);
    noticeId = /ntc_[0-9a-z]+/.exec(editor.url())![0];
    await expect(editor.locator("#preview-items ~ tbody").textContent()).resolves.toContain("张**");
    await expect(editor.content()).resolves.not.toContain("张三丰");
    await checkBoth(editor, "notice (draft)");
    await editor.getByRole("button", { name: "发布公示" }).click();
    await editor.waitForURL(/done=opened/);

    const response = await editor.context().request.get(`${origin()}/notices/${noticeId}/`);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain(TITLE);
  });

  it("a resident objects and the editor answers", { timeout: 300_000 }, async () => {
    const objected = await fetch(`${origin()}/api/v1/notices/${noticeId}/objections`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: "第1户家中新盖了楼房，不符合条件。", item_no: 1 }),
    });
    expect(objected.status).toBe(201);
    await editor.goto(`${origin()}/admin/notices/${noticeId}`);
    await editor.getByText("第1户家中新盖了楼房").waitFor();
    await editor.getByLabel("不成立").check();
    await editor.getByLabel("答复（将公开）").fill("经村委会核实，该楼房为租用，异议不成立。");
    await editor.getByRole("button", { name: "发布答复" }).click();
    await editor.waitForURL(/done=answered/);
    await checkBoth(editor, "notice (open, answered)");
  });

  it("after the period (frozen clock) the editor signs in again, closes and announces", { timeout: 300_000 }, async () => {
    // Eight days on: the 7-day period is over, and so is the session (30 min idle).
    await editor.context().setExtraHTTPHeaders({ "x-test-now": new Date(Date.now() + 8 * 86_400_000).toISOString() });
    await editor.goto(`${origin()}/admin/`);
    await editor.waitForURL(/\/admin\/sign-in\?next=/);
    await signIn(editor);
    await editor.locator(`#to-close ~ ul a[href="/admin/notices/${noticeId}"]`).click();
    await editor.getByRole("button", { name: "结束公示" }).click();
    await editor.waitForURL(/done=closed/);
    await editor.getByLabel("公告内容（中文）").fill("公示期满，异议经核实不成立，确认识别上述农户为贫困户。");
    await editor.getByRole("button", { name: "公告结果" }).click();
    await editor.waitForURL(/done=announced/);
    await checkBoth(editor, "notice (announced)");
    await editor.goto(`${origin()}/admin/notices/`);
    await checkBoth(editor, "notices");
    const publicPage = await (await editor.context().request.get(`${origin()}/notices/${noticeId}/`)).text();
    expect(publicPage).toContain("公示期满，异议经核实不成立");
  });

  // Journey 2. The editor's clock is still 8 days on, so a report filed now is overdue there.
  it("journey 2: a report through the queue (filter, open, transitions, public answer); the reporter sees the answer", { timeout: 300_000 }, async () => {
    const filed = await fetch(`${origin()}/api/v1/reports`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ category: "project_quality", region: VILLAGE, text: "村里新修的道路不到一年就开裂了。（控制台旅程）" }),
    });
    expect(filed.status).toBe(201);
    const receipt = ((await filed.json()) as { data: { receipt: string } }).data.receipt;
    await editor.goto(`${origin()}/admin/reports/`);
    await editor.getByLabel("状态").selectOption("received");
    await editor.getByLabel("类别").selectOption("project_quality");
    await editor.getByLabel("期限").selectOption("true");
    await editor.getByRole("button", { name: "筛选" }).click();
    await editor.waitForURL(/status=received/);
    // The queue is oldest first: the report filed a moment ago is the last one.
    await editor.locator("#reports-caption ~ tbody tr", { hasText: "逾期" }).last().locator("a").click();
    await editor.waitForURL(/\/admin\/reports\/rpt_/);
    await editor.getByText("村里新修的道路不到一年就开裂了").waitFor();
    for (const [to, text] of [["accepted", ""], ["in_progress", ""], ["resolved", ""], ["answered", "经镇里核查，施工单位已返修开裂路段，并由村监委会验收。"]] as const) {
      await editor.locator("#t-to").selectOption(to);
      if (text) await editor.locator("#t-public").fill(text);
      await editor.getByRole("button", { name: "变更状态" }).click();
      await editor.waitForURL(/done=report_moved/);
    }
    await checkBoth(editor, "report (answered)");
    const reporter = await browser.newPage();
    await reporter.goto(`${origin()}/reports/status/`);
    await reporter.getByLabel("回执号").fill(receipt);
    await reporter.getByRole("button", { name: "查询" }).click();
    await reporter.getByText("施工单位已返修开裂路段").waitFor();
    await reporter.close();
  });

  // Journey 4: money through the console, then the ledger still verifies and the public pages show it.
  it("journey 4: a project, an allocation, a donation and its allocation, a reversal; ledger:verify passes", { timeout: 600_000 }, async () => {
    await editor.goto(`${origin()}/admin/funds/`);
    await checkBoth(editor, "funds");
    await editor.getByRole("link", { name: "新建项目" }).click();
    await checkBoth(editor, "new project");
    await editor.getByLabel("项目名称（中文）").fill("控制台旅程 村道硬化");
    await editor.getByLabel("项目名称（英文）").fill("Console journey village road");
    await editor.getByLabel("项目所在地区代码").fill(VILLAGE);
    await editor.getByLabel("县级财政").fill("10000.005");
    await editor.getByRole("button", { name: "保存项目" }).click();
    await editor.locator(".error-summary").waitFor();
    await check(editor, "new project (errors)");
    await editor.getByLabel("县级财政").fill("10,000");
    await editor.getByRole("button", { name: "保存项目" }).click();
    await editor.waitForURL(/\/admin\/funds\/projects\/prj_[0-9a-z]+\?done=project_created/);
    const projectId = /prj_[0-9a-z]+/.exec(editor.url())![0];
    journeyProject = projectId;
    await editor.locator("#a-amount").fill("3000.50");
    await editor.locator("#a-document").fill("南财农〔2026〕8号");
    await editor.getByRole("button", { name: "记录下达" }).click();
    await editor.waitForURL(/done=allocated/);
    await checkBoth(editor, "project");

    await editor.goto(`${origin()}/admin/funds/donations/new`);
    await checkBoth(editor, "new donation");
    await editor.getByLabel("金额（元）").fill("500");
    await editor.getByLabel("指定项目", { exact: true }).check();
    await editor.getByLabel("指定项目编号").fill(projectId);
    await editor.getByRole("button", { name: "登记捐赠" }).click();
    await editor.waitForURL(/\/admin\/funds\/donations\/don_[0-9a-z]+\?done=donation_recorded/);
    const donationId = /don_[0-9a-z]+/.exec(editor.url())![0];
    await editor.locator("#l-amount").fill("200");
    await editor.getByRole("button", { name: "记录分配" }).click();
    await editor.waitForURL(/done=donation_allocated/);
    await checkBoth(editor, "donation");

    await editor.getByRole("link", { name: /^冲正 dal_/ }).click();
    await editor.getByText("200.00 元 → 0.00 元").waitFor();
    await checkBoth(editor, "reversal (confirm)");
    await editor.getByRole("button", { name: "确认冲正" }).click();
    await editor.waitForURL(/done=reversed/);
    await expect(editor.locator("table").last().textContent()).resolves.toContain("冲正记录");

    const project = await (await editor.context().request.get(`${origin()}/funds/projects/${projectId}/`)).text();
    expect(project).toContain("3,000.50");
    expect(project).toContain("10,000.00");
    const donation = await (await editor.context().request.get(`${origin()}/donations/${donationId}/`)).text();
    expect(donation).toContain("500.00");
    await editor.context().close();

    const verified = spawnSync("npm", ["run", "--silent", "ledger:verify"], { env: { ...process.env, GONGKAI_PERSIST_TO: E2E_PERSIST_DIR }, encoding: "utf8" });
    expect(verified.status, `${verified.stdout}\n${verified.stderr}`).toBe(0);
    expect(verified.stdout).toContain("Ledger verified");
  });

  it("journey 4, continued: the administrator amends the project's budget with a reason (confirmation first); the public page shows the history; ledger:verify passes", { timeout: 600_000 }, async () => {
    expect(journeyProject).toMatch(/^prj_/);
    await signIn(admin);
    await admin.goto(`${origin()}/admin/funds/projects/${journeyProject}`);
    await admin.getByRole("link", { name: "调整名称或预算" }).click();
    await checkBoth(admin, "amend project");
    // Below the 3,000.50 already allocated: refused on the form, in yuan.
    await admin.getByLabel("县级财政").fill("3000");
    await admin.locator("#m-reason-zh").fill("乡镇配套资金到位后调减县级预算");
    await admin.getByRole("button", { name: "继续" }).click();
    await admin.locator(".error-summary").waitFor();
    await check(admin, "amend project (errors)");
    await admin.getByLabel("县级财政").fill("9,000");
    await admin.getByRole("button", { name: "继续" }).click();
    await admin.getByRole("button", { name: "确认调整" }).waitFor();
    await expect(admin.locator("table").textContent()).resolves.toContain("9,000.00 元");
    await check(admin, "amend project (confirm)");
    await admin.getByRole("button", { name: "确认调整" }).click();
    await admin.waitForURL(/done=project_amended/);

    const page = await (await admin.context().request.get(`${origin()}/funds/projects/${journeyProject}/`)).text();
    expect(page).toContain("项目调整记录");
    expect(page).toContain("乡镇配套资金到位后调减县级预算");
    expect(page).toContain("10,000.00 元 → 9,000.00 元");
    const verified = spawnSync("npm", ["run", "--silent", "ledger:verify"], { env: { ...process.env, GONGKAI_PERSIST_TO: E2E_PERSIST_DIR }, encoding: "utf8" });
    expect(verified.status, `${verified.stdout}\n${verified.stderr}`).toBe(0);
    await admin.context().close();
  });

  it("axe finds nothing on the console pages, in both languages", () => {
    expect(axe.findings).toEqual([]);
  });
});
