/**
 * Debian's chromium through playwright-core, with the flags from the shared toolchain notes.
 * `launch()` gives the browser a fresh temporary --user-data-dir of its own every run.
 */
import { chromium, type Browser, type BrowserContextOptions, type Page, type Request } from "playwright-core";
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

/**
 * Playwright's 30 s default for a navigation is too short on the shared 2-core machines
 * (load averages of 15–27 seen during full runs); a test's own timeout still bounds it.
 */
const NAVIGATION_TIMEOUT_MS = 60_000;

export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), ...options });
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  const page = await context.newPage();
  watchPage(page);
  return page;
}

const trouble = new WeakMap<Page, string[]>();
const inFlight = new WeakMap<Page, Set<Request>>();
/** Pages opened with openPage and not closed yet: tests/e2e/setup.ts reports on them when a test fails. */
export const openPages = new Set<Page>();

/**
 * Records what went wrong while a page loaded (failed requests, 4xx/5xx subresources, console
 * errors, CSP violations, uncaught errors) and which requests are still waiting, so a failing
 * test can say why (see pageReport).
 */
function watchPage(page: Page): void {
  const seen: string[] = [];
  const pending = new Set<Request>();
  trouble.set(page, seen);
  inFlight.set(page, pending);
  openPages.add(page);
  page.on("close", () => openPages.delete(page));
  page.on("request", (r) => pending.add(r));
  page.on("requestfinished", (r) => pending.delete(r));
  page.on("requestfailed", (r) => pending.delete(r));
  const note = (line: string) => {
    seen.push(line);
    if (seen.length > 50) seen.shift();
    if (process.env.E2E_TRACE) console.log(`[page] ${line}`);
  };
  page.on("requestfailed", (r) => note(`failed ${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", async (r) => {
    const type = r.request().resourceType();
    if (r.status() >= 300 && type !== "document") note(`${r.status()} ${type} ${r.url()} ${JSON.stringify(await r.allHeaders().catch(() => ({})))}`);
    else if (process.env.E2E_TRACE) note(`${r.status()} ${type} ${r.url()} fromCache=${r.fromServiceWorker()} ${JSON.stringify(await r.allHeaders().catch(() => ({})))}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") note(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => note(`pageerror: ${e.message}`));
}

/** What went wrong on a page so far (see watchPage). */
export function pageTrouble(page: Page): string[] {
  return trouble.get(page) ?? [];
}

/** A page's address, what went wrong on it and the requests it still waits for. */
export function pageReport(page: Page): string {
  const waiting = [...(inFlight.get(page) ?? [])].map((r) => `  waiting: ${r.method()} ${r.resourceType()} ${r.url()}`);
  const seen = pageTrouble(page).map((t) => `  ${t}`);
  return [`page ${page.url()}`, ...seen, ...waiting].join("\n");
}

/**
 * Waits until the village-search island has taken over the page's search form: a submit
 * before that is the no-JS form's navigation, not the island's live search.
 */
export async function villageSearchReady(page: Page): Promise<void> {
  try {
    await page.locator("form[data-village-search][data-ready]").first().waitFor({ state: "attached", timeout: 15_000 });
  } catch (error) {
    // Say why the island never started: the page's scripts and what the server answers for them.
    const scripts = await page.evaluate(() => Array.from((globalThis as unknown as { document: { scripts: ArrayLike<{ src: string; type: string }> } }).document.scripts).map((s) => `${s.type} ${s.src}`));
    const statuses = await Promise.all(scripts.map(async (s) => { const src = s.split(" ")[1]; if (!src) return `${s}: inline`; const r = await fetch(src); return `${s}: ${r.status} ${r.headers.get("content-type")} ${r.headers.get("x-cache") ?? ""}`; }));
    const html = await page.content();
    throw new Error(`the village-search island did not start on ${page.url()}: scripts ${statuses.join("; ")}; html ${html.length} chars, csp-meta ${/http-equiv/.test(html)}; ${String(error).slice(0, 200)}; trouble:\n${pageTrouble(page).join("\n")}`);
  }
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

/** POSTs an admin API write to the test portal with the global setup's admin token and a fresh Idempotency-Key; throws on a non-2xx answer. */
export async function postAsAdmin(path: string, body: unknown): Promise<any> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${inject("adminToken")}`, "Idempotency-Key": crypto.randomUUID(), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}
