import type { RouteHandler } from "@hono/zod-openapi";
import { executeWrite } from "../../admin/execute";
import type { AppEnv } from "../../lib/app-env";
import { publishOfficialFigures } from "../../writes/official-figures";
import type { publishOfficialFiguresRoute } from "./admin-official-figures.routes";

export const publishOfficialFiguresHandler: RouteHandler<typeof publishOfficialFiguresRoute, AppEnv> = (c) =>
  executeWrite(c, 201, (ctx) => publishOfficialFigures(ctx, c.req.valid("json")));
