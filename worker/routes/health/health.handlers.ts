import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../lib/app-env";
import type { healthRoute } from "./health.routes";

export const healthHandler: RouteHandler<typeof healthRoute, AppEnv> = async (c) => {
  await c.env.DB.prepare("SELECT 1").first();
  c.header("Cache-Control", "no-store");
  return c.json({ status: "ok" as const, database: "ok" as const, time: new Date().toISOString() }, 200);
};
