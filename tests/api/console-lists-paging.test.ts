/**
 * The console's notices list, to-do page, reports queue and staff list page by keyset, without
 * script (they stopped at 200, 200, 200 and 500 rows). A walk follows the "next page" links to the end
 * and must meet every row of the scope exactly once, in the console's order; the to-do page's
 * groups page each by its own cursor, keeping the others'; a cursor that is not one of ours is
 * a 400 with a way back, never a 500.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEntry } from "../../worker/admin/audit";
import { inviteStaff } from "../../worker/auth/staff";
import { atomically } from "../../worker/db/batch";
import { systemActor, PUBLIC_ACTOR } from "../../worker/writes/plan";
import { createReport } from "../../worker/writes/reports";
import { db, seedOnce } from "../helpers/api";
import { consoleGet, idsOf, nextOf, staffSession, walkPages, type TestStaff } from "../helpers/console";
import { createNotice } from "../helpers/notices";

let village: string;
let viewer: TestStaff;
let admin: TestStaff;
const ids = async (sql: string) => (await env.DB.prepare(sql).bind(village).all<{ id: string }>()).results.map((r) => r.id);

beforeAll(async () => {
  await seedOnce();
  // A demo village with no notices, reports or staff of its own: the lists below are all ours.
  village = (await env.DB.prepare(
    "SELECT code FROM regions WHERE level = 'village' AND code NOT IN (SELECT region_code FROM notices) AND code NOT IN (SELECT region_code FROM reports) AND code NOT IN (SELECT region_code FROM staff) ORDER BY code DESC LIMIT 1",
  ).first<string>("code"))!;
  // 104 open notices whose period has ended (to close), 3 drafts, 2 announced.
  for (let i = 0; i < 104; i++) await createNotice({ regionCode: village, status: "open", items: 0, titleZh: `分页公示 ${i}` });
  for (let i = 0; i < 3; i++) await createNotice({ regionCode: village, status: "draft", items: 0 });
  for (let i = 0; i < 2; i++) await createNotice({ regionCode: village, status: "announced", items: 0 });
  // 103 reports received 30 days ago through the public form's write: all overdue for acknowledgement.
  const d = db();
  for (let i = 0; i < 103; i++) {
    const plan = await createReport({ actor: PUBLIC_ACTOR, now: new Date(Date.now() - 30 * 86_400_000 + i * 1000), db: d }, { category: "other", region: village, text: `分页测试举报 ${i}，请核实。` });
    await atomically(d, plan.statements);
  }
  // 102 accounts in the village (the two sessions below add two more).
  for (let i = 0; i < 102; i++) {
    const plan = await inviteStaff({ actor: systemActor("test"), now: new Date(), db: d }, { name: `分页员 ${i}`, role: "viewer", region: village });
    await atomically(d, [...plan.statements, auditEntry(d, "test", plan.audit!, new Date())]);
  }
  viewer = await staffSession("viewer", village);
  admin = await staffSession("admin", village);
}, 300_000);

describe("console lists: keyset pages instead of caps", () => {
  it("pages the notices list 100 at a time, unfinished first, each notice once, in both languages", async () => {
    const expected = await ids(
      "SELECT id FROM notices WHERE region_code = ? ORDER BY CASE status WHEN 'draft' THEN 0 WHEN 'open' THEN 1 WHEN 'closed' THEN 2 ELSE 3 END, updated_at DESC, id DESC",
    );
    expect(expected).toHaveLength(109);
    for (const prefix of ["", "/en"]) {
      const { ids: seen, pages } = await walkPages(`${prefix}/admin/notices/`, "data-notice", (path) => consoleGet(path, { cookie: viewer.cookie }));
      expect(pages).toBe(2);
      expect(seen).toEqual(expected);
    }
  });

  it("pages each to-do group by its own cursor, keeping the other groups where they are", async () => {
    const res = await consoleGet("/admin/", { cookie: viewer.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("(100+)");
    const toClose = await ids("SELECT id FROM notices WHERE region_code = ? AND status = 'open' ORDER BY updated_at DESC, id DESC");
    const first = idsOf(html, "data-notice");
    // The first page of "to close" (100), then the 3 drafts; no group shows a finished notice.
    expect(first.slice(0, 100)).toEqual(toClose.slice(0, 100));
    const next = [...html.matchAll(/<a href="([^"]+)" rel="next" data-next-page/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
    expect(next.map((n) => new URL(n, "http://x").searchParams.keys().next().value)).toEqual(["to_close", "reports_overdue"]);
    // The next page of reports keeps nothing else (no other cursor yet); after it, "to close" goes on with the reports' cursor kept.
    const reportsPage = await (await consoleGet(next[1]!, { cookie: viewer.cookie })).text();
    const overdue = await ids("SELECT id FROM reports WHERE region_code = ? ORDER BY acknowledgement_due_at, id");
    expect(overdue).toHaveLength(103);
    const reportIds = (page: string) => [...page.matchAll(/<li data-report="([^"]+)"/g)].map((m) => m[1]!);
    expect([...reportIds(html), ...reportIds(reportsPage)]).toEqual(overdue);
    const toCloseNext = /<a href="([^"]+)" rel="next" data-next-page/.exec(reportsPage)![1]!.replaceAll("&amp;", "&");
    const params = new URL(toCloseNext, "http://x").searchParams;
    expect([...params.keys()].sort()).toEqual(["reports_overdue", "to_close"]);
    const second = await (await consoleGet(toCloseNext, { cookie: viewer.cookie })).text();
    expect(idsOf(second, "data-notice").slice(0, 4)).toEqual(toClose.slice(100));
    expect(reportIds(second)).toEqual(overdue.slice(100));
    expect(second).toContain('data-first-page');
  });

  it("pages the reports queue 100 at a time, oldest first, the filters kept", async () => {
    const expected = await ids("SELECT id FROM reports WHERE region_code = ? ORDER BY received_at, id");
    expect(expected).toHaveLength(103);
    for (const first of ["/admin/reports/", "/en/admin/reports/?status=received"]) {
      const { ids: seen, pages } = await walkPages(first, "data-report", (path) => consoleGet(path, { cookie: viewer.cookie }));
      expect(pages).toBe(2);
      expect(seen).toEqual(expected);
    }
    const none = await consoleGet("/admin/reports/?status=answered", { cookie: viewer.cookie });
    expect(idsOf(await none.text(), "data-report")).toEqual([]);
  });

  it("pages the staff list 100 at a time by region and id, in both languages", async () => {
    const expected = await ids("SELECT id FROM staff WHERE region_code = ? ORDER BY region_code, id");
    expect(expected).toHaveLength(104);
    for (const prefix of ["", "/en"]) {
      const { ids: seen, pages } = await walkPages(`${prefix}/admin/staff/`, "data-staff", (path) => consoleGet(path, { cookie: admin.cookie }));
      expect(pages).toBe(2);
      expect(seen).toEqual(expected);
    }
  });

  it("answers a cursor that is not one of ours with 400 and a way back to the first page", async () => {
    for (const [path, first, cookie] of [
      ["/admin/notices/?cursor=bm9wZQ", "/admin/notices/", viewer.cookie],
      ["/en/admin/staff/?cursor=WyIyMDE4Il0", "/en/admin/staff/", admin.cookie],
      ["/admin/?to_close=bm9wZQ", "/admin/", viewer.cookie],
      ["/admin/reports/?status=received&cursor=bm9wZQ", "/admin/reports/?status=received", viewer.cookie],
    ] as const) {
      const res = await consoleGet(path, { cookie });
      expect(res.status, path).toBe(400);
      const html = await res.text();
      expect(html).toContain("data-stale-cursor");
      expect(html).toContain(`href="${first.replaceAll("&", "&amp;")}" data-first-page`);
    }
  });
});
