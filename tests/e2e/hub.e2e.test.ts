/**
 * Issue 14 (site part) and issue 15 §4 in a real browser: a resident on a 360 px phone
 * searches `nl` and reaches Nanling; the village page is their hub (projects, who answers for
 * the village, 12317); the printed notice board's QR code decodes, from the rendered pixels,
 * to the village's page; a journalist downloads a group-by as CSV; axe finds nothing on the
 * new pages in either language.
 */
import jsQR from "jsqr";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, DEMO, launchBrowser, openPage } from "./browser";
import { axeFindings, phoneProblems } from "./page-checks";

const XINGZHONG = "340223101204";
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The QR code inside `selector` as the browser painted it, read back with jsQR. */
async function decodeRendered(page: Page, selector: string): Promise<string | null> {
  const png = await page.locator(selector).screenshot();
  // Decode the PNG in the page (a canvas), then hand the RGBA pixels to jsQR here.
  const { width, height, data } = await page.evaluate(async (b64) => {
    const g = globalThis as unknown as { Image: new () => { src: string; decode(): Promise<void>; naturalWidth: number; naturalHeight: number }; OffscreenCanvas: new (w: number, h: number) => { getContext(k: "2d"): { drawImage(i: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } } };
    const img = new g.Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = new g.OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(img, 0, 0);
    return { width: img.naturalWidth, height: img.naturalHeight, data: Array.from(ctx.getImageData(0, 0, img.naturalWidth, img.naturalHeight).data) };
  }, png.toString("base64"));
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data ?? null;
}

describe("a resident on a 360 px phone", () => {
  it("types nl into the header's search and reaches Nanling", async () => {
    const page = await openPage(browser, PHONE);
    await page.goto("/");
    await page.getByRole("searchbox", { name: "搜索全站" }).fill("nl");
    await page.getByRole("button", { name: "搜索", exact: true }).first().click();
    await page.waitForURL("**/search/?q=nl");
    expect(await phoneProblems(page, "/search/?q=nl")).toEqual([]);
    await page.locator("#group-region + .hit-list").getByRole("link", { name: "南陵县", exact: true }).first().click();
    await page.waitForURL("**/regions/340223000000/");
    await expect(page.locator("h1").textContent()).resolves.toBe("南陵县");
    await page.context().close();
  });

  it("searches without JavaScript too, and pages on with “more results”", async () => {
    const page = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto("/search/");
    await page.getByLabel("搜索内容").fill("村");
    await page.getByLabel("类型").selectOption("village");
    await page.locator("form.search-page").getByRole("button", { name: "搜索" }).click();
    await page.waitForURL(/\/search\/\?q=/);
    const hrefs = () => page.locator(".hit-link").evaluateAll((links) => links.map((a) => (a as unknown as { getAttribute(n: string): string }).getAttribute("href")));
    const first = await hrefs();
    expect(first.length).toBe(20);
    await page.getByRole("link", { name: "更多结果" }).click();
    await page.waitForURL(/cursor=/);
    const second = await hrefs();
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((href) => first.includes(href))).toEqual([]);
    await page.context().close();
  });

  it("opens their village page and sees its projects, who answers for the village, and 12317", async () => {
    const projects = ((await (await fetch(`${baseUrl()}/api/v1/funds/projects?region=${XINGZHONG}`)).json()) as { data: { id: string }[] }).data;
    expect(projects.length).toBe(2);
    const page = await openPage(browser, PHONE);
    await page.goto(`/regions/${XINGZHONG}/`);
    for (const p of projects) await expect(page.locator(`[data-project="${p.id}"]`).count()).resolves.toBe(1);
    const secretary = page.locator('.contact[data-role="first_secretary"]');
    await expect(secretary.locator(".contact-phone").textContent()).resolves.toMatch(/^0553-\d{7}$/);
    await expect(page.locator('.contact[data-role="township_office"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator(".hotline-number").textContent()).resolves.toBe("12317");
    await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")).resolves.toBe(`/api/v1/notices.atom?region=${XINGZHONG}`);
    expect(await phoneProblems(page, `/regions/${XINGZHONG}/`)).toEqual([]);
    await page.context().close();
  });
});

describe("a clerk printing the village notice board", () => {
  it("prints A4 without the site's chrome, and the QR code on paper decodes to the village page", async () => {
    const page = await openPage(browser);
    await page.goto(`/regions/${DEMO.village}/print/`);
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header").count()).resolves.toBe(0);
    await expect(page.locator(".screen-only").isVisible()).resolves.toBe(false);
    await expect(page.locator('[data-notice="ntc_demo01"]').count()).resolves.toBe(1);
    expect(await decodeRendered(page, "[data-board-qr] svg")).toBe(`${baseUrl()}/regions/${DEMO.village}/`);
    expect(await decodeRendered(page, '[data-notice="ntc_demo01"] .qr-box svg')).toBe(`${baseUrl()}/notices/ntc_demo01/`);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    // A4 (595 × 842 pt) from the stylesheet's @page.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString("latin1"));
    expect(box && [Math.round(Number(box[1])), Math.round(Number(box[2]))]).toEqual([595, 842]);
    await page.context().close();
  });
});

describe("a journalist", () => {
  it("downloads villages grouped by county and exit year as CSV, which adds up to every village", async () => {
    const page = await openPage(browser, { acceptDownloads: true });
    await page.goto("/data/");
    const res = await page.request.get("/api/v1/villages?group_by=county,exit_year&format=csv");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    const lines = (await res.text()).trimEnd().split("\r\n");
    const header = lines[0]!.split(",");
    expect(header).toContain("county");
    expect(header).toContain("exit_year");
    const count = header.indexOf("villages");
    const total = lines.slice(1).reduce((sum, line) => sum + Number(line.split(",")[count]), 0);
    const byStatus = (await (await page.request.get("/api/v1/villages?group_by=status")).json()) as { data: { villages: number }[] };
    expect(total).toBe(byStatus.data.reduce((sum, g) => sum + g.villages, 0));
    expect(total).toBeGreaterThan(300);
    await page.context().close();
  });
});

describe("accessibility of the new pages", () => {
  const paths = ["/search/", "/search/?q=nl", "/search/?q=", `/regions/${XINGZHONG}/`, `/regions/${DEMO.village}/print/`];
  for (const path of [...paths, ...paths.map((p) => `/en${p}`)]) {
    it(`axe finds no violations on ${path}`, async () => {
      const page = await openPage(browser);
      await page.goto(path);
      expect(await axeFindings(page, path)).toEqual([]);
      await page.context().close();
    });
  }
});
