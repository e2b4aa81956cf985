import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { HEALTH_NEED_CATEGORIES } from "../../worker/needs/rules";
import { api, json, ORIGIN } from "../helpers/api";
import { seedNeedsOnce } from "../helpers/needs";

const CILI = "430821000000";
const form = (fields: Record<string, string>, cookie?: string) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "CF-Connecting-IP": `203.0.113.${Math.floor(Math.random() * 250)}`, ...(cookie ? { Cookie: cookie } : {}) },
  body: new URLSearchParams(fields).toString(),
  redirect: "manual" as const,
});

beforeAll(seedNeedsOnce, 180_000);

describe("the needs pages", () => {
  it("lists a region's needs open first, in Chinese and in English", async () => {
    const res = await api(`/needs/?region=${CILI}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("扶贫需求对接");
    const statuses = [...html.matchAll(/data-status="(\w+)"/g)].map((m) => m[1]);
    expect(statuses[0]).toBe("open");
    expect(statuses.indexOf("open")).toBeLessThan(statuses.indexOf("delivered"));
    expect(statuses.lastIndexOf("open")).toBeLessThan(statuses.indexOf("pledged"));
    expect(await (await api(`/en/needs/?region=${CILI}`)).text()).toContain("Needs matched with donors");
  });

  it("is linked from every county, township and village page, to that region's board, where a donor finds its open needs", async () => {
    const open = await env.DB.prepare("SELECT id, public_region_code AS region FROM needs WHERE status = 'open' AND public_region_code = village_code ORDER BY id LIMIT 1").first<{ id: string; region: string }>();
    const village = open!.region;
    const township = `${village.slice(0, 9)}000`;
    for (const [code, prefix] of [[village, ""], [village, "/en"], [township, ""], [CILI, "/en"]] as const) {
      const page = await (await api(`${prefix}/regions/${code}/`)).text();
      const href = /<p data-needs-link><a href="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, "&");
      expect(href, `${prefix}/regions/${code}/`).toBe(`${prefix}/needs/?region=${code}`);
      const board = await api(href!);
      expect(board.status).toBe(200);
      if (code === village) expect(await board.text()).toContain(`data-need="${open!.id}" data-status="open"`);
    }
  });

  it("shows the region's figures by category under the board, as the statistics API gives them; a village's without health needs (R4)", async () => {
    const stats = (await json(await api(`/api/v1/needs/stats?region=${CILI}`))).data;
    const html = await (await api(`/needs/?region=${CILI}`)).text();
    const table = html.split("data-needs-stats")[1]!.split("</table>")[0]!;
    const cells = (row: string) => [...row.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    const shown = (r: { posted: number; matched: number; delivered: number; median_days_to_delivery: number | null }) => [r.posted, r.matched, r.delivered, r.median_days_to_delivery ?? "—"].map(String);
    expect(cells(table.split("data-total")[1]!)).toEqual(shown(stats));
    for (const row of stats.by_category.filter((r: { posted: number }) => r.posted > 0)) {
      expect(cells(table.split(`data-category="${row.category}"`)[1]!.split("</tr>")[0]!), row.category).toEqual(shown(row));
    }
    // A village with a health need of its own: the village's figures leave it out.
    const village = await env.DB.prepare(`SELECT village_code FROM needs WHERE category IN (${HEALTH_NEED_CATEGORIES.map(() => "?").join(",")}) LIMIT 1`).bind(...HEALTH_NEED_CATEGORIES).first<string>("village_code");
    const villagePage = await (await api(`/en/needs/?region=${village}`)).text();
    for (const category of HEALTH_NEED_CATEGORIES) expect(villagePage).not.toContain(`data-category="${category}"`);
  });

  it("never shows a health need's village on its page (R4)", async () => {
    const rows = await env.DB.prepare(`SELECT needs.id, regions.name_zh FROM needs JOIN regions ON regions.code = needs.village_code WHERE category IN (${HEALTH_NEED_CATEGORIES.map(() => "?").join(",")}) LIMIT 5`)
      .bind(...HEALTH_NEED_CATEGORIES)
      .all<{ id: string; name_zh: string }>();
    expect(rows.results.length).toBeGreaterThan(0);
    for (const row of rows.results) {
      const html = await (await api(`/needs/${row.id}/`)).text();
      expect(html).toContain("隐私规则 R4");
      expect(html).not.toContain(row.name_zh);
    }
  });

  it("takes a pledge without JavaScript (POST → 303, receipt shown once) and follows it by receipt", async () => {
    const open = (await json(await api(`/api/v1/needs?region=${CILI}&status=open&limit=1`))).data[0];
    const posted = await api(`/needs/${open.id}/`, form({ form: "pledge", donor_name: "" }));
    expect(posted.status).toBe(303);
    expect(posted.headers.get("Location")).toBe(`/needs/${open.id}/#pledge-receipt`);
    const cookie = posted.headers.get("Set-Cookie")!.split(";")[0]!;
    const shown = await api(`/needs/${open.id}/`, { headers: { Cookie: cookie } });
    expect(shown.headers.get("Cache-Control")).toBe("no-store");
    const html = await shown.text();
    const receipt = /data-receipt>([0-9A-Z-]{29})</.exec(html)![1]!;
    expect(html).toContain("已认捐，待交付");
    // Again: the need is pledged, so the form is gone and a second post is refused, nothing written.
    const again = await api(`/needs/${open.id}/`, form({ form: "pledge", donor_name: "" }));
    expect(again.status).toBe(409);
    const refused = await again.text();
    expect(refused).toContain("这项需求刚被其他人认捐或已关闭");
    expect(refused).not.toContain("data-pledge-form");
    expect(await env.DB.prepare("SELECT count(*) AS n FROM need_pledges WHERE need_id = ?").bind(open.id).first<number>("n")).toBe(1);

    const followed = await api("/needs/pledge/", form({ receipt }));
    expect(followed.status).toBe(200);
    expect(followed.headers.get("Cache-Control")).toBe("no-store");
    const page = await followed.text();
    expect(page).toContain("data-need-check");
    expect(page).toContain(open.id);
    const wrong = await api("/needs/pledge/", form({ receipt: "0000-0000-0000-0000-0000-0000" }));
    expect(wrong.status).toBe(404);
  });
});
