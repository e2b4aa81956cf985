/**
 * Bounded page reads (issue 10): at national scale (~530,000 regions) a page must read what it
 * shows, never a whole level of the country or a whole dataset. Each page is rendered through
 * the Worker's page renderer over a D1 that counts the rows every statement returns; then the
 * data grows (a county gets hundreds of townships and over a thousand villages, and a hundred
 * and fifty donations come in) and every page must read exactly as many rows as before — a read
 * that grows with the data fails here, whatever the page does with it.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPage } from "../../worker/pages";
import { seedFundsOnce } from "../helpers/funds";

const EXTRA_COUNTY = "340299000000"; // not in the demo data: a county of Wuhu made up here
const TOWNSHIPS = 120;
const VILLAGES_PER_TOWNSHIP = 12;
const DONATIONS = 150;
/** Published notices the list pages through (NOTICES_PAGE_SIZE a page): a full page before, many more after. */
const NOTICES_BEFORE = 60;
const NOTICES_MORE = 140;

/** Rows returned and statements run, by every D1 call a render makes. */
interface Tally {
  statements: number;
  rows: number;
}

function rowsOf(result: unknown): number {
  if (Array.isArray(result)) return result.length; // raw()
  const rows = (result as { results?: unknown[] } | null)?.results;
  return Array.isArray(rows) ? rows.length : result == null ? 0 : 1; // all()/run() or first()
}

/** The same D1, counting: prepared statements (bound or not), batches and sessions. */
function countingD1(db: D1Database, tally: Tally): D1Database {
  const wrapStatement = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, key) {
        if (key === "bind") return (...params: unknown[]) => wrapStatement(target.bind(...params));
        if (key === "all" || key === "raw" || key === "first" || key === "run") {
          return async (...args: unknown[]) => {
            tally.statements++;
            const result = await (target[key] as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            tally.rows += rowsOf(result);
            return result;
          };
        }
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const originals = new WeakMap<object, D1PreparedStatement>();
  const wrap = (session: D1Database | D1DatabaseSession): D1Database =>
    new Proxy(session as D1Database, {
      get(target, key) {
        if (key === "prepare")
          return (sql: string) => {
            const original = target.prepare(sql);
            const wrapped = wrapStatement(original);
            originals.set(wrapped, original);
            return wrapped;
          };
        if (key === "batch")
          return async (statements: D1PreparedStatement[]) => {
            tally.statements += statements.length;
            const results = await target.batch(statements.map((s) => originals.get(s) ?? s));
            for (const r of results) tally.rows += rowsOf(r);
            return results;
          };
        if (key === "withSession") return (...args: unknown[]) => wrap((target as D1Database).withSession(...(args as [string?])));
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return wrap(db);
}

const PAGES = [
  "/",
  "/en/",
  "/regions/",
  "/notices/",
  "/notices/?status=closed",
  "/en/notices/?region=340000000000&type=&status=",
  "/reports/",
  "/reports/?in=340000000000",
  "/reports/?in=340200000000",
  "/en/reports/?in=340223000000",
  "/regions/340223101201/",
  "/regions/340223000000/",
  // Wuhu: the made-up county's notices are its notices too (60 before, 200 after); the page
  // reads them in bounded pages (open, upcoming, the newest page), never all of them.
  "/regions/340200000000/",
  "/en/regions/340200000000/",
];

async function readsOf(path: string): Promise<Tally> {
  const tally: Tally = { statements: 0, rows: 0 };
  const res = await renderPage(new Request(`http://portal.test${path}`), { ...env, DB: countingD1(env.DB, tally) }, undefined, "page-reads");
  const html = await res.text();
  expect(res.status, `${path}: ${html.slice(0, 300)}`).toBe(200);
  return tally;
}

/**
 * Closed notices of the made-up county, published in `year` (older than the demo's, so the
 * first page of the list is the same before and after the data grows).
 */
async function addNotices(count: number, year: number, from: number): Promise<void> {
  const insert = env.DB.prepare(
    `INSERT INTO notices (id, type, region_code, title_zh, body_zh, issuer, status, period_start, period_end, opens_at, closes_at, published_at, fingerprint, is_demo, created_at, updated_at)
     VALUES (?, 'project', ?, '测试公示', '测试公示正文', '测试县乡村振兴局', 'closed', ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const statements: D1PreparedStatement[] = [];
  for (let i = from; i < from + count; i++) {
    const day = `${year}-01-${String(1 + (i % 20)).padStart(2, "0")}`;
    const at = `${day}T0${i % 10}:00:00.000Z`;
    statements.push(insert.bind(`ntc_pagereads${String(i).padStart(5, "0")}`, EXTRA_COUNTY, day, day, at, at, at, i.toString(16).padStart(64, "0"), at, at));
  }
  for (let i = 0; i < statements.length; i += 100) await env.DB.batch(statements.slice(i, i + 100));
}

/** The data grows where the old pages read everything: townships, villages, open notices, donations. */
async function growData(): Promise<void> {
  await addNotices(NOTICES_MORE, 2000, NOTICES_BEFORE);
  // In a month that already has donations: the home page sums them by month (a row a month).
  const { month } = (await env.DB.prepare("SELECT substr(date, 1, 7) AS month FROM donations WHERE region_code LIKE '3402%' ORDER BY date DESC LIMIT 1").first<{ month: string }>())!;
  const regions: D1PreparedStatement[] = [];
  const insertRegion = env.DB.prepare("INSERT INTO regions (code, parent_code, level, name_zh, name_en, is_demo) VALUES (?, ?, ?, ?, ?, 1)");
  const insertStatus = env.DB.prepare("INSERT INTO village_status (village_code, designated_year, exit_year, status) VALUES (?, 2014, 2019, 'exited')");
  for (let t = 1; t <= TOWNSHIPS; t++) {
    const township = `${EXTRA_COUNTY.slice(0, 6)}${String(t).padStart(3, "0")}000`;
    regions.push(insertRegion.bind(township, EXTRA_COUNTY, "township", `测试镇${t}`, `Test Town ${t}`));
    for (let v = 1; v <= VILLAGES_PER_TOWNSHIP; v++) {
      const village = `${township.slice(0, 9)}${String(200 + v).padStart(3, "0")}`;
      regions.push(insertRegion.bind(village, township, "village", `测试村${t}-${v}`, `Test Village ${t}-${v}`), insertStatus.bind(village));
    }
  }
  const insertDonation = env.DB.prepare(
    "INSERT INTO donations (id, date, amount_fen, channel, donor_name, target_type, target_region, target_project, region_code, ledger_index, recorded_at, is_demo) VALUES (?, ?, 100000, 'online', NULL, 'region', ?, NULL, ?, ?, '2026-01-02T00:00:00Z', 1)",
  );
  for (let d = 0; d < DONATIONS; d++) {
    const village = `${EXTRA_COUNTY.slice(0, 6)}001${String(201 + (d % VILLAGES_PER_TOWNSHIP)).padStart(3, "0")}`;
    regions.push(insertDonation.bind(`don_pagereads${String(d).padStart(5, "0")}`, `${month}-01`, village, village, 9_000_000 + d));
  }
  for (let i = 0; i < regions.length; i += 200) await env.DB.batch(regions.slice(i, i + 200));
}

describe("page reads do not grow with the data", () => {
  const before = new Map<string, Tally>();

  beforeAll(async () => {
    await seedFundsOnce();
    // The county exists before the first count (the tree lists counties: a few thousand in the
    // whole country); what grows is below it.
    await env.DB.prepare("INSERT INTO regions (code, parent_code, level, name_zh, name_en, is_demo) VALUES (?, '340200000000', 'county', '测试县', 'Test County', 1)").bind(EXTRA_COUNTY).run();
    // More notices than one page of the list holds, before the first count: what grows is the rest.
    await addNotices(NOTICES_BEFORE, 2001, 0);
    for (const path of PAGES) before.set(path, await readsOf(path));
    await growData();
  });

  for (const path of PAGES) {
    it(`${path} reads as many rows with ${TOWNSHIPS} more townships, ${TOWNSHIPS * VILLAGES_PER_TOWNSHIP} more villages, ${DONATIONS} more donations and ${NOTICES_MORE} more notices`, async () => {
      const after = await readsOf(path);
      const was = before.get(path)!;
      expect(after, `${path}: ${JSON.stringify(was)} before`).toEqual(was);
    });
  }
});
