import type { RouteHandler } from "@hono/zod-openapi";
import { executeWrite } from "../../admin/execute";
import type { AppEnv } from "../../lib/app-env";
import { ledgerKey } from "../../lib/ledger-key";
import { closeNeed, postNeed, recordDelivery } from "../../writes/needs";
import type { closeNeedRoute, deliveryRoute, postNeedRoute } from "./admin-needs.routes";

export const postNeedHandler: RouteHandler<typeof postNeedRoute, AppEnv> = (c) =>
  executeWrite(c, 201, async (ctx) => postNeed({ ...ctx, key: await ledgerKey(c.env) }, c.req.valid("json")));

export const deliveryHandler: RouteHandler<typeof deliveryRoute, AppEnv> = (c) =>
  executeWrite(c, 201, async (ctx) => recordDelivery({ ...ctx, key: await ledgerKey(c.env) }, c.req.valid("param").id, c.req.valid("json")));

export const closeNeedHandler: RouteHandler<typeof closeNeedRoute, AppEnv> = (c) =>
  executeWrite(c, 200, async (ctx) => closeNeed({ ...ctx, key: await ledgerKey(c.env) }, c.req.valid("param").id, c.req.valid("json")));
