import { describe, expect, it } from "vitest";
import { api, json } from "../helpers/api";

/** Requests that fail in different layers: routing, validation, lookups, auth. */
const FAILING: [string, RequestInit | undefined, number][] = [
  ["/api/v1/no-such-route", undefined, 404],
  ["/api/v1/villages?limit=5000", undefined, 400],
  ["/api/v1/villages?unknown=1", undefined, 400],
  ["/api/v1/regions/110000000000", undefined, 404],
  ["/api/v1/regions?level=x&limit=y", undefined, 400],
  ["/api/v1/admin/audit", undefined, 401],
  ["/api/v1/admin/official-figures", { method: "POST", body: "{" }, 401],
];

describe("the one error shape", () => {
  for (const [path, init, status] of FAILING) {
    it(`answers ${status} to ${init?.method ?? "GET"} ${path} as { error: { code, message, details, request_id } }`, async () => {
      const res = await api(path, init);
      expect(res.status).toBe(status);
      expect(res.headers.get("Content-Type")).toContain("application/json");
      const body = await json(res);
      expect(Object.keys(body)).toEqual(["error"]);
      expect(Object.keys(body.error).sort()).toEqual(["code", "details", "message", "request_id"]);
      expect(body.error.code).toMatch(/^[a-z_]+$/);
      expect(body.error.message.length).toBeGreaterThan(5);
      for (const detail of body.error.details) expect(Object.keys(detail).sort()).toEqual(["message", "path"]);
      expect(body.error.request_id).toBe(res.headers.get("X-Request-Id"));
    });
  }

  it("names every bad parameter at once", async () => {
    const body = await json(await api("/api/v1/regions?level=x&limit=y"));
    expect(body.error.details.map((d: any) => d.path).sort()).toEqual(["query.level", "query.limit"]);
  });
});

describe("headers on every API response", () => {
  it("carries security headers, CORS for any origin and a request id", async () => {
    const res = await api("/api/v1/villages?limit=1&format=csv");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(res.headers.get("Strict-Transport-Security")).toContain("max-age=");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers CORS preflights for public routes but not for admin routes", async () => {
    const pre = await api("/api/v1/villages", { method: "OPTIONS", headers: { Origin: "https://example.org", "Access-Control-Request-Method": "GET" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const admin = await api("/api/v1/admin/audit", { headers: { Origin: "https://example.org" } });
    expect(admin.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("GET /api/v1/health reports the database reachable", async () => {
    const res = await api("/api/v1/health");
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ status: "ok", database: "ok" });
  });
});
