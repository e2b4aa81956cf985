/**
 * The console's funds lists page by keyset, without script (issue 12: they stopped at the
 * latest 100). The overview holds the first page of the scope's projects and of its donations;
 * each list's next pages are its own screen (/admin/funds/projects/, /admin/funds/donations/).
 * A walk follows the "next page" links to the end and must meet every row of the scope exactly
 * once, in the console's order; a malformed cursor is a 400 with a way back, never a 500.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { descendantRange } from "../../worker/domain/region-codes";
import { encodeCursor } from "../../worker/lib/listing";
import { consoleGet, idsOf, nextOf, staffSession, walkPages, type TestStaff } from "../helpers/console";
import { adminToken } from "../helpers/admin";
import { adminPost, projectBody, seedFundsOnce, wuhuProject } from "../helpers/funds";

/** Anhui: the demo's Wuhu projects, topped up past two pages by the admin API (the one write path). */
const ANHUI = "340000000000";

let projectScope: string;
let donationScope: string;
let projectViewer: TestStaff;
let donationViewer: TestStaff;

/** The province (2-digit prefix) with the most rows of `table`, as a 12-digit code. */
async function busiestProvince(table: "fund_projects" | "donations") {
  const row = await env.DB.prepare(`SELECT substr(region_code, 1, 2) || '0000000000' AS code, count(*) AS n FROM ${table} WHERE region_code IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT 1`).first<{ code: string; n: number }>();
  return row!.code;
}

const rowsIn = async (sql: string, scope: string) => {
  const { min, max } = descendantRange(scope);
  return (await env.DB.prepare(sql).bind(min, max).all<{ id: string }>()).results.map((r) => r.id);
};

beforeAll(async () => {
  await seedFundsOnce();
  projectScope = ANHUI;
  const have = (await rowsIn("SELECT id FROM fund_projects WHERE region_code BETWEEN ? AND ?", ANHUI)).length;
  const token = await adminToken({ role: "editor", region: "340200000000" });
  for (let i = have; i < 130; i++) {
    const created = await adminPost("/api/v1/admin/funds/projects", token, projectBody({ name_zh: `分页测试项目 ${i}`, name_en: `Paging test project ${i}` }));
    expect(created.status).toBe(201);
  }
  donationScope = await busiestProvince("donations");
  projectViewer = await staffSession("viewer", projectScope);
  donationViewer = await staffSession("viewer", donationScope);
}, 300_000);

describe("console funds lists: keyset pages", () => {
  it("pages the scope's projects 100 at a time, latest year first, each project once, in both languages", async () => {
    const expected = await rowsIn("SELECT id FROM fund_projects WHERE region_code BETWEEN ? AND ? ORDER BY year DESC, id DESC", projectScope);
    expect(expected.length).toBeGreaterThan(100);
    for (const prefix of ["", "/en"]) {
      const { ids, pages } = await walkPages(`${prefix}/admin/funds/projects/`, "data-project", (path) => consoleGet(path, { cookie: projectViewer.cookie }));
      expect(pages).toBe(Math.ceil(expected.length / 100));
      expect(ids).toEqual(expected);
    }
  });

  it("pages the scope's donations 100 at a time, latest date first, each donation once", async () => {
    const expected = await rowsIn("SELECT id FROM donations WHERE region_code BETWEEN ? AND ? ORDER BY date DESC, id DESC", donationScope);
    expect(expected.length).toBeGreaterThan(100);
    const { ids, pages } = await walkPages("/admin/funds/donations/", "data-donation", (path) => consoleGet(path, { cookie: donationViewer.cookie }));
    expect(pages).toBe(Math.ceil(expected.length / 100));
    expect(ids).toEqual(expected);
  });

  it("the overview shows the first page of each list and links on to the list's own screen", async () => {
    const res = await consoleGet("/admin/funds/", { cookie: projectViewer.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    const projects = idsOf(html, "data-project");
    expect(projects).toEqual((await rowsIn("SELECT id FROM fund_projects WHERE region_code BETWEEN ? AND ? ORDER BY year DESC, id DESC LIMIT 100", projectScope)));
    expect(nextOf(html)?.startsWith("/admin/funds/projects/?cursor=")).toBe(true);
    // The second page, reached from the overview's link, goes on where the overview stopped.
    const second = await (await consoleGet(nextOf(html)!, { cookie: projectViewer.cookie })).text();
    expect(idsOf(second, "data-project")[0]).not.toBe(projects[99]);
    expect(new Set([...projects, ...idsOf(second, "data-project")]).size).toBe(projects.length + idsOf(second, "data-project").length);
  });

  it("answers a cursor that is not one of ours with 400 and a way back to the first page", async () => {
    for (const path of ["/admin/funds/projects/?cursor=bm9wZQ", "/en/admin/funds/donations/?cursor=WyIyMDE4Il0"]) {
      const res = await consoleGet(path, { cookie: projectViewer.cookie });
      expect(res.status, path).toBe(400);
      const html = await res.text();
      expect(html).toContain("data-stale-cursor");
      expect(html).toContain(`href="${path.slice(0, path.indexOf("?"))}" data-first-page`);
    }
  });

  it("keeps another region's projects out of a township clerk's list", async () => {
    const township = (await env.DB.prepare("SELECT substr(region_code, 1, 9) || '000' AS code FROM fund_projects WHERE region_code BETWEEN ? AND ? AND substr(region_code, 7, 3) <> '000' LIMIT 1").bind(...Object.values(descendantRange(projectScope))).first<{ code: string }>())!.code;
    const clerk = await staffSession("viewer", township);
    const { ids } = await walkPages("/admin/funds/projects/", "data-project", (path) => consoleGet(path, { cookie: clerk.cookie }));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(await rowsIn("SELECT id FROM fund_projects WHERE region_code BETWEEN ? AND ? ORDER BY year DESC, id DESC", township));
  });

  it("pages a project's allocations latest first (its own cursor, the other list's kept); a reversal on page 1 marks its row on page 2", async () => {
    const { id, token } = await wuhuProject({ allocate: 1_00 }); // one allocation on 2018-04-01
    const dates: string[] = [];
    for (let i = 0; i < 104; i++) {
      const date = `2018-05-${String(1 + (i % 28)).padStart(2, "0")}`;
      dates.push(date);
      const res = await adminPost("/api/v1/admin/funds/allocations", token, { project_id: id, source: "municipal", date, amount_fen: 1_00 + i, document_no: `分页〔2018〕${i}号` });
      expect(res.status).toBe(201);
    }
    const oldest = (await env.DB.prepare("SELECT id FROM fund_allocations WHERE project_id = ? AND date = '2018-04-01'").bind(id).first<string>("id"))!;
    expect((await adminPost("/api/v1/admin/funds/reversals", token, { id: oldest, date: "2018-06-01", reason: "entry_error" })).status).toBe(201);
    const expected = (await env.DB.prepare("SELECT id FROM fund_allocations WHERE project_id = ? ORDER BY date DESC, id DESC").bind(id).all<{ id: string }>()).results.map((r) => r.id);
    expect(expected).toHaveLength(106);
    const admin = await staffSession("editor", "340200000000");
    const keptDisbursements = encodeCursor(["2018-05-01", "dsb_zzzz"]);
    const ids: string[] = [];
    let next: string | undefined = `/admin/funds/projects/${id}?disbursements=${keptDisbursements}`;
    let pages = 0;
    let page2 = "";
    for (; next; pages++) {
      const res = await consoleGet(next, { cookie: admin.cookie });
      expect(res.status, next).toBe(200);
      const html = await res.text();
      if (pages === 1) page2 = html;
      ids.push(...idsOf(html, "data-money"));
      next = nextOf(html);
      if (next) expect(next).toMatch(new RegExp(`^/admin/funds/projects/${id}\\?disbursements=${keptDisbursements}&allocations=`));
    }
    expect(pages).toBe(2);
    expect(ids).toEqual(expected);
    // The reversal (dated 2018-06-01) leads page 1; the row it reverses (2018-04-01) is last on page 2, marked reversed.
    expect(ids[0]).not.toBe(oldest);
    expect(ids.at(-1)).toBe(oldest);
    const row = new RegExp(`<tr data-money="${oldest}">[\\s\\S]*?</tr>`).exec(page2)![0];
    expect(row).toContain("已冲正");
    expect(row).not.toContain(`/funds/reversals/${oldest}`);
    // A cursor that is not one of ours: 400 with a way back that keeps the other list's.
    const stale = await consoleGet(`/admin/funds/projects/${id}?allocations=bm9wZQ`, { cookie: admin.cookie });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain("data-stale-cursor");
  });
});
