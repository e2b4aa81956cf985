/**
 * The processes lists page by keyset, without script: the console's needs, cases and contacts
 * (issue 15, from a cap of 100 and 200 rows), the public needs board and /accountability/
 * list (both from a cap of 200). Each walk follows the "next page" links to the end and must
 * meet every row of the scope exactly once; a malformed cursor is a 400 with a way back,
 * never a 500. And scope
 * both ways for health needs: a village clerk's list holds the medical and disability needs
 * of their village (R4 files them under the township in public), another village's does not.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PLACES } from "../../worker/demo/official-figures";
import { descendantRange } from "../../worker/domain/region-codes";
import { api } from "../helpers/api";
import { consoleGet, consolePost, formKey, staffSession, walkPages as walk, type TestStaff } from "../helpers/console";
import { seedNeedsOnce } from "../helpers/needs";

const CILI = PLACES.cili;
const CILI_RANGE = descendantRange(CILI);
let countyViewer: TestStaff;

beforeAll(async () => {
  await seedNeedsOnce();
  countyViewer = await staffSession("viewer", CILI);
});

const walkConsole = (first: string, attr: string, who: TestStaff) => walk(first, attr, (path) => consoleGet(path, { cookie: who.cookie }));
const walkSite = (first: string, attr: string) => walk(first, attr, (path) => api(path));

const column = async (sql: string, ...params: unknown[]) => (await env.DB.prepare(sql).bind(...params).all<{ v: string | number }>()).results.map((r) => String(r.v));

describe("console needs: keyset pages and a village clerk's health needs", () => {
  it("pages a county's needs 100 at a time, open first, each need once", async () => {
    const expected = await column("SELECT id AS v FROM needs WHERE village_code BETWEEN ? AND ?", CILI_RANGE.min, CILI_RANGE.max);
    expect(expected.length).toBeGreaterThan(100);
    const { ids, pages } = await walkConsole("/admin/needs/", "data-need", countyViewer);
    expect(pages).toBe(Math.ceil(expected.length / 100));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    // Board order across the pages: open first, then pledged, delivered, expired, withdrawn.
    const rank = ["open", "pledged", "delivered", "expired", "withdrawn"];
    const statusOf = new Map((await env.DB.prepare("SELECT id, status FROM needs WHERE village_code BETWEEN ? AND ?").bind(CILI_RANGE.min, CILI_RANGE.max).all<{ id: string; status: string }>()).results.map((r) => [r.id, rank.indexOf(r.status)]));
    const ranks = ids.map((id) => statusOf.get(id)!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(0);
  });

  it("shows a village clerk their village's health needs, posted by them or before, and not another village's clerk", async () => {
    const demo = await env.DB.prepare("SELECT id, village_code, township_code, public_region_code FROM needs WHERE category IN ('medical_aid', 'disability_aid') AND village_code BETWEEN ? AND ? ORDER BY id LIMIT 1")
      .bind(CILI_RANGE.min, CILI_RANGE.max)
      .first<{ id: string; village_code: string; township_code: string; public_region_code: string }>();
    expect(demo!.public_region_code).toBe(demo!.township_code); // R4: public under the township
    const village = demo!.village_code;
    const sibling = (await env.DB.prepare("SELECT code FROM regions WHERE level = 'village' AND code BETWEEN ? AND ? AND code <> ? LIMIT 1").bind(...Object.values(descendantRange(demo!.township_code)), village).first<string>("code"))!;
    const clerk = await staffSession("editor", village);
    const other = await staffSession("editor", sibling);

    const posted = await consolePost("/admin/needs/new", { csrf_token: clerk.csrf, idempotency_key: formKey(), village_code: village, category: "disability_aid", beneficiary: "household", description: "一户需要一辆轮椅", items: "轮椅 1 辆", deadline: "2099-12-31" }, { cookie: clerk.cookie });
    expect(posted.status).toBe(303);
    const mine = /\/admin\/needs\/(ned_[0-9a-z]+)/.exec(posted.headers.get("Location") ?? "")![1]!;

    const ownList = await walkConsole("/admin/needs/", "data-need", clerk);
    expect(ownList.ids).toContain(demo!.id);
    expect(ownList.ids).toContain(mine);
    expect([...ownList.ids].sort()).toEqual((await column("SELECT id AS v FROM needs WHERE village_code = ?", village)).sort());
    expect((await consoleGet(`/admin/needs/${mine}`, { cookie: clerk.cookie })).status).toBe(200);

    const otherList = await walkConsole("/en/admin/needs/", "data-need", other);
    expect(otherList.ids).not.toContain(demo!.id);
    expect(otherList.ids).not.toContain(mine);
    expect([...otherList.ids].sort()).toEqual((await column("SELECT id AS v FROM needs WHERE village_code = ?", sibling)).sort());
    expect((await consoleGet(`/admin/needs/${mine}`, { cookie: other.cookie })).status).toBe(403);

    // In public the new need is still under the township only (R4).
    const board = await (await api(`/api/v1/needs?region=${village}&limit=1000`)).json<{ data: { id: string }[] }>();
    expect(board.data.map((n) => n.id)).not.toContain(mine);
  });
});

describe("console cases and contacts: keyset pages", () => {
  it("pages a county's cases newest closed first, each case once", async () => {
    const expected = await column("SELECT id AS v FROM accountability_cases WHERE region_code BETWEEN ? AND ? ORDER BY closed_on DESC, id DESC", CILI_RANGE.min, CILI_RANGE.max);
    expect(expected.length).toBe(393);
    const { ids, pages } = await walkConsole("/admin/cases/", "data-case", countyViewer);
    expect(pages).toBe(4);
    expect(ids).toEqual(expected);
  });

  it("pages a province's contacts, each contact once", async () => {
    // Anhui: the demo's Nanling and Wuwei publish a contact list for every village.
    const anhui = "340000000000";
    const expected = await column("SELECT id AS v FROM office_contacts WHERE region_code BETWEEN ? AND ? ORDER BY id", ...Object.values(descendantRange(anhui)));
    expect(expected.length).toBeGreaterThan(100);
    const { ids } = await walkConsole("/en/admin/contacts/", "data-contact", await staffSession("viewer", anhui));
    expect(ids).toEqual(expected);
  });

  it("answers a malformed cursor with a 400 and a way back to the first page on every list", async () => {
    for (const path of ["/admin/needs/", "/en/admin/cases/", "/admin/contacts/"]) {
      for (const cursor of ["not-a-cursor", btoa(JSON.stringify(["x", 1]))]) {
        const res = await consoleGet(`${path}?cursor=${encodeURIComponent(cursor)}`, { cookie: countyViewer.cookie });
        expect(res.status, `${path} ${cursor}`).toBe(400);
        const html = await res.text();
        expect(html).toContain("data-stale-cursor");
        expect(html).toContain(`href="${path}" data-first-page`);
      }
    }
  });
});

describe("/needs/: the board pages 100 at a time", () => {
  it("walks a county's board with plain links, in the API's order, each need once", async () => {
    const expected = (await (await api(`/api/v1/needs?region=${CILI}&limit=1000`)).json<{ data: { id: string }[] }>()).data.map((n) => n.id);
    expect(expected.length).toBeGreaterThan(100);
    for (const prefix of ["", "/en"]) expect((await walkSite(`${prefix}/needs/?region=${CILI}`, "data-need")).ids).toEqual(expected);
    const stale = await api(`/en/needs/?region=${CILI}&cursor=WzAsMV0`);
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain("data-stale-cursor");
  });
});

describe("/accountability/: keyset pages past 200", () => {
  it("walks a county's cases 100 a page with plain links, filters kept, in both languages", async () => {
    const expected = await column("SELECT id AS v FROM accountability_cases WHERE county_code = ? ORDER BY closed_on, id", CILI);
    for (const prefix of ["", "/en"]) {
      const { ids, pages } = await walkSite(`${prefix}/accountability/?county=${CILI}`, "data-case");
      expect(pages).toBe(4);
      expect(ids).toEqual(expected);
    }
  });

  it("answers an edited cursor with a 400 page and a link to the first page, not a 500", async () => {
    for (const prefix of ["", "/en"]) {
      const res = await api(`${prefix}/accountability/?county=${CILI}&cursor=broken`);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain("data-stale-cursor");
      expect(html).toContain(`href="${prefix}/accountability/?county=${CILI}" data-first-page`);
    }
  });
});
