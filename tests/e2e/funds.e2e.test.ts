import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, openPage } from "./browser";
import type { PageElement } from "./dom";
import { axeFindings, phoneProblems } from "./page-checks";

const WUHU = "340200000000";

interface Rate { rate: string; numerator: number; denominator: number; value_pct: number | null; unit: string }
interface Project { id: string; name_zh: string; name_en: string; year: number }

let browser: Browser;
let project: Project;
beforeAll(async () => {
  browser = await launchBrowser();
  const res = await fetch(`${baseUrl()}/api/v1/funds/projects?region=${WUHU}&limit=1`);
  project = ((await res.json()) as { data: Project[] }).data[0]!;
});
afterAll(async () => {
  await browser?.close();
});

const yuanEn = (fen: number) => `¥${new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100)}`;

describe("a journalist on the funds page", () => {
  it("sees the four rates with the API's numerators and denominators, as yuan and project counts", async () => {
    const page = await openPage(browser);
    await page.goto(`/en/funds/${WUHU}/2017/`);
    const api = ((await (await page.request.get(`/api/v1/funds/summary?region=${WUHU}&year=2017`)).json()) as { data: Rate[] }).data;
    expect(api.map((r) => r.rate)).toEqual(["disbursement", "reimbursement", "filing", "completion"]);
    for (const r of api) {
      const figure = page.locator(`#rates-table [data-rate="${r.rate}"]`);
      const numerator = await figure.locator(".rate-numerator").textContent();
      const denominator = await figure.locator(".rate-denominator").textContent();
      if (r.unit === "fen") {
        expect(numerator).toBe(yuanEn(r.numerator));
        expect(denominator).toBe(yuanEn(r.denominator));
      } else {
        expect(numerator).toBe(`${r.numerator} projects`);
        expect(denominator).toBe(`${r.denominator} projects`);
      }
      expect(await figure.locator(".figure-value").textContent()).toBe(r.value_pct === null ? "—" : `${r.value_pct.toFixed(2)}%`);
    }
    // The table behind the figures carries the formula too.
    await expect(page.locator("#rates-table-caption + thead + tbody tr").count()).resolves.toBe(4);
    await expect(page.locator("table").first().textContent()).resolves.toContain("funds disbursed / funds allocated × 100");
    await page.context().close();
  });

  it("shows the four rates in Chinese with yuan written as 元", async () => {
    const page = await openPage(browser);
    await page.goto("/funds/");
    const disbursement = page.locator('#rates-table [data-rate="disbursement"]');
    await expect(disbursement.locator(".figure-label").textContent()).resolves.toBe("拨付率");
    await expect(disbursement.locator(".rate-numerator").textContent()).resolves.toMatch(/^[\d,]+\.\d{2} 元$/);
    await page.context().close();
  });

  it("the flow chart's table lists every flow the API gives, and the data links answer", async () => {
    const page = await openPage(browser);
    await page.goto(`/en/funds/${WUHU}/`);
    const flows = ((await (await page.request.get(`/api/v1/funds/flows?region=${WUHU}&limit=1000`)).json()) as { data: unknown[] }).data;
    await expect(page.locator("#flow-table-caption ~ tbody tr").count()).resolves.toBe(flows.length);
    await expect(page.locator("figure.flow-chart svg path.band").count()).resolves.toBeGreaterThan(0);
    const links = await page.locator(".data-links a").evaluateAll((as) => as.map((a) => (a as unknown as PageElement).getAttribute("href")!));
    expect(links).toContain(`/api/v1/funds/summary?region=${WUHU}&format=csv`);
    for (const href of links) expect((await page.request.get(href)).status(), href).toBe(200);
    await page.context().close();
  });

  it("opens a project from the list and sees its budget by source, disbursements and donations", async () => {
    const page = await openPage(browser);
    await page.goto(`/en/funds/${WUHU}/`);
    await page.getByRole("link", { name: project.name_en, exact: true }).click();
    await page.waitForURL(`**/en/funds/projects/${project.id}/`);
    await expect(page.locator("h1").textContent()).resolves.toBe(project.name_en);
    const detail = ((await (await page.request.get(`/api/v1/funds/projects/${project.id}`)).json()) as { data: { budget_fen: number; disbursements: unknown[] } }).data;
    await expect(page.locator("#budget-caption ~ tfoot").textContent()).resolves.toContain(yuanEn(detail.budget_fen));
    if (detail.disbursements.length > 0) await expect(page.locator("#disbursements-caption ~ tbody tr").count()).resolves.toBe(detail.disbursements.length);
    await page.context().close();
  });
});

describe("funds pages: accessibility and phones", () => {
  const paths = () => ["/funds/", "/en/funds/", `/funds/${WUHU}/2018/`, `/funds/projects/${project.id}/`, `/en/funds/projects/${project.id}/`, "/"];

  it("axe finds no violations on the funds and project pages in both languages", async () => {
    const page = await openPage(browser);
    const found: string[] = [];
    for (const path of paths()) {
      expect((await page.goto(path))?.status(), path).toBe(200);
      found.push(...(await axeFindings(page, path)));
    }
    expect(found).toEqual([]);
    await page.context().close();
  });

  it("at 360 × 740 nothing scrolls sideways and every tap target is at least 44 px", async () => {
    const page = await openPage(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
    const problems: string[] = [];
    for (const path of paths()) {
      await page.goto(path);
      problems.push(...(await phoneProblems(page, path)));
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
