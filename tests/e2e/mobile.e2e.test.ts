import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PageGlobals } from "./dom";
import { demoVillage, launchBrowser, openPage, pageTypes, villageSearchReady } from "./browser";

/** Screenshots for people to look at (git-ignored). */
const SCREENSHOT_DIR = "tests/e2e/screenshots";
const MIN_TARGET = 44;

let browser: Browser;
let page: Page;
beforeAll(async () => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  browser = await launchBrowser();
  page = await openPage(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Interactive elements smaller than 44 × 44 px. Links inside a sentence (a <p>) are exempt,
 * as WCAG 2.5.8 exempts inline targets; so are elements not rendered (the skip link until
 * it has focus, closed <details> content).
 */
function smallTargets(p: Page): Promise<string[]> {
  return p.evaluate((min) => {
    const small: string[] = [];
    for (const el of (globalThis as unknown as PageGlobals).document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
      if (el.closest("p") || el.classList.contains("skip-link")) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.height < min - 0.5 || box.width < min - 0.5) {
        small.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  }, MIN_TARGET);
}

describe("on a 360 × 740 phone", () => {
  it.each(pageTypes())("%s does not scroll sideways and every tap target is at least 44 px", async (path) => {
    await page.goto(path);
    const name = path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home";
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
    const { scrollWidth, clientWidth } = await page.evaluate(() => {
      const { documentElement } = (globalThis as unknown as PageGlobals).document;
      return { scrollWidth: documentElement.scrollWidth, clientWidth: documentElement.clientWidth };
    });
    expect(scrollWidth, "scrollWidth").toBeLessThanOrEqual(clientWidth);
    await expect(smallTargets(page)).resolves.toEqual([]);
  });

  it("search results are tap targets of at least 44 px too", async () => {
    const village = await demoVillage();
    await page.goto("/");
    await page.getByLabel("查找村或乡镇").fill(village.name_zh.slice(0, 1));
    await villageSearchReady(page);
    await page.getByRole("button", { name: "查找" }).click();
    await page.locator(".search-results li").first().waitFor();
    await expect(smallTargets(page)).resolves.toEqual([]);
  });
});
