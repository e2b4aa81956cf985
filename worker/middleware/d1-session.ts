import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/app-env";
import { openRequestSession } from "../lib/d1-session";

/**
 * Runs the request on a D1 session (see lib/d1-session.ts): handlers keep using
 * `c.env.DB`, which for this request is the session. The env object is copied, not
 * changed: it is shared by every request the isolate serves.
 */
export const d1Session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const session = openRequestSession(c.req.raw, c.env.DB);
  c.env = { ...c.env, DB: session.db };
  await next();
  const finished = session.finish(c.res);
  // Assigning c.res makes Hono copy the response: only when finish() had to replace it.
  if (finished !== c.res) c.res = finished;
};
