/**
 * The site build no longer depends on the data: it runs without any database and writes a
 * fixed set of files (static assets, the few prerendered pages, one server module), within a
 * budget Workers Static Assets can always hold (20,000 files per version on the free plan).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/site-build.mjs";

const FILE_BUDGET = 300;
// The workerd suite's build (rebuilt here when a site source changed). No database is opened
// by the build: a page that read data at build time would fail it.
const OUT = ".wrangler/vitest-site";

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe("the site build", () => {
  it(`writes at most ${FILE_BUDGET} files, none of them per entity`, { timeout: 300_000 }, () => {
    buildSite(OUT, { ifStale: true });
    const all = files(OUT).map((f) => f.slice(OUT.length + 1));
    expect(all.length).toBeLessThanOrEqual(FILE_BUDGET);
    expect(all).toContain("server/entry.mjs");
    // No page of a region, notice, project or donation is a file: they are rendered on demand.
    expect(all.filter((f) => /(regions|notices|donations|funds)\/[^/]+\/index\.html$/.test(f))).toEqual([]);
    // Every page is rendered by the Worker (its inlined styles need the CSP header the Worker
    // sends with their hashes); no stylesheet is a separate, render-blocking file.
    expect(all.filter((f) => f.endsWith(".html"))).toEqual([]);
    expect(all.filter((f) => f.startsWith("client/_astro/") && f.endsWith(".css"))).toEqual([]);
  });
});
