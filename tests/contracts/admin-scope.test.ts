import { beforeAll, describe, expect, it } from "vitest";
import { adminToken } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";
import type { AdminScopeCase } from "./admin-scope-cases/types";

const BAICHENG = "220800000000";

// Each feature lists its admin routes' scope cases in its own file under admin-scope-cases/.
const modules = import.meta.glob<{ cases: AdminScopeCase[] }>("./admin-scope-cases/*.ts", { eager: true });
const CASES = Object.values(modules).flatMap((m) => m.cases ?? []);

beforeAll(seedOnce);

describe("region scope of every /api/v1/admin route", () => {
  it("has a scope case for every admin operation in the OpenAPI document", async () => {
    const doc = await json(await api("/api/v1/openapi.json"));
    const covered = new Set(CASES.map((c) => `${c.method} ${c.route}`));
    const missing: string[] = [];
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      if (!path.startsWith("/api/v1/admin/")) continue;
      for (const method of Object.keys(item)) if (!covered.has(`${method.toUpperCase()} ${path}`)) missing.push(`${method.toUpperCase()} ${path}`);
    }
    expect(missing, "admin routes without a case in tests/contracts/admin-scope-cases/").toEqual([]);
  });

  for (const scopeCase of CASES) {
    it(`refuses ${scopeCase.method} ${scopeCase.route} on Wuhu data to a token scoped to Baicheng`, async () => {
      await scopeCase.prepare?.();
      const token = await adminToken({ role: "admin", region: BAICHENG });
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, "Idempotency-Key": crypto.randomUUID() };
      let body: string | undefined;
      if (scopeCase.body !== undefined) {
        headers["Content-Type"] = scopeCase.contentType ?? "application/json";
        body = typeof scopeCase.body === "string" ? scopeCase.body : JSON.stringify(scopeCase.body);
      }
      const res = await api(scopeCase.path, { method: scopeCase.method, headers, body });
      expect(res.status).toBe(403);
      expect((await json(res)).error.code).toBe("out_of_scope");
    });
  }
});
