import { describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import { DATASETS } from "../../worker/domain/datasets";
import { api, json } from "../helpers/api";

/** Routes served by the app itself rather than documented as operations. */
const UNDOCUMENTED = new Set(["GET /api/v1/openapi.json", "GET /api/v1/docs"]);

describe("the OpenAPI document", () => {
  it("is served as OpenAPI 3.1 at /api/v1/openapi.json", async () => {
    const res = await api("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.schemas.Error).toBeDefined();
  });

  it("documents every API route the app serves", async () => {
    const doc = await json(await api("/api/v1/openapi.json"));
    const documented = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    const served = createApp()
      .routes.filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/"))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`)
      .filter((r) => !UNDOCUMENTED.has(r));
    expect(served.length).toBeGreaterThan(5);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });

  it("documents the error shape on every operation and names every public list in the catalogue", async () => {
    const doc = await json(await api("/api/v1/openapi.json"));
    for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        const errorCodes = Object.keys(op.responses).filter((code) => code.startsWith("4") || code.startsWith("5"));
        expect(errorCodes.length, `${method} ${path}`).toBeGreaterThan(0);
        for (const code of errorCodes) expect(op.responses[code].content["application/json"].schema.$ref, `${method} ${path} ${code}`).toBe("#/components/schemas/Error");
      }
    }
    const listPaths = Object.entries<Record<string, any>>(doc.paths)
      .filter(([path, item]) => !path.startsWith("/api/v1/admin/") && item.get?.responses?.["200"]?.content?.["text/csv"])
      .map(([path]) => path);
    // Search answers a query over the datasets; it is not a dataset of its own (no download without q).
    const catalogued = new Set([...DATASETS.map((d) => `/api/v1${d.path}`), "/api/v1/search"]);
    expect(listPaths.filter((p) => !catalogued.has(p)), "public CSV lists missing from worker/domain/datasets.ts").toEqual([]);
  });

  it("serves a readable HTML reference at /api/v1/docs listing every operation", async () => {
    const res = await api("/api/v1/docs");
    expect(res.headers.get("Content-Type")).toContain("text/html");
    const html = await res.text();
    const doc = await json(await api("/api/v1/openapi.json"));
    for (const path of Object.keys(doc.paths)) expect(html).toContain(path.replaceAll("&", "&amp;"));
  });
});
