/**
 * Issue 12's screens, walked again on a 360×740 touch screen in zh-CN (and each in English for
 * axe): a county administrator (invited, passkey in a virtual authenticator) opens every
 * console screen — 待办, 公示 (list, new draft), 举报 (queue, a report), 登记导入, 资金 (overview,
 * the paged project and donation lists, a project, its amendment form with the sources it may
 * add, a new donation, official figures), 需求, 问责案例, 联系人, 操作记录, 人员 — and each must
 * load, scroll only vertically, keep 44 px tap targets and give axe nothing, in both languages.
 * Then the rules a phone makes easy to break: a refused Access e-mail's summary link moves the
 * focus to that account's field (GOV.UK pattern), and a sign-out and a passkey sign-in are on
 * 操作记录 under the administrator's name.
 *
 * It reads the demo data of Nanling county and writes nothing the other journeys count: two
 * staff accounts (the administrator, and a township account to refuse an e-mail for) and their
 * audit rows; the e2e database is shared by the browser test files.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";
import { axeBothLanguages, consoleOrigin as origin, invitedStaffOnPhone } from "./console-staff";
import { axeFindings, phoneProblems } from "./page-checks";

const COUNTY = "340223000000";
const TOWNSHIP = "340223101000";

let browser: Browser;
let admin: Page;
const problems: string[] = [];
const walked: string[] = [];

/** Opens a console path, then checks the phone layout and axe (both languages). */
async function walk(label: string, path: string) {
  const response = await admin.goto(`${origin()}${path}`);
  expect(response?.status(), `${label} ${path}`).toBe(200);
  problems.push(...(await phoneProblems(admin, label)));
  problems.push(...(await axeBothLanguages(admin, label)));
  walked.push(`${label} ${path}`);
}

/** The first link on the page whose href matches, as a path. */
async function firstLink(pattern: RegExp): Promise<string | undefined> {
  const hrefs = await admin.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.find((h) => pattern.test(h));
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("issue 12's screens on a phone, zh-CN first", () => {
  it("a county administrator signs in with a passkey on a 360×740 screen", { timeout: 300_000 }, async () => {
    admin = await invitedStaffOnPhone(browser, "南陵县扶贫办 周敏", "admin", COUNTY);
  });

  it("every screen loads, scrolls only vertically, keeps 44 px tap targets and gives axe nothing, in both languages", { timeout: 900_000 }, async () => {
    await walk("待办", "/admin/");
    await walk("公示", "/admin/notices/");
    const notice = await firstLink(/^\/admin\/notices\/ntc_[0-9a-z]+$/);
    expect(notice, "a notice in the county").toBeDefined();
    await walk("新建公示", "/admin/notices/new");
    await walk("公示详情", notice!);
    await walk("举报", "/admin/reports/");
    const report = await firstLink(/^\/admin\/reports\/[a-z]+_[0-9a-z]+$/);
    expect(report, "a report in the county").toBeDefined();
    await walk("举报详情", report!);
    await walk("登记导入", "/admin/imports/");
    await walk("资金", "/admin/funds/");
    const project = await firstLink(/^\/admin\/funds\/projects\/prj_[0-9a-z]+$/);
    await walk("项目列表", "/admin/funds/projects/");
    await walk("捐赠列表", "/admin/funds/donations/");
    expect(project, "a project in the county").toBeDefined();
    await walk("项目", project!);
    await walk("调整项目", `${project!}/amend`);
    await walk("登记捐赠", "/admin/funds/donations/new");
    await walk("公告数据", "/admin/funds/figures/new");
    await walk("需求", "/admin/needs/");
    await walk("问责案例", "/admin/cases/");
    await walk("联系人", "/admin/contacts/");
    await walk("操作记录", "/admin/audit/");
    await walk("人员", "/admin/staff/");
    expect(problems, walked.join("\n")).toEqual([]);
  });

  it("a refused Access e-mail: the summary's link moves the focus to that account's field", { timeout: 300_000 }, async () => {
    // An account in the county to act on.
    await admin.goto(`${origin()}/admin/staff/`);
    await admin.locator("#f-name").fill("走查测试 村干部");
    await admin.locator("#f-region").fill(TOWNSHIP);
    await admin.getByRole("button", { name: "创建邀请" }).click();
    await admin.waitForURL(/\/admin\/staff\/\?done=invited%3Astf_/);
    const staffId = /invited%3A(stf_[0-9A-Z]+)/.exec(admin.url())![1]!;
    await admin.locator(`#access-${staffId}`).fill("不是邮箱");
    await admin.locator(`#access-${staffId}`).locator("xpath=ancestor::form").getByRole("button").click();
    const summary = admin.locator(".error-summary");
    await summary.waitFor();
    await summary.locator(`a[href="#access-${staffId}"]`).click();
    expect(await admin.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe(`access-${staffId}`);
    expect(await admin.locator(`#access-${staffId}`).inputValue()).toBe("不是邮箱");
    expect(await admin.locator(`#access-${staffId}-error`).isVisible()).toBe(true);
    const found = [...(await phoneProblems(admin, "人员 (refused e-mail)")), ...(await axeFindings(admin, "人员 (refused e-mail)"))];
    expect(found).toEqual([]);
  });

  it("signing out and in again is on 操作记录 under the administrator's name", { timeout: 300_000 }, async () => {
    await admin.goto(`${origin()}/admin/`);
    await admin.getByRole("button", { name: "退出登录" }).click();
    await admin.waitForURL(/\/admin\/sign-in\?signed_out=1$/);
    await admin.locator("#passkey-sign-in[data-ready]").waitFor({ state: "attached" });
    await admin.getByRole("button", { name: "用通行密钥登录" }).click();
    await admin.waitForURL(/\/admin\/$/);
    await admin.goto(`${origin()}/admin/staff/`);
    expect(await firstLink(/^\/admin\/audit\/\?actor=stf_/), "each account links to its audit entries").toBeDefined();
    await admin.goto(`${origin()}/admin/audit/?action=session.sign_out`);
    await admin.getByText("退出登录").first().waitFor();
    await admin.goto(`${origin()}/admin/audit/?action=passkey.sign_in`);
    await admin.getByText("南陵县扶贫办 周敏").first().waitFor();
    expect(await phoneProblems(admin, "操作记录 (sign-ins)")).toEqual([]);
  });
});
