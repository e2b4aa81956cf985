import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/app-env";

/** Gives every request an id, returned as X-Request-Id and carried in logs and errors. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = crypto.randomUUID();
  c.set("requestId", id);
  c.header("X-Request-Id", id);
  await next();
  c.res.headers.set("X-Request-Id", id);
};
