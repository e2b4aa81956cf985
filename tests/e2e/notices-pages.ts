/**
 * Shared bits of the notices/reports browser tests: the demo records they visit (fixed ids
 * from worker/demo/notices.ts, seeded fresh for every run by the global setup), axe and the
 * 44 px tap-target check.
 */
import type { Page } from "playwright-core";
import { axeScript } from "./browser";
import type { PageElement, PageGlobals } from "./dom";

export const NOTICE = {
  /** Household identification in village 340223101201, open today, 6 items, one objection. */
  open: "ntc_demo01",
  openVillage: "340223101201",
  /** Published today, objections from tomorrow. */
  upcoming: "ntc_demo03",
  /** Closed by an administrator after its period. */
  closed: "ntc_demo07",
  /** Announced: items withdrawn, counts kept. */
  announced: "ntc_demo08",
  /** Superseded by ntc_demo12. */
  superseded: "ntc_demo11",
  correction: "ntc_demo12",
} as const;

/** The answered demo report (worker/demo/notices.ts DEMO_REPORT). */
export const DEMO_REPORT_RECEIPT = "DEM0-REP0-RT00-0000-0000-0001";

export const RECEIPT_PATTERN = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/;

/** The notices/reports page types, both languages. */
export function noticePageTypes(): string[] {
  const paths = ["/notices/", `/notices/${NOTICE.open}/`, `/notices/${NOTICE.announced}/`, "/reports/", "/reports/status/"];
  return [...paths, ...paths.map((p) => `/en${p}`)];
}

/** In-page globals, typed without lib "dom" (see ./dom.ts). */
type NoticePageGlobals = PageGlobals & { navigator: { clipboard: { readText(): Promise<string> } } };

/** What has the keyboard focus: its id, name attribute, text and classes. */
export function focused(p: Page): Promise<{ id: string; name: string | null; text: string; classes: string[] } | null> {
  return p.evaluate(() => {
    const el = (globalThis as unknown as PageGlobals).document.activeElement as (PageElement & { className: string }) | null;
    return el ? { id: el.id, name: el.getAttribute("name"), text: (el.textContent ?? "").trim(), classes: String(el.className).split(" ") } : null;
  });
}

export function clipboardText(p: Page): Promise<string> {
  return p.evaluate(() => (globalThis as unknown as NoticePageGlobals).navigator.clipboard.readText());
}

export async function axeViolations(p: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) still holds.
  await p.evaluate(axeScript());
  const violations = await p.evaluate(async () => {
    const { axe, document } = globalThis as unknown as PageGlobals;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.map((v) => `${v.id} (${v.impact}) ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * Interactive elements smaller than 44 × 44 px, by the same rule as mobile.e2e.test.ts: links
 * inside a sentence are exempt (WCAG 2.5.8 inline targets), so is what is not rendered.
 */
export function smallTargets(p: Page, min = 44): Promise<string[]> {
  return p.evaluate((size) => {
    const small: string[] = [];
    for (const el of (globalThis as unknown as PageGlobals).document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
      if (el.closest("p") || el.classList.contains("skip-link")) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.height < size - 0.5 || box.width < size - 0.5) {
        small.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute("name") ?? "").trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  }, min);
}

export async function horizontalOverflow(p: Page): Promise<number> {
  return p.evaluate(() => {
    const { documentElement } = (globalThis as unknown as PageGlobals).document;
    return documentElement.scrollWidth - documentElement.clientWidth;
  });
}

export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
