import type { RouteHandler } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { checkingReleases } from "../../db/queries/register";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import type { healthRoute } from "./health.routes";

export const healthHandler: RouteHandler<typeof healthRoute, AppEnv> = async (c) => {
  // One read proves the database answers and says which register imports are under way.
  const checking = await checkingReleases(createDb(c.env.DB), clock(c));
  c.header("Cache-Control", "no-store");
  return c.json({ status: "ok" as const, database: "ok" as const, time: new Date().toISOString(), register: { checking } }, 200);
};
