import { env } from "cloudflare:workers";
import { createToken, revokeToken } from "../../worker/admin";
import { createDb } from "../../worker/db/client";
import type { Role } from "../../worker/domain/roles";
import { api } from "./api";

/** Creates an administrator token in this test file's D1 and returns the bearer secret. */
export async function adminToken(options: { role: Role; region: string; label?: string }): Promise<string> {
  const { token } = await createToken(createDb(env.DB), { role: options.role, regionCode: options.region, label: options.label ?? "test" });
  return token;
}

export async function revokedAdminToken(options: { role: Role; region: string }): Promise<string> {
  const db = createDb(env.DB);
  const { id, token } = await createToken(db, { role: options.role, regionCode: options.region, label: "revoked" });
  await revokeToken(db, id);
  return token;
}

/** A request through the real entry point with `Authorization: Bearer <token>`. */
export function adminApi(path: string, token: string, init: RequestInit & { json?: unknown; idempotencyKey?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  }
  if (init.idempotencyKey) headers.set("Idempotency-Key", init.idempotencyKey);
  return api(path, { ...init, headers, body });
}

export async function countRows(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}
