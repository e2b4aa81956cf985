import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AxeViolation, PageGlobals } from "./dom";
import { axeScript, demoVillage, launchBrowser, openPage, pageTypes, villageSearchReady } from "./browser";

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await openPage(browser);
});
afterAll(async () => {
  await browser?.close();
});


async function axeViolations(p: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) still holds.
  await p.evaluate(axeScript());
  return p.evaluate(async () => {
    const { axe, document } = globalThis as unknown as PageGlobals;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

describe("accessibility (axe-core) on every page type, both languages", () => {
  it.each(pageTypes())("finds no violations on %s", async (path) => {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(path.startsWith("/404") ? 404 : 200);
    const found = (await axeViolations(page)).map((v) => `${v.id} (${v.impact}) ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(found).toEqual([]);
  });

  it("finds no violations in the search results and the error summary", async () => {
    const village = await demoVillage();
    for (const [path, label, button] of [["/", "查找村或乡镇", "查找"], ["/en/regions/", "Find a village or township", "Search"]] as const) {
      await page.goto(path);
      await villageSearchReady(page);
      await page.locator("form[data-village-search]").getByRole("button", { name: button }).click(); // not the header's site search
      await page.locator(".error-summary").waitFor();
      expect(await axeViolations(page), `${path} error`).toEqual([]);
      await page.getByLabel(label).fill(village.name_zh);
      await villageSearchReady(page);
      await page.locator("form[data-village-search]").getByRole("button", { name: button }).click(); // not the header's site search
      await page.locator(".search-results li").first().waitFor();
      expect(await axeViolations(page), `${path} results`).toEqual([]);
    }
  });
});

describe("keyboard", () => {
  async function tabStops(p: Page, count: number): Promise<string[]> {
    const stops: string[] = [];
    for (let i = 0; i < count; i++) {
      await p.keyboard.press("Tab");
      stops.push(
        await p.evaluate(() => {
          const el = (globalThis as unknown as PageGlobals).document.activeElement;
          if (!el) return "";
          const where = el.closest("nav") ? "nav" : el.closest("header") ? "header" : el.closest("form") ? "form" : "main";
          return `${where}:${el.tagName.toLowerCase()}:${el.getAttribute("href") ?? el.getAttribute("name") ?? el.textContent?.trim() ?? ""}`;
        }),
      );
    }
    return stops;
  }

  it("reaches the skip link first, then the navigation, then the search", async () => {
    await page.goto("/");
    const stops = await tabStops(page, 25);
    expect(stops[0]).toBe("main:a:#main");
    expect(stops).toContain("nav:a:/regions/");
    expect(stops).toContain("nav:a:/data/");
    expect(stops).toContain("form:input:q");
    expect(stops.indexOf("nav:a:/regions/")).toBeLessThan(stops.indexOf("form:input:q"));
  });

  it("the skip link moves focus to the main content", async () => {
    await page.goto("/en/data/");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.id)).resolves.toBe("main");
  });

  it("searches with the keyboard alone", async () => {
    const village = await demoVillage();
    await page.goto("/regions/");
    await villageSearchReady(page);
    await page.getByLabel("查找村或乡镇").focus();
    await page.keyboard.type(village.name_zh);
    await page.keyboard.press("Enter");
    await page.locator(".search-results a").first().waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.closest(".search-results") !== null)).resolves.toBe(true);
  });
});
