/**
 * Console journey 3, in chromium on a 360×740 screen: a county editor (invited, passkey in a
 * virtual authenticator) uploads a register file with a bad row, sees the problem by line and
 * column (the check runs in the background through the import queue, the page refreshes
 * itself), fixes the file, uploads it again, sees the dry run's counts, confirms, and the
 * public register figures change at once. axe finds nothing on the import pages, in both
 * languages, the error state included.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser } from "./browser";
import { axeLog, consoleOrigin as origin, invitedStaffOnPhone } from "./console-staff";
import { phoneProblems } from "./page-checks";

const COUNTY = "340223000000";
const YEAR = "2019";
const GOOD = readFileSync("docs/samples/households-sample.csv", "utf8");
// Line 3 names a cause the register does not have.
const BAD = GOOD.replace("lack_of_labour", "bad_luck");

let browser: Browser;
let page: Page;
const axe = axeLog();

const checkBoth = (label: string) => axe.both(page, label);

async function registerFigures(): Promise<number> {
  const res = await fetch(`${baseUrl()}/api/v1/statistics/register?region=${COUNTY}&year=${YEAR}`);
  return ((await res.json()) as { data: unknown[] }).data.length;
}

async function uploadFile(csv: string): Promise<void> {
  await page.goto(`${origin()}/admin/imports/`);
  await page.getByLabel("登记年度").fill(YEAR);
  await page.getByLabel("县级代码").fill(COUNTY);
  await page.getByLabel("登记文件（CSV）").setInputFiles({ name: "南陵县2019.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await page.waitForURL(/\/admin\/imports\/imp_[0-9a-f]{24}$/);
}

/** Waits while the page refreshes itself, until the background check has an answer. */
async function checkedAs(status: string): Promise<void> {
  await page.locator(`#import-status[data-status="${status}"]`).waitFor({ timeout: 90_000 });
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("console journey 3: import with a bad row, fix, import", () => {
  it("a county editor registers a passkey on a phone-sized screen", { timeout: 300_000 }, async () => {
    page = await invitedStaffOnPhone(browser, "南陵县扶贫办 周敏", "editor", COUNTY);
  });

  it("uploads a file with a bad row and sees the problem by line and column; nothing public changes", { timeout: 300_000 }, async () => {
    expect(await registerFigures()).toBe(0);
    await page.goto(`${origin()}/admin/imports/`);
    await checkBoth("imports");
    await uploadFile(BAD);
    await checkedAs("invalid");
    const row = page.locator("#import-problems tbody tr");
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator("td").allTextContents()).resolves.toEqual(["3", "cause", "unknown cause (see the list of 12 causes in the docs)"]);
    expect(await phoneProblems(page, "import problems (phone)")).toEqual([]);
    await checkBoth("import with problems");
    expect(await registerFigures()).toBe(0);
  });

  it("fixes the file, uploads it again, reads the dry run, confirms: the figures are public at once", { timeout: 300_000 }, async () => {
    await uploadFile(GOOD);
    await checkedAs("checked");
    const summary = await page.locator("#import-summary").textContent();
    expect(summary).toContain("6");
    expect(summary).toContain("21");
    await checkBoth("import checked");
    expect(await registerFigures()).toBe(0);
    await page.getByRole("button", { name: "确认发布" }).click();
    await page.waitForURL(/\/admin\/imports\/imp_[0-9a-f]{24}\?done=import_published$/);
    await checkedAs("published");
    expect(await registerFigures()).toBe(1);
    // Past releases list it; the list of imports has both.
    await page.goto(`${origin()}/admin/imports/`);
    await expect(page.locator("#releases-caption + thead + tbody tr").count()).resolves.toBeGreaterThan(0);
    await checkBoth("imports with past releases");
    // The to-do screen shows the last import's status.
    await page.goto(`${origin()}/admin/`);
    await expect(page.locator("#last-import + p").textContent()).resolves.toContain("已发布");
  });

  it("axe finds nothing on the import pages, in both languages", () => {
    expect(axe.findings).toEqual([]);
  });
});
