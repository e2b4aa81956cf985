/**
 * `npm run site:metrics`: serves the site as `npm start` does (own database under
 * .wrangler/e2e, port 8797 unless SITE_METRICS_PORT is set) and measures, in Debian's
 * chromium:
 *  - each page type's first-view weight: bytes on the wire (compressed as served, headers
 *    included) for the document and everything it loads, with an empty cache;
 *  - Lighthouse (mobile emulation, simulated throttling) performance and accessibility scores.
 * A measurement, not a test: it prints a table for docs/site.md and writes bench/out/site-metrics.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromium } from "playwright-core";
import { startPortal } from "./portal";

const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const PORT = Number(process.env.SITE_METRICS_PORT ?? 8797);

/** One page of each type. Notice and donation pages join as their sections land. */
const PAGE_TYPES: { type: string; path: string; lighthouse: boolean }[] = [
  { type: "Home", path: "/", lighthouse: true },
  { type: "Home (English)", path: "/en/", lighthouse: false },
  { type: "Regions (search + tree)", path: "/regions/", lighthouse: false },
  { type: "All villages (no-JS search fallback)", path: "/regions/villages/", lighthouse: false },
  { type: "City", path: "/regions/340200000000/", lighthouse: false },
  { type: "County", path: "/regions/340223000000/", lighthouse: false },
  { type: "Township", path: "/regions/340223101000/", lighthouse: false },
  { type: "Village", path: "/regions/340223101201/", lighthouse: true },
  { type: "Open data", path: "/data/", lighthouse: true },
];

interface Weight {
  type: string;
  path: string;
  requests: number;
  transferred: number;
  decoded: number;
}

async function measureWeights(baseUrl: string): Promise<Weight[]> {
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: FLAGS, headless: true });
  const results: Weight[] = [];
  try {
    for (const { type, path } of PAGE_TYPES) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, deviceScaleFactor: 2 });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      let requests = 0;
      let transferred = 0;
      let decoded = 0;
      cdp.on("Network.dataReceived", (e) => {
        decoded += e.dataLength;
      });
      cdp.on("Network.loadingFinished", (e) => {
        requests += 1;
        transferred += e.encodedDataLength;
      });
      await page.goto(`${baseUrl}${path}`, { waitUntil: "load" });
      await page.waitForLoadState("networkidle");
      results.push({ type, path, requests, transferred, decoded });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}

interface Scores {
  type: string;
  path: string;
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

async function runLighthouse(baseUrl: string): Promise<Scores[]> {
  const results: Scores[] = [];
  for (const { type, path } of PAGE_TYPES.filter((p) => p.lighthouse)) {
    const userDataDir = mkdtempSync(join(tmpdir(), "gongkai-lh-"));
    const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: FLAGS, userDataDir });
    try {
      // Lighthouse's default config: mobile form factor, Moto G Power emulation, simulated slow 4G.
      const result = await lighthouse(`${baseUrl}${path}`, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { lhr } = result;
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      results.push({
        type,
        path,
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        fcpMs: Math.round(audit("first-contentful-paint")),
        lcpMs: Math.round(audit("largest-contentful-paint")),
        tbtMs: Math.round(audit("total-blocking-time")),
        cls: Number(audit("cumulative-layout-shift").toFixed(3)),
      });
    } finally {
      chrome.kill();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }
  return results;
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

const portal = await startPortal({ port: PORT, persistTo: ".wrangler/e2e" });
try {
  console.log(`Serving on ${portal.baseUrl}; measuring…\n`);
  const weights = await measureWeights(portal.baseUrl);
  console.log("| page type | path | requests | transferred (KB, compressed) | uncompressed (KB) |");
  console.log("|---|---|---:|---:|---:|");
  for (const w of weights) console.log(`| ${w.type} | \`${w.path}\` | ${w.requests} | ${kb(w.transferred)} | ${kb(w.decoded)} |`);
  const scores = await runLighthouse(portal.baseUrl);
  console.log("\n| page | path | performance | accessibility | FCP ms | LCP ms | TBT ms | CLS |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|");
  for (const s of scores) console.log(`| ${s.type} | \`${s.path}\` | ${s.performance} | ${s.accessibility} | ${s.fcpMs} | ${s.lcpMs} | ${s.tbtMs} | ${s.cls} |`);
  mkdirSync("bench/out", { recursive: true });
  writeFileSync("bench/out/site-metrics.json", `${JSON.stringify({ measuredAt: new Date().toISOString(), weights, lighthouse: scores }, null, 2)}\n`);
  console.log("\nWritten to bench/out/site-metrics.json");
} finally {
  await portal.stop();
}
