/**
 * Console journey 5 (issue 15), in chromium: a village's information administrator (invited,
 * passkey in a virtual authenticator, on a 360×740 screen) posts a disability need in the
 * console; a donor finds it on the township's public board (R4: never on the village's),
 * pledges and keeps the receipt; the administrator records the delivery in the console; the
 * donor's receipt page shows it delivered and the ledger check passes in the browser. Then the
 * administrator records an accountability case for the village, and it is on /accountability/.
 * axe finds nothing on the console's processes screens, in both languages, nor on the board.
 *
 * Its own records: a Wuwei village that no other journey writes to (the e2e database is shared),
 * and the case is found by the API's own list of the village's cases, never by a fixed count.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, openPage } from "./browser";
import { axeLog, consoleOrigin as origin, invitedStaffOnPhone } from "./console-staff";
import { phoneProblems } from "./page-checks";

const COUNTY = "340225000000";
const TOWNSHIP = "340225102000";
const VILLAGE = "340225102201";
// A sum no demo case has, to find this journey's case among the village's.
const RECOVERED_FEN = 432_117;

let browser: Browser;
let clerk: Page;
let needId: string;
let receipt: string;
const axe = axeLog();

const checkBoth = (label: string) => axe.both(clerk, label);

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("console journey 5: a need from the console to a verified delivery, and a case", () => {
  it("a village's information administrator registers a passkey on a phone-sized screen", { timeout: 300_000 }, async () => {
    clerk = await invitedStaffOnPhone(browser, "安陈村信息员 王芳", "editor", VILLAGE);
  });

  it("posts a disability need in the console; it is in their list, and public under the township only", { timeout: 300_000 }, async () => {
    await clerk.goto(`${origin()}/admin/needs/`);
    await checkBoth("needs (empty form)");
    await clerk.locator("#n-village").fill(VILLAGE);
    await clerk.locator("#n-category").selectOption("disability_aid");
    await clerk.locator("#n-beneficiary").selectOption("household");
    await clerk.locator("#n-description").fill("一户需要一辆轮椅（端到端测试）");
    await clerk.locator("#n-items").fill("轮椅 1 辆");
    await clerk.locator("#n-amount").fill("1,280.50");
    await clerk.locator("#n-deadline").fill("2099-12-31");
    await clerk.getByRole("button", { name: "发布需求" }).click();
    await clerk.waitForURL(/\/admin\/needs\/ned_[0-9a-z]+\?done=need_posted$/);
    needId = /\/admin\/needs\/(ned_[0-9a-z]+)/.exec(clerk.url())![1]!;
    expect(await phoneProblems(clerk, "need (phone)")).toEqual([]);

    // The village's own clerk sees it in the list (R4 files it under the township in public).
    await clerk.goto(`${origin()}/admin/needs/`);
    await expect(clerk.locator(`tr[data-need="${needId}"]`).count()).resolves.toBe(1);
    await checkBoth("needs");

    const board = async (region: string) => {
      const res = await fetch(`${baseUrl()}/api/v1/needs?region=${region}&limit=1000`);
      return ((await res.json()) as { data: { id: string; region: { code: string } }[] }).data;
    };
    expect((await board(VILLAGE)).map((n) => n.id)).not.toContain(needId);
    expect((await board(TOWNSHIP)).find((n) => n.id === needId)?.region.code).toBe(TOWNSHIP);
  });

  it("a donor finds it on the township's board, pledges and gets a receipt shown once", { timeout: 300_000 }, async () => {
    const donor = await openPage(browser);
    await donor.goto(`/needs/?region=${TOWNSHIP}`);
    // The board with the township's figures under it (the new need counts there).
    await donor.locator("[data-needs-stats]").waitFor();
    await axe.one(donor, "needs board");
    const item = donor.locator(`[data-need="${needId}"]`);
    await expect(item.getAttribute("data-status")).resolves.toBe("open");
    await item.getByRole("link").click();
    await donor.waitForURL(`**/needs/${needId}/`);
    await donor.getByRole("button", { name: "确认认捐" }).click();
    await donor.locator("#pledge-receipt [data-receipt]").waitFor();
    receipt = (await donor.locator("#pledge-receipt [data-receipt]").textContent())!.trim();
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    await donor.context().close();
  });

  it("the administrator records the delivery in the console", { timeout: 300_000 }, async () => {
    await clerk.goto(`${origin()}/admin/needs/${needId}`);
    await checkBoth("need (pledged)");
    // The date comes filled in with today (Asia/Shanghai), the pledge's own day.
    await clerk.locator("#d-delivered").fill("轮椅 1 辆");
    await clerk.locator("#d-amount").fill("1280.50");
    await clerk.locator("#d-inkind").fill("实物〔e2e〕5号");
    await clerk.getByRole("button", { name: "记录交付" }).click();
    await clerk.waitForURL(new RegExp(`/admin/needs/${needId}\\?done=need_delivered$`));
  });

  it("the donor's receipt page shows it delivered and verifies both ledger entries in the browser", { timeout: 300_000 }, async () => {
    const donor = await openPage(browser);
    await donor.goto("/needs/pledge/");
    await donor.getByLabel("回执号").fill(receipt);
    await donor.getByRole("button", { name: "查看" }).click();
    await expect(donor.locator("[data-need-status]").getAttribute("data-need-status")).resolves.toBe("delivered");
    await donor.locator("[data-need-check][data-result]").waitFor({ timeout: 30_000 });
    await expect(donor.locator("[data-need-check]").getAttribute("data-result")).resolves.toBe("verified");
    const entries = await donor.locator("[data-verify-entries] li[data-entry-type]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-entry-type"), e.getAttribute("data-ok")]));
    expect(entries).toEqual([["need_pledge", "true"], ["need_delivery", "true"]]);
    expect(donor.url()).not.toContain(receipt);
    await donor.context().close();
  });

  it("records an accountability case for the village in the console; it is on /accountability/", { timeout: 300_000 }, async () => {
    await clerk.goto(`${origin()}/admin/cases/`);
    await clerk.locator("#k-region-code").fill(VILLAGE);
    await clerk.locator("#k-problem").selectOption("fund_misuse");
    await clerk.locator("#k-outcome").selectOption("party_government_discipline");
    await clerk.locator("#k-people-disciplined").fill("1");
    await clerk.locator("#k-recovered").fill((RECOVERED_FEN / 100).toFixed(2));
    await clerk.getByRole("button", { name: "登记案件" }).click();
    await clerk.waitForURL(/\/admin\/cases\/\?done=case_recorded$/);
    await checkBoth("cases");

    const listed = (await (await fetch(`${baseUrl()}/api/v1/accountability/cases?region=${VILLAGE}&limit=1000`)).json()) as { data: { id: string; recovered_fen: number; year: number }[] };
    const kase = listed.data.find((c) => c.recovered_fen === RECOVERED_FEN)!;
    expect(kase).toBeDefined();
    await expect(clerk.locator(`tr[data-case="${kase.id}"]`).count()).resolves.toBe(1);

    const resident = await openPage(browser);
    await resident.goto(`/accountability/?county=${COUNTY}&year=${kase.year}`);
    const item = resident.locator(`li[data-case="${kase.id}"]`);
    await expect(item.getAttribute("data-problem")).resolves.toBe("fund_misuse");
    await item.getByRole("link").click();
    await resident.waitForURL(`**/accountability/${kase.id}/`);
    await expect(resident.locator("main").textContent()).resolves.toContain("4,321.17");
    await resident.context().close();
  });

  it("axe finds nothing on the processes screens, in both languages", () => {
    expect(axe.findings).toEqual([]);
  });
});
