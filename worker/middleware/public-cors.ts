import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/app-env";

const EXPOSED = "ETag, Link, X-Request-Id, Retry-After, Content-Disposition, X-Cache, X-D1-Bookmark";

/**
 * Open data may be read from any origin (scripts, notebooks, other sites):
 * `Access-Control-Allow-Origin: *` on every public route. Admin routes are excluded:
 * they take bearer tokens and are not meant for browsers on other origins.
 */
export const publicCors: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (new URL(c.req.url).pathname.startsWith("/api/v1/admin")) return next();
  if (c.req.method === "OPTIONS") {
    return new Response(null, {
      status: 204,
      headers: {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type, If-None-Match, Accept, X-D1-Bookmark",
        "Access-Control-Max-Age": "86400",
      },
    });
  }
  await next();
  c.res.headers.set("Access-Control-Allow-Origin", "*");
  c.res.headers.set("Access-Control-Expose-Headers", EXPOSED);
};
