import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, openPage } from "./browser";
import { axeFindings, phoneProblems } from "./page-checks";

interface Donation { id: string; allocated_fen: number; unallocated_fen: number; target: { type: string } }
interface DonationDetail extends Donation {
  allocations: unknown[];
  projects: { disbursements: unknown[] }[];
  ledger: { entries: { index: number; subject_id: string; audit_path: string[] }[] };
}

let browser: Browser;
/** A demo donation allocated to a project (so disbursements are checked too). */
let donation: DonationDetail;
beforeAll(async () => {
  browser = await launchBrowser();
  const list = ((await (await fetch(`${baseUrl()}/api/v1/donations?target=project&limit=5`)).json()) as { data: Donation[] }).data;
  const withAllocations = list.find((d) => d.allocated_fen > 0) ?? list[0]!;
  donation = ((await (await fetch(`${baseUrl()}/api/v1/donations/${withAllocations.id}`)).json()) as { data: DonationDetail }).data;
});
afterAll(async () => {
  await browser?.close();
});

const entriesShown = (d: DonationDetail) => 1 + d.allocations.length + d.projects.reduce((n, p) => n + p.disbursements.length, 0);

async function track(page: Page, label: string, button: string, id: string) {
  await page.getByLabel(label).fill(id);
  await page.getByRole("button", { name: button }).click();
  await page.locator("[data-verify-result]").waitFor({ timeout: 30_000 });
}

describe("a donor tracking a donation", () => {
  it("enters the id from the receipt and sees where it went, with every ledger entry verified", async () => {
    const page = await openPage(browser);
    await page.goto("/donations/");
    await track(page, "捐赠编号", "查询", donation.id);
    await expect(page.locator("[data-verify-result]").getAttribute("data-verify-result")).resolves.toBe("verified");
    await expect(page.locator("[data-verify-result]").textContent()).resolves.toContain(`已验证：全部 ${entriesShown(donation)} 条账本记录`);
    const statuses = await page.locator(".verify-status").allTextContents();
    expect(statuses).toHaveLength(entriesShown(donation));
    expect(statuses.every((s) => s === "✓ 已验证")).toBe(true);
    await expect(page.locator(".donation-record").textContent()).resolves.toContain("未分配");
    expect(new URL(page.url()).searchParams.get("id")).toBe(donation.id);
    await page.context().close();
  });

  it("is told plainly which entry failed and which check when a proof was tampered with", async () => {
    const page = await openPage(browser);
    const tampered = donation.ledger.entries[donation.ledger.entries.length - 1]!;
    await page.route(`**/api/v1/donations/${donation.id}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { data: DonationDetail };
      const entry = body.data.ledger.entries.find((e) => e.index === tampered.index)!;
      // Flip one hex digit of the first hash of the audit path.
      const first = entry.audit_path[0]!;
      entry.audit_path[0] = `${first[0] === "0" ? "1" : "0"}${first.slice(1)}`;
      await route.fulfill({ response, json: body });
    });
    await page.goto("/en/donations/");
    await track(page, "Donation id", "Track", donation.id);
    const result = page.locator("[data-verify-result]");
    await expect(result.getAttribute("data-verify-result")).resolves.toBe("failed");
    const text = await result.textContent();
    expect(text).toContain("Check failed:");
    expect(text).toContain(`Entry #${tampered.index}`);
    expect(text).toContain(tampered.subject_id);
    expect(text).toContain("inclusion proof does not match");
    await expect(page.locator(`.verify-status[data-entry="${tampered.index}"]`).textContent()).resolves.toContain("✗");
    const ok = await page.locator(".verify-status.verify-ok").count();
    expect(ok).toBe(entriesShown(donation) - 1);
    await page.context().close();
  });

  it("gets an error summary for an id that is not a donation id, and a clear message for an unknown one", async () => {
    const page = await openPage(browser);
    await page.goto("/en/donations/");
    await page.getByLabel("Donation id").fill("12345");
    await page.getByRole("button", { name: "Track" }).click();
    await expect(page.locator(".error-summary").textContent()).resolves.toContain("starts with don_");
    await expect(page.getByLabel("Donation id").getAttribute("aria-invalid")).resolves.toBe("true");
    await page.getByLabel("Donation id").fill("don_0000000000000000");
    await page.getByRole("button", { name: "Track" }).click();
    await expect(page.locator(".error-summary").textContent()).resolves.toContain("No donation has this id");
    await page.context().close();
  });

  it("without JavaScript, reads a demo donation's page from the static list", async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto("/donations/");
    const link = page.locator("td.cell-link a").first();
    const id = (await link.textContent())!;
    await link.click();
    await page.waitForURL(`**/donations/${id}/`);
    await expect(page.locator("h1").textContent()).resolves.toContain(id);
    await expect(page.locator(".donation-check").textContent()).resolves.toContain("需要 JavaScript");
    await page.context().close();
  });
});

describe("donation pages: accessibility and phones", () => {
  it("axe finds no violations on the tracker (with a verified result) and a donation page, both languages", async () => {
    const page = await openPage(browser);
    const found: string[] = [];
    for (const [path, label, button] of [["/donations/", "捐赠编号", "查询"], ["/en/donations/", "Donation id", "Track"]] as const) {
      await page.goto(path);
      found.push(...(await axeFindings(page, path)));
      await track(page, label, button, donation.id);
      found.push(...(await axeFindings(page, `${path} result`)));
      await page.locator("td.cell-link a").first().click();
      // The page's check starts when its section comes near the screen, as a reader scrolls down.
      await page.locator("[data-donation-check]").scrollIntoViewIfNeeded();
      await page.locator("[data-verify-result]").waitFor({ timeout: 30_000 });
      found.push(...(await axeFindings(page, page.url())));
    }
    expect(found).toEqual([]);
    await page.context().close();
  });

  it("at 360 × 740 nothing scrolls sideways and every tap target is at least 44 px", async () => {
    const page = await openPage(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    await page.goto("/donations/");
    const problems = await phoneProblems(page, "/donations/");
    await track(page, "捐赠编号", "查询", donation.id);
    problems.push(...(await phoneProblems(page, "/donations/ result")));
    await page.goto(`/en/donations/?id=${donation.id}`);
    await page.locator("[data-verify-result]").waitFor({ timeout: 30_000 });
    problems.push(...(await phoneProblems(page, "/en/donations/ result")));
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe("a resident checking a notice (公示) against the ledger", () => {
  const check = (page: Page) => page.locator("[data-notice-ledger-check] [data-verify-result]");

  it("sees the fingerprint recomputed from the page and its ledger entry verified", async () => {
    const page = await openPage(browser);
    await page.goto("/notices/ntc_demo01/");
    // The check starts when its section nears the screen (lib/when-near.ts), as a reader scrolls to it.
    await page.locator("[data-notice-ledger-check]").scrollIntoViewIfNeeded();
    await check(page).waitFor({ timeout: 30_000 });
    await expect(check(page).getAttribute("data-verify-result")).resolves.toBe("verified");
    await expect(check(page).textContent()).resolves.toContain("本页公示内容的指纹与账本中签名的记录一致");
    await page.context().close();
  });

  it("is told the notice was changed when what the page reads differs from what was published", async () => {
    const page = await openPage(browser);
    await page.route("**/api/v1/notices/ntc_demo01", async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { data: { items: { household_size: number }[] } };
      body.data.items[0]!.household_size += 1;
      await route.fulfill({ response, json: body });
    });
    await page.goto("/en/notices/ntc_demo01/");
    await page.locator("[data-notice-ledger-check]").scrollIntoViewIfNeeded();
    await check(page).waitFor({ timeout: 30_000 });
    await expect(check(page).getAttribute("data-verify-result")).resolves.toBe("failed");
    await expect(check(page).textContent()).resolves.toContain("the notice was changed after it was published");
    await page.context().close();
  });
});
