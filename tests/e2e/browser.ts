/**
 * Debian's chromium through playwright-core, with the flags from the shared toolchain notes.
 * `launch()` gives the browser a fresh temporary --user-data-dir of its own every run.
 */
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inject } from "vitest";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const baseUrl = (): string => inject("baseUrl");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS, headless: true });
}

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), ...options });
  return context.newPage();
}

/** The page types of the site, both languages; `code`s come from the demo data. */
export function pageTypes(codes: { county: string; township: string; village: string; city: string } = DEMO) {
  const paths = [
    "/",
    "/regions/",
    "/regions/villages/",
    `/regions/${codes.city}/`,
    `/regions/${codes.county}/`,
    `/regions/${codes.township}/`,
    `/regions/${codes.village}/`,
    "/data/",
  ];
  return [...paths, ...paths.map((p) => `/en${p}`), "/404-does-not-exist/"];
}

/** Demo regions (the generator is deterministic: the first village of Nanling's first township). */
export const DEMO = { city: "340200000000", county: "340223000000", township: "340223101000", village: "340223101201" } as const;

/** A demo village to visit: the first one in Nanling's first township, read from the API. */
export async function demoVillage(): Promise<{ code: string; name_zh: string; name_en: string }> {
  const res = await fetch(`${baseUrl()}/api/v1/villages?township=${DEMO.township}&limit=1`);
  const body = (await res.json()) as { data: { code: string; name_zh: string; name_en: string }[] };
  const village = body.data[0];
  if (!village) throw new Error("no demo village in the e2e database");
  return village;
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;
/** axe-core's browser bundle, injected with evaluate (not a <script>: the CSP forbids inline). */
export function axeScript(): string {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's violations on the page as it is now, one line each (for a readable diff). */
export async function axeFindings(p: Page, label: string): Promise<string[]> {
  await p.evaluate(axeScript());
  const violations = await p.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} → ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * Sideways scrolling and tap targets under 44 px at the current viewport (same exemptions as
 * mobile.e2e.test.ts: links inside a sentence, elements not rendered, the skip link).
 */
export function phoneProblems(p: Page, label: string): Promise<string[]> {
  return p.evaluate(
    ({ min, label }) => {
      const problems: string[] = [];
      const { scrollWidth, clientWidth } = document.documentElement;
      if (scrollWidth > clientWidth) problems.push(`${label}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
      for (const el of document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, summary")) {
        if (el.closest("p") || el.classList.contains("skip-link")) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.height < min - 0.5 || box.width < min - 0.5) problems.push(`${label}: ${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
      return problems;
    },
    { min: 44, label },
  );
}
