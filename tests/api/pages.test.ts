/**
 * Pages rendered on demand by the Worker (worker/pages): real pages through the real entry
 * point, the 404 page in the address's language, no read for a malformed id, and a 503 with
 * the request id (never cached, no internals) when D1 fails during a render.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPage } from "../../worker/pages";
import { adminApi, adminToken, countRows } from "../helpers/admin";
import { NANLING, wuhuProject } from "../helpers/funds";
import { api, failingD1, json, ORIGIN, seedOnce } from "../helpers/api";

const VILLAGE = "340223101201";
const COUNTY = "340223000000";


beforeAll(async () => {
  await seedOnce();
});

describe("pages rendered on demand", () => {
  it("renders a village page in Chinese and English, cacheable like the API's public GETs", async () => {
    const zh = await api(`/regions/${VILLAGE}/`);
    expect(zh.status).toBe(200);
    expect(zh.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(zh.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=300");
    expect(zh.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    const html = await zh.text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain(VILLAGE);
    // hreflang alternates as absolute URLs (relative ones are invalid for search engines).
    expect(html).toContain(`<link rel="alternate" hreflang="zh-CN" href="${ORIGIN}/regions/${VILLAGE}/">`);
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="${ORIGIN}/en/regions/${VILLAGE}/">`);
    const en = await api(`/en/regions/${COUNTY}/`);
    expect(en.status).toBe(200);
    expect(await en.text()).toContain("<h1>Nanling County</h1>");
  });

  it("answers an unknown id with the 404 page in the address's language, not cached", async () => {
    for (const [path, lang, link] of [
      ["/regions/999999999999/", "zh-CN", "/regions/villages/"],
      ["/en/notices/ntc_doesnotexist/", "en", "/en/notices/"],
      ["/donations/don_0000000000000000/", "zh-CN", "/donations/"],
      ["/en/funds/projects/prj_0000000000000000/", "en", "/en/regions/villages/"],
      ["/no/such/page/", "zh-CN", "/notices/"],
    ] as const) {
      const res = await api(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("Cache-Control"), path).toBe("no-store");
      const html = await res.text();
      expect(html, path).toContain(`<html lang="${lang}"`);
      expect(html, path).toContain(`href="${link}"`);
    }
  });

  it("answers a malformed id with the 404 page without reading the database", async () => {
    const broken = { ...env, DB: failingD1() } as Env;
    for (const path of ["/regions/12345/", "/notices/not-a-notice/", "/en/donations/don_X/", "/funds/projects/'%20OR%201=1/", "/funds/340223000000/20x7/", "/fr/regions/340223000000/"]) {
      const res = await renderPage(new Request(`${ORIGIN}${path}`), broken);
      expect(res.status, path).toBe(404);
    }
  });

  it("answers a D1 outage during a render with a 503 page showing the request id, never cached", async () => {
    const broken = { ...env, DB: failingD1() } as Env;
    const res = await renderPage(new Request(`${ORIGIN}/en/regions/${VILLAGE}/`), broken, undefined, "req-outage-1");
    expect(res.status).toBe(503);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Retry-After")).toBe("60");
    const html = await res.text();
    expect(html).toContain("req-outage-1");
    expect(html).toContain('<html lang="en"');
    expect(html).not.toMatch(/D1_ERROR|at \w+ \(|\.ts:\d+/);
  });

  it("is kept in the edge cache under its datasets' versions: a write makes the next read fresh", async () => {
    const path = `/regions/${VILLAGE}/`;
    await (await api(path)).arrayBuffer();
    let hit: Response | undefined;
    for (let i = 0; i < 40 && !hit; i++) {
      const res = await api(path);
      if (res.headers.get("X-Cache") === "HIT") hit = res;
      else await res.arrayBuffer();
    }
    expect(hit, "never served from the edge cache").toBeDefined();
    const cached = await hit!.text();
    const token = await adminToken({ role: "editor", region: COUNTY });
    const exited = cached.includes("badge-exited");
    const body = exited ? { status: "poor", designated_year: 2014, exit_year: null } : { status: "exited", designated_year: 2014, exit_year: 2018 };
    const write = await adminApi(`/api/v1/admin/villages/${VILLAGE}/status`, token, { method: "POST", json: body, idempotencyKey: crypto.randomUUID() });
    expect(write.status).toBe(200);
    const after = await api(path);
    expect(after.headers.get("X-Cache")).toBe("MISS");
    expect(await after.text()).toContain(`badge-${body.status}`);
    // Not-found and failed pages are never stored.
    const missing = await api("/regions/999999999999/");
    expect(missing.headers.get("X-Cache")).not.toBe("MISS");
  });

  it("inlines its stylesheets (no render-blocking request), each allowed by its build-time hash in the CSP, 404 and 304 alike", async () => {
    for (const path of ["/", `/regions/${VILLAGE}/`, "/en/notices/", "/reports/status/", "/en/reports/status/", "/regions/999999999999/"]) {
      const page = await api(path);
      const html = await page.text();
      const csp = page.headers.get("Content-Security-Policy")!;
      const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(styles.length, path).toBeGreaterThan(0);
      for (const style of styles) {
        const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(style)));
        expect(csp, path).toContain(`'sha256-${btoa(String.fromCharCode(...digest))}'`);
      }
      // The only stylesheet link left is the no-JS one inside <noscript> (a static file).
      expect([...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*>/g)].map((m) => m[0]).filter((l) => !l.includes("/noscript.css")), path).toEqual([]);
      expect(csp, path).not.toContain("unsafe-inline");
      expect(csp, path).toContain("script-src 'self';");
    }
  });

  it("answers a revalidation with a 304 whose headers never contradict the page's (the browser merges them into its copy)", async () => {
    // A browser updates the page it kept with every header of the 304 (RFC 9111 §4.3.4): a
    // 304 that carried the API's CSP turned the cached page into one that blocked its own
    // scripts and styles (islands never started, no CSS) — the e2e fault of issue 10.
    const perRequest = new Set(["date", "x-request-id", "x-d1-bookmark", "x-cache"]);
    for (const path of ["/", `/en/regions/${VILLAGE}/`, "/notices/"]) {
      const page = await api(path);
      await page.arrayBuffer();
      expect(page.status, path).toBe(200);
      const revalidated = await api(path, { headers: { "If-None-Match": page.headers.get("ETag")! } });
      expect(revalidated.status, path).toBe(304);
      const contradicting = [...revalidated.headers].filter(([name, value]) => !perRequest.has(name) && page.headers.get(name) !== value);
      expect(contradicting, path).toEqual([]);
      expect(revalidated.headers.get("Content-Security-Policy"), path).toContain("script-src 'self'");
    }
  });

  it("reads bounded totals and a region's own projects, not whole lists (funds, donations)", async () => {
    await wuhuProject();
    for (const path of ["/", "/funds/", "/donations/"]) expect((await api(path)).status, path).toBe(200);
    // A county-and-year funds page (found from the projects' totals) lists exactly that county's projects of that year.
    const listed = (await json(await api(`/api/v1/funds/projects?region=${NANLING}&year=2018&limit=1000`))) as { data: { id: string }[] };
    expect(listed.data.length).toBeGreaterThan(0);
    const html = await (await api(`/funds/${NANLING}/2018/`)).text();
    const shown = new Set([...html.matchAll(/href="\/funds\/projects\/(prj_[0-9a-z]+)\/"/g)].map((m) => m[1]));
    expect([...shown].sort()).toEqual(listed.data.map((p) => p.id).sort());
  });

  it("accepts POST only where a no-JS form posts", async () => {
    const res = await api(`/regions/${VILLAGE}/`, { method: "POST", body: "x=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(405);
  });
});

describe("the objection and report forms without JavaScript", () => {
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual" as const,
  });
  const openNotice = async () => (await json(await api("/api/v1/notices?status=open&limit=1"))).data[0].id as string;

  it("answers a refused objection with the error summary and the message by its field, keeping what was typed", async () => {
    const id = await openNotice();
    const res = await api(`/en/notices/${id}/`, form({ form: "objection", text: "abc", contact: "138 0000 0000" }));
    expect(res.status).toBe(400);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const html = await res.text();
    expect(html).toMatch(/class="error-summary"[^>]*role="alert"/);
    expect(html).toContain('<a href="#objection-text">');
    expect(html).toMatch(/id="objection-text-error"[^>]*>[^<]+</);
    expect(html).toMatch(/id="objection-text"[^>]*aria-invalid="true"[^>]*>abc<\/textarea>/);
    expect(html).toContain('value="138 0000 0000"');
  });

  it("stores an accepted objection, redirects, and shows its receipt once on the next page (never in a URL)", async () => {
    const id = await openNotice();
    const before = await countRows("objections");
    const res = await api(`/notices/${id}/`, form({ form: "objection", text: "这一户的实际情况与名单不符，请核查。" }));
    expect(res.status).toBe(303);
    const location = res.headers.get("Location")!;
    expect(location).toBe(`/notices/${id}/#objection-receipt`);
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect(await countRows("objections")).toBe(before + 1);

    const next = await api(location.split("#")[0]!, { headers: { Cookie: cookie.split(";")[0]! } });
    expect(next.status).toBe(200);
    expect(next.headers.get("Cache-Control")).toBe("no-store");
    expect(next.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    const receipt = /data-receipt-value>([^<]+)</.exec(await next.text())?.[1];
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    expect(location).not.toContain(receipt!);
    expect((await api(`/api/v1/objections/${receipt}`)).status).toBe(200);
  });

  it("keeps the honeypot: a filled hidden field gets an ordinary answer and nothing is stored", async () => {
    const id = await openNotice();
    const before = await countRows("objections");
    const res = await api(`/notices/${id}/`, form({ form: "objection", text: "这一户的实际情况与名单不符，请核查。", website: "http://spam.example" }));
    expect(res.status).toBe(303);
    expect(await countRows("objections")).toBe(before);
  });

  it("sends a report through the same API route: field errors, then a receipt", async () => {
    const refused = await api("/reports/", form({ form: "report", category: "other", region: VILLAGE, text: "short" }));
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('<a href="#report-text">');
    expect(html).toMatch(/value="other" checked/);
    const before = await countRows("reports");
    const ok = await api("/reports/", form({ form: "report", category: "other", region: VILLAGE, text: "村里道路项目的资金去向不明，请核查。" }));
    expect(ok.status).toBe(303);
    expect(await countRows("reports")).toBe(before + 1);
  });

  it("accepts its own pages' posts (Origin null under no-referrer) and refuses other sites'", async () => {
    const own = await api("/reports/", { ...form({ form: "report", text: "x" }), headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "null", "Sec-Fetch-Site": "same-origin" } });
    expect(own.status).toBe(400);
    const foreign = await api("/reports/", { ...form({ form: "report", text: "x" }), headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } });
    expect(foreign.status).toBe(403);
  });

  it("refuses a form body beyond the limit before reading it", async () => {
    const res = await api("/reports/", form({ form: "report", text: "字".repeat(40_000) }));
    expect(res.status).toBe(413);
  });
});
