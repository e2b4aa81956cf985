import { describe, expect, it } from "vitest";
import { api, json } from "../helpers/api";
import { operationIdOf } from "../../worker/lib/router";

// Strict parsing on every route made with createRouter() (lib/strict-query.ts): the rules
// are checked over every operation of the OpenAPI document, so a route added later is
// covered by this test without editing it. Refusals happen before any database read, so
// this file needs no data.

type Op = { method: string; path: string; op: any };

async function operations(): Promise<Op[]> {
  const doc = await json(await api("/api/v1/openapi.json"));
  return Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ method, path, op })));
}

/** A concrete URL for a documented path (any text in path parameters: the query is checked first). */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, "x0");

async function expect400(res: Response, path: string, label: string) {
  expect(res.status, label).toBe(400);
  const body = await json(res);
  expect(body.error.code, label).toBe("invalid_request");
  expect(body.error.details.map((d: { path: string }) => d.path), label).toContain(path);
}

describe("strict query parsing on every route", () => {
  it("an unknown query parameter is a 400 naming it, on every public operation (item routes included)", async () => {
    const ops = (await operations()).filter((o) => !o.path.startsWith("/api/v1/admin/"));
    expect(ops.length).toBeGreaterThan(20);
    for (const { method, path } of ops) {
      const res = await api(`${concrete(path)}?zz_typo=1`, { method: method.toUpperCase(), ...(method === "post" ? { headers: { "Content-Type": "application/json" }, body: "{}" } : {}) });
      await expect400(res, "query.zz_typo", `${method} ${path}`);
    }
    for (const path of ["/notices/ntc_demo01", "/regions/340223000000", "/donations/don_0000", "/funds/projects/prj_0000"]) {
      await expect400(await api(`/api/v1${path}?lang=en`), "query.lang", path);
    }
    await expect400(await api("/api/v1/openapi.json?x=1"), "query.x", "openapi.json");
  });

  it("a parameter without a name (`?=`) and a repeated parameter are refused", async () => {
    await expect400(await api("/api/v1/regions?="), "query", "?=");
    await expect400(await api("/api/v1/regions/340223000000?=x"), "query", "?=x on an item");
    await expect400(await api("/api/v1/regions?limit=5&limit=6"), "query.limit", "repeated");
  });

  it("integers are digits only: 0x10, 1e2, +5, 5.0, -1, ' 5' and '' name the parameter", async () => {
    for (const value of ["0x10", "1e2", "%2B5", "5.0", "-1", "%205", "", "Infinity"]) {
      await expect400(await api(`/api/v1/villages?limit=${value}`), "query.limit", `limit=${value}`);
      await expect400(await api(`/api/v1/villages?exit_year=${value}`), "query.exit_year", `exit_year=${value}`);
    }
    await expect400(await api("/api/v1/ledger/proof/inclusion?index=1e0&tree_size=2"), "query.index", "ledger index");
    expect((await api("/api/v1/villages?limit=5&exit_year=2016")).status).toBe(200);
  });

  it("every documented integer query parameter is checked (from the schemas, not a list)", async () => {
    for (const { method, path, op } of await operations()) {
      if (method !== "get" || path.startsWith("/api/v1/admin/")) continue;
      for (const p of op.parameters ?? []) {
        if (p.in !== "query" || p.schema?.type !== "integer") continue;
        await expect400(await api(`${concrete(path)}?${p.name}=1e2`), `query.${p.name}`, `${path} ${p.name}`);
      }
    }
  });

  it("Accept q-values are honoured; format= wins over Accept", async () => {
    const type = async (accept: string, query = "") => (await api(`/api/v1/regions?limit=1${query}`, { headers: { Accept: accept } })).headers.get("Content-Type") ?? "";
    expect(await type("text/csv;q=0.1, application/json;q=0.9")).toContain("application/json");
    expect(await type("application/json;q=0.2, text/csv")).toContain("text/csv");
    expect(await type("text/csv")).toContain("text/csv");
    expect(await type("application/x-ndjson")).toContain("application/x-ndjson");
    expect(await type("text/csv;q=0, */*")).toContain("application/json");
    expect(await type("text/html,application/xhtml+xml,*/*;q=0.8")).toContain("application/json");
    expect(await type("text/csv", "&format=json")).toContain("application/json");
  });

  it("every operation has an operationId, a tag, a description, a 400 answer and declared security", async () => {
    const doc = await json(await api("/api/v1/openapi.json"));
    const ids = new Set<string>();
    for (const { method, path, op } of await operations()) {
      const label = `${method} ${path}`;
      expect(op.operationId, label).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(ids.has(op.operationId), `${label} operationId unique`).toBe(false);
      ids.add(op.operationId);
      expect(op.tags?.length, label).toBeGreaterThan(0);
      for (const tag of op.tags) expect(doc.tags.map((t: { name: string }) => t.name), label).toContain(tag);
      expect(op.description, label).toBeTruthy();
      expect(op.responses["400"], label).toBeDefined();
      expect(op.security, label).toEqual(path.startsWith("/api/v1/admin/") ? [{ adminToken: [] }] : []);
    }
    expect(operationIdOf("get", "/regions/{code}")).toBe("getRegionsByCode");
    expect(doc.info.contact.url).toMatch(/\/data\/$/);
  });
});
