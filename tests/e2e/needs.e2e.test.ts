import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, launchBrowser, openPage, postAsAdmin as admin } from "./browser";

let browser: Browser;

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
let needId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // The village's information administrator posts a need (the e2e token is Wuhu's editor).
  const posted = await admin("/api/v1/admin/needs", {
    village_code: DEMO.village,
    category: "schooling",
    beneficiary: "household",
    description: "两名在读学生需要冬季校服（端到端测试）",
    items: "冬季校服 2 套",
    amount_fen: 40_000,
    deadline: "2099-12-31",
  });
  needId = posted.data.id;
});
afterAll(async () => {
  await browser?.close();
});

describe("a donor and a need", () => {
  it("finds an open need from the village page, pledges, gets a receipt; after the delivery verifies both ledger entries in the browser", async () => {
    const page = await openPage(browser);
    // From the village's own page, by its link to the village's needs board.
    await page.goto(`/regions/${DEMO.village}/`);
    await page.getByRole("link", { name: "这里的帮扶需求" }).click();
    await page.waitForURL(`**/needs/?region=${DEMO.village}`);
    const item = page.locator(`[data-need="${needId}"]`);
    await expect(item.getAttribute("data-status")).resolves.toBe("open");
    await item.getByRole("link").click();
    await page.waitForURL(`**/needs/${needId}/`);
    await page.getByRole("button", { name: "确认认捐" }).click();
    await page.locator("#pledge-receipt [data-receipt]").waitFor();
    const receipt = (await page.locator("#pledge-receipt [data-receipt]").textContent())!.trim();
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    // Shown once: a reload no longer shows it, and the need is pledged.
    await page.reload();
    expect(await page.locator("#pledge-receipt").count()).toBe(0);
    await expect(page.locator("[data-need-status]").getAttribute("data-need-status")).resolves.toBe("pledged");

    // The administrator records the delivery (admin API).
    await admin(`/api/v1/admin/needs/${needId}/delivery`, { date: today(), delivered: "冬季校服 2 套", amount_fen: 40_000, in_kind_record: "实物〔e2e〕1号" });

    await page.goto("/needs/pledge/");
    await page.getByLabel("回执号").fill(receipt);
    await page.getByRole("button", { name: "查看" }).click();
    const check = page.locator("[data-need-check]");
    await check.waitFor();
    await page.locator("[data-need-check][data-result]").waitFor({ timeout: 30_000 });
    await expect(check.getAttribute("data-result")).resolves.toBe("verified");
    const entries = await page.locator("[data-verify-entries] li[data-entry-type]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-entry-type"), e.getAttribute("data-ok")]));
    expect(entries).toEqual([["need_pledge", "true"], ["need_delivery", "true"]]);
    expect(page.url()).not.toContain(receipt);
    await page.context().close();
  });
});
