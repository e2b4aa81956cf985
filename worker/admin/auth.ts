import type { MiddlewareHandler } from "hono";
import { createDb } from "../db/client";
import type { AppEnv } from "../lib/app-env";
import { ApiError } from "../lib/errors";
import { findActiveToken } from "./tokens";

const unauthorized = () =>
  new ApiError(401, "unauthorized", "A valid administrator token is required (Authorization: Bearer gk_…).", [
    { path: "header.authorization", message: "missing, unknown or revoked token" },
  ], { "WWW-Authenticate": 'Bearer realm="gongkai-admin"' });

/**
 * Authenticates every /api/v1/admin/* request. No token, an unknown one and a revoked one
 * get the same 401, so the answer does not tell which tokens exist.
 */
export const adminAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw unauthorized();
  const row = await findActiveToken(createDb(c.env.DB), match[1]!);
  if (!row) throw unauthorized();
  c.set("admin", { tokenId: row.id, role: row.role, regionCode: row.regionCode });
  c.header("Cache-Control", "no-store");
  await next();
  c.res.headers.set("Cache-Control", "no-store");
};
