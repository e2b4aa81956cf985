/**
 * The release gate against the demo data, through the real entry point: every public
 * endpoint and export is read (as `npm run disclosure-check` does against a running
 * portal) and must pass the checker, including the planted edge cases.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { checkRelease, type PublishedOutput } from "../../worker/domain/disclosure";
import { PLACES } from "../../worker/demo/official-figures";
import { CANARY, PLANTED_TOWNSHIP, PLANTED_VILLAGES, RARE_CAUSE } from "../../worker/demo/register";
import { crawlPublicOutputs, type CrawlScope } from "../../scripts/disclosure/crawl";
import { api, json, seedOnce } from "../helpers/api";

// 12 enum combinations: every level × breakdown of the register statistics, fewer of the other lists.
const TEST_CRAWL: CrawlScope = { pathValues: 2, maxPages: 12, maxCombinations: 12 };
let outputs: PublishedOutput[];
let truth: Map<string, number>;
let pseudonyms: Set<string>;

beforeAll(async () => {
  await seedOnce();
  // A small crawl of the path-parameter endpoints and pages (the hook has a budget);
  // `npm run disclosure-check` reads them all (FULL_CRAWL).
  outputs = await crawlPublicOutputs((path) => api(path), undefined, TEST_CRAWL);
  const { results } = await env.DB.prepare(
    `SELECT h.village_code AS village, r.year AS year, count(*) AS n FROM register_households h
     JOIN register_releases r ON r.id = h.release_id AND r.status = 'active' GROUP BY h.village_code, r.year`,
  ).all<{ village: string; year: number; n: number }>();
  truth = new Map(results.map((r) => [`${r.village}:${r.year}`, r.n]));
  const rows = await env.DB.prepare("SELECT pseudonym FROM register_households").all<{ pseudonym: string }>();
  pseudonyms = new Set(rows.results.map((r) => r.pseudonym));
}, 120_000);

async function allRows(path: string) {
  const rows: any[] = [];
  let url: string | null = path;
  while (url) {
    const body: any = await json(await api(url.replace("http://portal.test", "")));
    rows.push(...body.data);
    url = body.next;
  }
  return rows;
}

describe("the release gate on the demo data", () => {
  it("reads every public endpoint and export, register statistics at every level and breakdown", () => {
    const sources = outputs.map((o) => o.source);
    for (const level of ["county", "township", "village"]) {
      for (const breakdown of ["none", "cause", "measure", "household_size"]) {
        expect(sources.some((s) => s.startsWith("/api/v1/statistics/register?") && s.includes(`level=${level}`) && s.includes(`breakdown=${breakdown}`) && s.includes("format=csv"))).toBe(true);
      }
    }
    for (const path of ["/api/v1/villages", "/api/v1/regions", "/api/v1/statistics/official", "/api/v1/datasets"]) {
      expect(sources.some((s) => s.startsWith(path))).toBe(true);
    }
    expect(outputs.filter((o) => o.body.includes("register-derived")).length).toBeGreaterThan(30);
  });

  it("also reads path-parameter endpoints (with values the lists published) and rendered pages in both languages", () => {
    const sources = outputs.map((o) => o.source);
    const paths = sources.filter((s) => !s.includes("?")).join("\n");
    expect(sources.some((s) => /^\/api\/v1\/regions\/\d{12}$/.test(s)), paths).toBe(true);
    expect(sources.some((s) => /^\/api\/v1\/notices\/[^/?]+$/.test(s)), paths).toBe(true);
    const pages = outputs.filter((o) => o.format === "html");
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.some((p) => p.source === "/")).toBe(true);
    expect(pages.some((p) => p.source === "/en/")).toBe(true);
  });

  it("finds no violation: no count 1–7 or off the grid of 5, no small village broken down, no health cause below township, no identifier", () => {
    const violations = checkRelease(outputs, {
      forbidden: [CANARY.name, CANARY.idNumber, CANARY.registerNo],
      pseudonyms,
      villageHouseholds: truth,
    });
    expect(violations).toEqual([]);
  }, 60_000);

  it("plants villages of 1, 7, 8, 19 and 20 households and publishes them under R2 and R3", async () => {
    for (const [village, households] of Object.entries(PLANTED_VILLAGES)) expect(truth.get(`${village}:2017`), village).toBe(households);
    const rows = await allRows(`/api/v1/statistics/register?region=${PLANTED_TOWNSHIP}&level=village&year=2017&limit=1000`);
    const total = (code: string) => rows.find((r) => r.region.code === code).figures.registered_households;
    expect(total("340223101201").disclosure).toBe("banded");
    expect(total("340223101202").disclosure).toBe("banded");
    expect([10, null]).toContain(total("340223101203").value);
    expect([20, null]).toContain(total("340223101204").value);
    expect([20, null]).toContain(total("340223101205").value);
    // Since issue 16 no village is broken down, 20 households or not.
    for (const breakdown of ["household_size", "measure", "cause"]) {
      expect(await allRows(`/api/v1/statistics/register?region=${PLANTED_TOWNSHIP}&level=village&year=2017&breakdown=${breakdown}&limit=1000`), breakdown).toEqual([]);
    }
  });

  it("no longer publishes what pinned households in the audit (issue 16)", async () => {
    // Nanling 2016, size band 2: people are not published next to households.
    const size = await allRows(`/api/v1/statistics/register?region=${PLACES.nanling}&level=county&year=2016&breakdown=household_size`);
    expect(size.find((r) => r.category === "2").figures.exited_people.disclosure).toBe("withheld");
    // Returned households by cause are totals only.
    const causes = await allRows(`/api/v1/statistics/register?region=${PLACES.nanling}&level=county&year=2016&breakdown=cause`);
    expect(causes.find((r) => r.category === "lack_of_capital").figures.returned_households.disclosure).toBe("withheld");
    // Village 340223102212: no size bands and no people at all; planted village 340223101205: no cause table.
    expect(await allRows(`/api/v1/statistics/register?region=340223102212&level=village&year=2016&breakdown=household_size`)).toEqual([]);
    for (const row of await allRows(`/api/v1/statistics/register?region=340223102212&level=village&year=2016`)) expect(row.figures.registered_people.disclosure).toBe("withheld");
    expect(await allRows(`/api/v1/statistics/register?region=340223101205&level=village&breakdown=cause`)).toEqual([]);
  });

  it("shows the rare cause of a small village only inside its township, as 1-7", async () => {
    const township = await allRows(`/api/v1/statistics/register?region=${PLANTED_TOWNSHIP}&year=2017&breakdown=cause`);
    const water = township.find((r) => r.category === RARE_CAUSE.cause);
    expect(water.figures.registered_households.disclosure).toBe("banded");
    const villages = await allRows(`/api/v1/statistics/register?region=${PLANTED_TOWNSHIP}&level=village&breakdown=cause&limit=1000`);
    expect(villages.some((r) => r.region.code === RARE_CAUSE.village)).toBe(false);
  });

  it("never shows the canary's name, ID number or register number anywhere public", () => {
    const everything = outputs.map((o) => o.body).join("\n");
    expect(everything.length).toBeGreaterThan(100_000);
    expect(everything).not.toContain(CANARY.name);
    expect(everything).not.toContain(CANARY.idNumber);
    expect(everything).not.toContain(CANARY.registerNo);
  });

  it("stores no name, ID number or register number: every text column of every table is scanned", async () => {
    const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'").all<{ name: string }>();
    let scanned = 0;
    for (const { name } of tables.results) {
      const columns = await env.DB.prepare(`PRAGMA table_info("${name}")`).all<{ name: string; type: string }>();
      for (const column of columns.results) {
        if (column.type.toUpperCase() !== "TEXT") continue;
        for (const secret of [CANARY.name, CANARY.idNumber, CANARY.registerNo, CANARY.idNumber.slice(0, 14)]) {
          const hit = await env.DB.prepare(`SELECT count(*) AS n FROM "${name}" WHERE "${column.name}" LIKE ?`).bind(`%${secret}%`).first<{ n: number }>();
          expect(hit?.n, `${name}.${column.name}`).toBe(0);
        }
        scanned++;
      }
    }
    expect(scanned).toBeGreaterThan(20);
    expect(pseudonyms.size).toBeGreaterThan(3000);
  }, 60_000);
});
