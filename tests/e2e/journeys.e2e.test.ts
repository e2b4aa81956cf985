import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PageElement } from "./dom";
import { DEMO, demoVillage, launchBrowser, openPage, villageSearchReady } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("a journalist on the open-data page", () => {
  it("finds the village exits dataset and downloads the Excel CSV with its Chinese text intact", async () => {
    const page = await openPage(browser, { acceptDownloads: true });
    await page.goto("/data/");
    const dataset = page.locator("#dataset-villages");
    await expect(dataset.locator("h3").textContent()).resolves.toContain("贫困村出列情况");

    const [download] = await Promise.all([page.waitForEvent("download"), dataset.getByRole("link", { name: "CSV（Excel 用，带 BOM）" }).click()]);
    const bytes = await readDownload(await download.createReadStream());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // fatal: any byte sequence that is not valid UTF-8 throws.
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("code,name_zh,name_en,township_code,township_name_zh,township_name_en,county_code,county_name_zh,county_name_en,designated_year,exit_year,status,demo,updated_at,provenance_kind,provenance_demo,provenance_basis");
    expect(text).toContain("南陵县");
    expect(text).toContain("无为县");
    const api = (await (await page.request.get("/api/v1/villages?limit=1")).json()) as { data: { name_zh: string }[] };
    expect(text).toContain(api.data[0]!.name_zh);
    await page.context().close();
  });

  it("downloads the plain CSV for scripts: UTF-8 without a BOM", async () => {
    const page = await openPage(browser, { acceptDownloads: true });
    await page.goto("/en/data/");
    const dataset = page.locator("#dataset-villages");
    const [download] = await Promise.all([page.waitForEvent("download"), dataset.getByRole("link", { name: "CSV (for scripts, UTF-8)" }).click()]);
    const bytes = await readDownload(await download.createReadStream());
    expect(bytes[0]).toBe("c".charCodeAt(0));
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    expect(text.split("\r\n").filter(Boolean).length).toBeGreaterThan(300);
    expect(text).toContain("南陵县");
    await page.context().close();
  });
});

describe("a resident looking for a village", () => {
  it("searches by the Chinese name and reaches the village's page", async () => {
    const village = await demoVillage();
    const page = await openPage(browser);
    await page.goto("/");
    await page.getByLabel("查找村或乡镇").fill(village.name_zh);
    await villageSearchReady(page);
    await page.getByRole("button", { name: "查找" }).click();
    const result = page.locator(".search-results").getByRole("link", { name: new RegExp(village.name_zh) });
    await result.first().click();
    await page.waitForURL(`**/regions/${village.code}/`);
    await expect(page.locator("h1").textContent()).resolves.toBe(village.name_zh);
    await expect(page.locator("#exit-status").count()).resolves.toBe(1);
    await page.context().close();
  });

  it("gets an error summary and a message beside the field for an empty search", async () => {
    const page = await openPage(browser);
    await page.goto("/regions/");
    await villageSearchReady(page);
    await page.getByRole("button", { name: "查找" }).click();
    await expect(page.locator(".error-summary").textContent()).resolves.toContain("请输入要查找的名称");
    await expect(page.getByLabel("查找村或乡镇").getAttribute("aria-invalid")).resolves.toBe("true");
    await page.context().close();
  });

  it("without JavaScript, the search leads to the full list of villages, which holds the village", async () => {
    const village = await demoVillage();
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto("/");
    await page.getByLabel("查找村或乡镇").fill(village.name_zh);
    await page.getByRole("button", { name: "查找" }).click();
    await page.waitForURL("**/regions/villages/?q=*");
    await page.getByRole("link", { name: village.name_zh, exact: true }).first().click();
    await page.waitForURL(`**/regions/${village.code}/`);
    await page.context().close();
  });
});

describe("the language switch", () => {
  it("keeps the page: Chinese to English and back", async () => {
    const page = await openPage(browser);
    await page.goto(`/regions/${DEMO.county}/`);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("zh-CN");
    await page.getByRole("link", { name: "Read this page in English" }).click();
    await page.waitForURL(`**/en/regions/${DEMO.county}/`);
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await expect(page.locator("h1").textContent()).resolves.toBe("Nanling County");
    await page.getByRole("link", { name: "阅读本页中文版" }).click();
    await page.waitForURL((url) => url.pathname === `/regions/${DEMO.county}/`);
    await expect(page.locator("h1").textContent()).resolves.toBe("南陵县");
    await page.goto("/en/");
    await page.getByRole("link", { name: "阅读本页中文版" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.context().close();
  });
});

describe("every page links the JSON and CSV behind it", () => {
  it("the region page's data links answer with the data shown", async () => {
    const page = await openPage(browser);
    await page.goto(`/en/regions/${DEMO.county}/`);
    const links = await page.locator(".data-links a").evaluateAll((anchors) => anchors.map((a) => (a as unknown as PageElement).getAttribute("href") ?? ""));
    expect(links).toContain(`/api/v1/villages?county=${DEMO.county}&format=csv`);
    expect(links).toContain(`/api/v1/statistics/official?region=${DEMO.county}`);
    for (const href of links) {
      const res = await page.request.get(href);
      expect(res.status(), href).toBe(200);
    }
    const shown = await page.locator("#village-counts + .figures .figure-value").first().textContent();
    const detail = (await (await page.request.get(`/api/v1/regions/${DEMO.county}`)).json()) as { data: { counts: { villages: { total: number } } } };
    expect(Number(shown)).toBe(detail.data.counts.villages.total);
    await page.context().close();
  });
});

async function readDownload(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
