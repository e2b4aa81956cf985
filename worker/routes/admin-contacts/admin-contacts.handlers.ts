import type { RouteHandler } from "@hono/zod-openapi";
import { executeWrite } from "../../admin/execute";
import type { AppEnv } from "../../lib/app-env";
import { replaceRegionContacts } from "../../writes/contacts";
import type { replaceContactsRoute } from "./admin-contacts.routes";

export const replaceContactsHandler: RouteHandler<typeof replaceContactsRoute, AppEnv> = (c) =>
  executeWrite(c, 200, (ctx) => replaceRegionContacts(ctx, c.req.valid("param").code, c.req.valid("json")));
