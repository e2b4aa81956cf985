import { routePath } from "hono/route";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/app-env";
import { log } from "../lib/logger";

/**
 * One structured line per request. It logs the matched route pattern, never the raw URL:
 * query strings can carry free text (a search, a receipt) and paths can carry receipts.
 */
export const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  await next();
  if (c.env.ENVIRONMENT === "test") return;
  log(c.res.status >= 500 ? "error" : "info", "request", {
    request_id: c.get("requestId"),
    method: c.req.method,
    route: routePath(c),
    status: c.res.status,
    ms: Date.now() - started,
  });
};
