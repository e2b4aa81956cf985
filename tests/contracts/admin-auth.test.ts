import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, roleAtLeast, type Role } from "../../worker/domain/roles";
import { adminToken, revokedAdminToken } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";

const WUHU = "340200000000";

beforeAll(seedOnce);

/** The route table, read from the OpenAPI document: every admin operation and its role. */
async function adminOperations() {
  const doc = await json(await api("/api/v1/openapi.json"));
  const ops: { method: string; path: string; role: Role; security: unknown }[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    if (!path.startsWith("/api/v1/admin/")) continue;
    for (const [method, op] of Object.entries<any>(item)) ops.push({ method: method.toUpperCase(), path, role: op["x-required-role"], security: op.security });
  }
  return ops;
}

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, "x");

function send(op: { method: string; path: string }, headers: Record<string, string>) {
  const init: RequestInit = { method: op.method, headers: { ...headers, "Idempotency-Key": crypto.randomUUID() } };
  if (op.method !== "GET") {
    init.body = "{}";
    (init.headers as Record<string, string>)["Content-Type"] = "application/json";
  }
  return api(concrete(op.path), init);
}

function expectErrorShape(body: any, code: string) {
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(Array.isArray(body.error.details)).toBe(true);
  expect(typeof body.error.request_id).toBe("string");
}

describe("every /api/v1/admin route (generated from the OpenAPI route table)", () => {
  it("declares a required role and bearer security", async () => {
    const ops = await adminOperations();
    expect(ops.length).toBeGreaterThanOrEqual(2);
    for (const op of ops) {
      expect(ROLES, `${op.method} ${op.path}`).toContain(op.role);
      expect(op.security, `${op.method} ${op.path}`).toEqual([{ adminToken: [] }]);
    }
  });

  it("answers 401 without a token, with a malformed header and with an unknown token", async () => {
    for (const op of await adminOperations()) {
      for (const headers of [{}, { Authorization: "Basic abc" }, { Authorization: "Bearer gk_unknown" }] as Record<string, string>[]) {
        const res = await send(op, headers);
        expect(res.status, `${op.method} ${op.path} ${JSON.stringify(headers)}`).toBe(401);
        expectErrorShape(await json(res), "unauthorized");
      }
    }
  });

  it("answers 401 to a revoked token, even an admin one", async () => {
    const revoked = await revokedAdminToken({ role: "admin", region: WUHU });
    for (const op of await adminOperations()) {
      const res = await send(op, { Authorization: `Bearer ${revoked}` });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  it("answers 403 to every role weaker than the route's", async () => {
    const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await adminToken({ role, region: WUHU })] as const)));
    let checked = 0;
    for (const op of await adminOperations()) {
      for (const role of ROLES.filter((r) => !roleAtLeast(r, op.role))) {
        const res = await send(op, { Authorization: `Bearer ${tokens[role]}` });
        expect(res.status, `${op.method} ${op.path} as ${role}`).toBe(403);
        expectErrorShape(await json(res), "forbidden_role");
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
