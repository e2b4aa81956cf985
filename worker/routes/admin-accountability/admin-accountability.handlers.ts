import type { RouteHandler } from "@hono/zod-openapi";
import { executeWrite } from "../../admin/execute";
import type { AppEnv } from "../../lib/app-env";
import { recordCase } from "../../writes/accountability";
import type { recordCaseRoute } from "./admin-accountability.routes";

export const recordCaseHandler: RouteHandler<typeof recordCaseRoute, AppEnv> = (c) =>
  executeWrite(c, 201, async (ctx) => {
    const { record: _record, ...plan } = await recordCase(ctx, c.req.valid("json"));
    return plan as typeof plan & { body: { data: { id: string; county_code: string; year: number } } };
  });
