/**
 * The /notices/ list page (issue 10): one keyset page of the API's list at a time, its filters
 * in the address (a plain GET form), "next page" and "first page" as plain links, and a page
 * address whose cursor is not one of the API's answered with a 400 page, not a failed render.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPage } from "../../worker/pages";
import { api, failingD1, json, ORIGIN, seedOnce } from "../helpers/api";

const COUNTY = "340223000000";
/** Old closed notices added to the demo's, so the list spans pages of NOTICES_PAGE_SIZE (50). */
const ADDED = 70;

const rowIds = (html: string) => [...html.matchAll(/<li class="notice-card" data-notice-row data-id="(ntc_[0-9a-z]+)"/g)].map((m) => m[1]!);
const nextHref = (html: string) => /<a href="([^"]+)" rel="next"/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? null;

async function page(path: string): Promise<{ status: number; html: string }> {
  const res = await api(path);
  return { status: res.status, html: await res.text() };
}


beforeAll(async () => {
  await seedOnce();
  const insert = env.DB.prepare(
    `INSERT INTO notices (id, type, region_code, title_zh, body_zh, issuer, status, period_start, period_end, opens_at, closes_at, published_at, fingerprint, is_demo, created_at, updated_at)
     VALUES (?, 'project', ?, '测试公示', '测试公示正文', '南陵县乡村振兴局', 'closed', ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const rows: D1PreparedStatement[] = [];
  for (let i = 0; i < ADDED; i++) {
    const day = `2001-02-${String(1 + (i % 28)).padStart(2, "0")}`;
    const at = `${day}T${String(i % 24).padStart(2, "0")}:00:00.000Z`;
    rows.push(insert.bind(`ntc_listpage${String(i).padStart(4, "0")}`, COUNTY, day, day, at, at, at, (i + 1).toString(16).padStart(64, "0"), at, at));
  }
  await env.DB.batch(rows);
});

describe("/notices/ pages through the list", () => {
  it("shows one page of 50, then the rest through plain next links, every published notice once", async () => {
    const all = (await json<{ data: { id: string }[] }>(await api("/api/v1/notices?limit=1000"))).data.map((n) => n.id);
    expect(all.length).toBeGreaterThan(50);
    const seen: string[] = [];
    let path: string | null = "/notices/";
    let pages = 0;
    while (path) {
      const { status, html } = await page(path);
      expect(status, path).toBe(200);
      const ids = rowIds(html);
      expect(ids.length, path).toBeLessThanOrEqual(50);
      seen.push(...ids);
      pages++;
      if (pages === 1) {
        expect(ids.length).toBe(50);
        expect(html).toContain("本页 50 条");
        expect(html).not.toContain("data-first-page");
      } else {
        expect(html).toContain('data-first-page');
      }
      path = nextHref(html);
    }
    expect(pages).toBe(Math.ceil(all.length / 50));
    expect(seen.sort()).toEqual([...all].sort());
  });

  it("filters through the address as the plain form sends it (empty fields mean all), in both languages", async () => {
    const open = (await json<{ data: { id: string }[] }>(await api("/api/v1/notices?status=open&region=340000000000&limit=100"))).data.map((n) => n.id);
    expect(open.length).toBeGreaterThan(0);
    for (const prefix of ["", "/en"]) {
      const { status, html } = await page(`${prefix}/notices/?region=340000000000&type=&status=open`);
      expect(status).toBe(200);
      expect(rowIds(html).sort()).toEqual([...open].sort());
      expect(html).toMatch(/<option value="open" selected>/);
      expect(html).toMatch(/<option value="340000000000" selected>/);
      // The whole filtered list fits one page: its count is the total.
      expect(html).toContain(prefix ? `${open.length} notices` : `共 ${open.length} 条公示`);
    }
    // A region filter naming no region is the 404 page.
    expect((await page("/notices/?region=349999000000")).status).toBe(404);
  });

  it("answers a malformed cursor with a 400 page, in the address's language, before any read", async () => {
    const broken = { ...env, DB: failingD1() } as Env;
    for (const [path, text] of [
      ["/notices/?cursor=%27%20OR%201%3D1", "这个分页链接无效或已过期"],
      ["/en/notices/?status=open&cursor=!!!", "This page link is not valid or has expired"],
      ["/notices/?cursor=bm90IGpzb24", "这个分页链接无效或已过期"], // base64url, but not JSON
      [`/notices/?cursor=${"A".repeat(600)}`, "这个分页链接无效或已过期"],
    ] as const) {
      const res = await renderPage(new Request(`${ORIGIN}${path}`), broken);
      const html = await res.text();
      expect(res.status, path).toBe(400);
      expect(html, path).toContain(text);
      expect(res.headers.get("Cache-Control"), path).not.toContain("public");
    }
  });

  it("answers a well-formed cursor the list does not accept (another list's key) with the same 400 page", async () => {
    const foreign = btoa(JSON.stringify("340223101201")).replace(/=+$/, ""); // a villages cursor
    const { status, html } = await page(`/en/notices/?cursor=${foreign}`);
    expect(status).toBe(400);
    expect(html).toContain('href="/en/notices/"');
  });

  it("search answers a malformed cursor with its 400 page too", async () => {
    const res = await page(`/en/search/?q=${encodeURIComponent("南陵")}&cursor=%3Cscript%3E`);
    expect(res.status).toBe(400);
    expect(res.html).not.toContain("<script>");
  });
});
