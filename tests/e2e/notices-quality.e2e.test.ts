import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage } from "./browser";
import { axeViolations, DEMO_REPORT_RECEIPT, horizontalOverflow, NOTICE, noticePageTypes, smallTargets } from "./notices-pages";

const SCREENSHOT_DIR = "tests/e2e/screenshots";

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("accessibility (axe-core) of the notices and reports pages, both languages", () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(browser);
  });
  afterAll(async () => {
    await page.context().close();
  });

  it("finds no violations on the notice list, notice pages, report form and status page", async () => {
    const found: string[] = [];
    for (const path of noticePageTypes()) {
      // networkidle: after the live-status island has rewritten the page.
      const response = await page.goto(path, { waitUntil: "networkidle" });
      expect(response?.status(), path).toBe(200);
      for (const v of await axeViolations(page)) found.push(`${path}: ${v}`);
    }
    expect(found).toEqual([]);
  });

  it("finds no violations in the error summaries, the receipt and the status result", async () => {
    await page.goto(`/notices/${NOTICE.open}/`);
    await page.getByRole("button", { name: "提交异议" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await axeViolations(page), "objection errors").toEqual([]);

    await page.goto("/en/reports/");
    await page.getByRole("button", { name: "Send report" }).click();
    await page.locator(".error-summary").waitFor();
    expect(await axeViolations(page), "report errors").toEqual([]);
    // A county is listed once the place list is narrowed to its city (?in=).
    await page.goto("/en/reports/?in=430800000000");
    expect(await axeViolations(page), "report place narrowed").toEqual([]);
    await page.getByLabel("Something else").check();
    await page.getByLabel("Where").selectOption("430821000000");
    await page.getByLabel("What happened").fill("The notice board in the village has not been updated for a year. (e2e)");
    await page.getByRole("button", { name: "Send report" }).click();
    await page.locator("#report-receipt").waitFor({ state: "visible" });
    expect(await axeViolations(page), "report receipt").toEqual([]);

    await page.goto("/reports/status/");
    await page.getByLabel("回执号").fill(DEMO_REPORT_RECEIPT);
    await page.getByRole("button", { name: "查询" }).click();
    await page.locator(".timeline li").first().waitFor();
    expect(await axeViolations(page), "status result").toEqual([]);
  });
});

describe("the notices and reports pages on a 360 × 740 phone", () => {
  let page: Page;
  beforeAll(async () => {
    page = await openPage(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  });
  afterAll(async () => {
    await page.context().close();
  });

  it("no page scrolls sideways and every tap target is at least 44 px", async () => {
    const problems: string[] = [];
    for (const path of noticePageTypes()) {
      await page.goto(path, { waitUntil: "networkidle" });
      const name = path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "");
      await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`${path}: ${overflow} px of horizontal scroll`);
      for (const target of await smallTargets(page)) problems.push(`${path}: ${target}`);
    }
    expect(problems).toEqual([]);
  });

  it("the error summary, the receipt and the status result fit and are tappable too", async () => {
    const problems: string[] = [];
    const check = async (what: string) => {
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`${what}: ${overflow} px of horizontal scroll`);
      for (const target of await smallTargets(page)) problems.push(`${what}: ${target}`);
    };
    await page.goto("/reports/");
    await page.getByRole("button", { name: "提交", exact: true }).click();
    await page.locator(".error-summary").waitFor();
    await check("report errors");
    // A county is listed once the place list is narrowed to its city (?in=).
    await page.goto("/reports/?in=611000000000");
    await page.getByLabel("其他问题").check();
    await page.getByLabel("发生地点").selectOption("611002000000");
    await page.getByLabel("具体情况").fill("村里的公示栏内容很久没有更新了。（端到端测试）");
    await page.getByRole("button", { name: "提交", exact: true }).click();
    await page.locator("#report-receipt").waitFor({ state: "visible" });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report_receipt.png`, fullPage: true });
    await check("report receipt");
    await page.goto("/en/reports/status/");
    await page.getByLabel("Receipt").fill(DEMO_REPORT_RECEIPT);
    await page.getByRole("button", { name: "Look up" }).click();
    await page.locator(".timeline li").first().waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report_status.png`, fullPage: true });
    await check("status result");
    expect(problems).toEqual([]);
  });
});
