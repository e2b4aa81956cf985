/**
 * Pages rendered on demand by the Worker (worker/pages): real pages through the real entry
 * point, the 404 page in the address's language, no read for a malformed id, and a 503 with
 * the request id (never cached, no internals) when D1 fails during a render.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPage } from "../../worker/pages";
import { api, ORIGIN, seedOnce } from "../helpers/api";

const VILLAGE = "340223101201";
const COUNTY = "340223000000";

/** D1 as it behaves during an outage: every statement fails. */
function failingD1(): D1Database {
  const fail = () => {
    throw new Error("D1_ERROR: Network connection lost.");
  };
  return { prepare: fail, batch: fail, exec: fail, dump: fail, withSession: fail } as unknown as D1Database;
}

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

  it("accepts POST only where a no-JS form posts", async () => {
    const res = await api(`/regions/${VILLAGE}/`, { method: "POST", body: "x=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(405);
  });
});
