import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Context } from "hono";
import { roleAtLeast, type Role } from "../domain/roles";
import type { AppEnv } from "../lib/app-env";
import { ApiError } from "../lib/errors";
import { errorResponses } from "../lib/schemas";
import { requireScope as requireActorScope } from "../writes/plan";
import { actorOf } from "./execute";

/** Refuses (403) a token whose role is weaker than `minimum`. Runs before validation. */
export function requireRole(minimum: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const admin = c.get("admin");
    if (!roleAtLeast(admin.role, minimum)) {
      throw new ApiError(403, "forbidden_role", `This action needs the ${minimum} role; the token has ${admin.role}.`, [
        { path: "header.authorization", message: `role ${admin.role} is below ${minimum}` },
      ]);
    }
    await next();
  };
}

/** Refuses (403) a target region outside the token's region scope: the write layer's rule, for reads. */
export function requireScope(c: Context<AppEnv>, regionCode: string, path = "body.region"): void {
  requireActorScope(actorOf(c), regionCode, path);
}

type AdminRouteConfig = Omit<RouteConfig, "middleware" | "security"> & { role: Role };

/**
 * An admin route: bearer security and the 401/403 answers in the OpenAPI document, the
 * required role as `x-required-role` (the auth contract test reads it), and role enforcement.
 */
export function createAdminRoute<const C extends AdminRouteConfig>(config: C) {
  const { role, ...rest } = config;
  return createRoute({
    ...rest,
    security: [{ adminToken: [] }],
    middleware: [requireRole(role)],
    "x-required-role": role,
    responses: { ...errorResponses(401, 403), ...rest.responses },
  } as Omit<C, "role"> & { middleware: MiddlewareHandler<AppEnv>[]; security: { adminToken: string[] }[] });
}
