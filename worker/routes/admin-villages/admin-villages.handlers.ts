import type { RouteHandler } from "@hono/zod-openapi";
import { executeWrite } from "../../admin/execute";
import type { AppEnv } from "../../lib/app-env";
import { setVillageStatus } from "../../writes/villages";
import type { villageStatusRoute } from "./admin-villages.routes";

export const villageStatusHandler: RouteHandler<typeof villageStatusRoute, AppEnv> = (c) =>
  executeWrite(c, 200, (ctx) => setVillageStatus(ctx, c.req.valid("param").code, c.req.valid("json")));
