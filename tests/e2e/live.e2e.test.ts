/**
 * The live portal: what an administrator publishes through the admin API is on the site at
 * once, with no rebuild — a notice (its page, the list, its village's page, objections with
 * and without JavaScript), a donation's page, a village's changed status — and unknown ids
 * get a real 404 page in the right language.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, openPage, pageTrouble, postAsAdmin as admin, villageSearchReady } from "./browser";
import { RECEIPT_PATTERN } from "./notices-pages";

const VILLAGE = "340223101202";
let browser: Browser;

let noticeId: string;
const title = `${VILLAGE.slice(-3)} 村拟识别贫困户名单公示（端到端 ${Date.now()}）`;

beforeAll(async () => {
  browser = await launchBrowser();
  const draft = await admin("/api/v1/admin/notices", {
    type: "household_identification",
    region: VILLAGE,
    title_zh: title,
    body_zh: "经村民代表大会评议，现将拟识别贫困户名单公示如下。",
    issuer: "端到端测试村民委员会",
    items: [
      { masked_name: "王*", village_group: "2组", household_size: 3 },
      { masked_name: "赵**", village_group: "4组", household_size: 5 },
    ],
  });
  noticeId = draft.data.id;
  await admin(`/api/v1/admin/notices/${noticeId}/open`, {});
});
afterAll(async () => {
  await browser?.close();
});

describe("a notice published through the admin API, without rebuilding anything", () => {
  it("has its page, is on /notices/ and on its village's page", async () => {
    const page = await openPage(browser);
    const res = await page.goto(`/notices/${noticeId}/`);
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toBe(title);
    await expect(page.locator("#items-caption ~ tbody tr").count()).resolves.toBe(2);

    await page.goto("/notices/");
    await expect(page.locator(`[data-id="${noticeId}"]`).count()).resolves.toBeGreaterThan(0);

    await page.goto(`/regions/${VILLAGE}/`);
    await page.locator(`a[href="/notices/${noticeId}/"]`).first().click();
    await page.waitForURL(`**/notices/${noticeId}/`);
    await page.context().close();
  });

  it("takes an objection with JavaScript: the receipt is shown once", async () => {
    const page = await openPage(browser);
    await page.goto(`/notices/${noticeId}/`);
    await page.getByLabel("异议内容").fill("第 1 号户的家庭情况与名单不符。（端到端测试，有脚本）");
    await page.getByRole("button", { name: "提交异议" }).click();
    await page.locator("#objection-receipt").waitFor({ state: "visible" });
    await expect(page.locator("#objection-receipt [data-receipt-value]").textContent()).resolves.toMatch(RECEIPT_PATTERN);
    // The island sent it: the page did not navigate.
    expect(page.url()).toMatch(new RegExp(`/notices/${noticeId}/$`));
    await page.context().close();
  });

  it("takes an objection with JavaScript off: errors in place first, then the receipt once, never in the address", async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`/en/notices/${noticeId}/`);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Send objection" }).click()]);
    await page.locator(".error-summary").waitFor();
    await expect(page.locator("#objection-text-error").isVisible()).resolves.toBe(true);
    await expect(page.locator("#objection-text").getAttribute("aria-invalid")).resolves.toBe("true");

    await page.getByLabel("Your objection").fill("Household 2 does not meet the criteria. (end-to-end test, no script)");
    await page.getByRole("button", { name: "Send objection" }).click();
    await page.waitForURL(`**/en/notices/${noticeId}/#objection-receipt`);
    const receipt = (await page.locator("#objection-receipt [data-receipt-value]").textContent())!;
    expect(receipt).toMatch(RECEIPT_PATTERN);
    expect(page.url()).not.toContain(receipt);
    await expect(page.locator("#objection-form").count()).resolves.toBe(0);
    // Shown once: the same address again shows the form, not the receipt.
    await page.reload();
    await expect(page.locator("#objection-receipt").isVisible()).resolves.toBe(false);
    await expect(page.locator("#objection-form").isVisible()).resolves.toBe(true);
    const status = await fetch(`${baseUrl()}/api/v1/objections/${receipt}`);
    expect(status.status).toBe(200);
    await page.context().close();
  });
});

describe("other records, live", () => {
  it("a donation recorded through the admin API has its page at once", async () => {
    const donation = await admin("/api/v1/admin/donations", { date: "2026-11-30", amount_fen: 123_456, channel: "online", target: { type: "region", region_code: "340223000000" } });
    const id = donation.data.id as string;
    const page = await openPage(browser, { javaScriptEnabled: false });
    const res = await page.goto(`/donations/${id}/`);
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1").textContent()).resolves.toContain(id);
    await page.context().close();
  });

  it("a village's changed status shows on its page at once", async () => {
    const page = await openPage(browser);
    await page.goto(`/en/regions/${VILLAGE}/`);
    const before = (await page.locator("#exit-status ~ p .badge").textContent())!.trim();
    const next = before === "Exited" ? { status: "poor", designated_year: 2014, exit_year: null } : { status: "exited", designated_year: 2014, exit_year: 2019 };
    await admin(`/api/v1/admin/villages/${VILLAGE}/status`, next);
    await page.reload();
    const after = (await page.locator("#exit-status ~ p .badge").textContent())!.trim();
    expect(after).not.toBe(before);
    expect(after).toBe(next.status === "exited" ? "Exited" : "Poor village (not yet exited)");
    await page.context().close();
  });

  it("unknown and malformed ids get the 404 page in the address's language, with the ways to search", async () => {
    const page = await openPage(browser);
    for (const [path, lang, heading] of [
      ["/notices/ntc_nosuchnotice/", "zh-CN", "找不到这个页面"],
      ["/en/regions/340223999999/", "en", "Page not found"],
      ["/en/donations/not-an-id/", "en", "Page not found"],
      ["/funds/projects/prj_0000000000000000/", "zh-CN", "找不到这个页面"],
    ] as const) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.locator("html").getAttribute("lang")).resolves.toBe(lang);
      await expect(page.locator("h1").textContent()).resolves.toBe(heading);
      await expect(page.locator(`a[href$="/regions/villages/"]`).count()).resolves.toBe(1);
    }
    await page.context().close();
  });

  it("a page the browser revalidates (304) keeps its styles and islands", async () => {
    // A reload revalidates the kept page with If-None-Match; the 304's headers replace the
    // kept copy's (RFC 9111 §4.3.4), so a 304 with another CSP would block the page's own
    // assets from then on (issue 10's fault: islands never started late in full runs).
    const page = await openPage(browser);
    await page.goto("/");
    await villageSearchReady(page);
    // A reload asks again with the kept copy's ETag.
    const reloaded = await page.reload();
    expect((await reloaded!.request().allHeaders())["if-none-match"]).toMatch(/^W\//);
    await villageSearchReady(page);
    // The stylesheet loaded and applies (a blocked one leaves no sheet with rules).
    type Sheets = { document: { styleSheets: ArrayLike<{ cssRules: { length: number } }> } };
    expect(await page.evaluate(() => Array.from((globalThis as unknown as Sheets).document.styleSheets).some((s) => s.cssRules.length > 0))).toBe(true);
    // A request the reload cut short (ERR_ABORTED, e.g. the first load's favicon) is not a
    // fault; a CSP block shows as ERR_BLOCKED_BY_CSP or a console message.
    expect(pageTrouble(page).filter((t) => /Content Security Policy/.test(t) || (/failed /.test(t) && !/ERR_ABORTED/.test(t)))).toEqual([]);
    await page.context().close();
  });
});
