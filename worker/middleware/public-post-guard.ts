import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../lib/app-env";
import { ApiError } from "../lib/errors";

/** Seconds a client is asked to wait after hitting the limit (the binding's period). */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * Per-client damping of public POSTs through the Workers Rate Limiting binding. The key is
 * the scope plus the connecting IP, which lives only in this request's memory and in the
 * limiter's counters: it is never written to D1 or to a log (privacy.md). Requests without
 * the header (local tools) share one bucket. Shared carrier NAT puts many residents behind
 * one address, so the limit (wrangler.toml) is generous: it stops floods, not people.
 */
export function rateLimit(scope: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Optional at runtime: an environment deployed without the binding is not limited, not broken.
    const limiter = c.env.PUBLIC_POST_LIMITER as RateLimit | undefined;
    if (limiter) {
      const client = c.req.header("CF-Connecting-IP") ?? "no-client-address";
      const { success } = await limiter.limit({ key: `${scope}:${client}` });
      if (!success) {
        throw new ApiError(
          429,
          "rate_limited",
          `Too many submissions from your network. Please wait ${RATE_LIMIT_PERIOD_SECONDS} seconds and try again.`,
          [],
          { "Retry-After": String(RATE_LIMIT_PERIOD_SECONDS) },
        );
      }
    }
    await next();
  };
}

/** 415 unless the body is JSON: forms post JSON through the site's script or curl. */
export const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header("Content-Type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.", [
      { path: "header.content-type", message: "must be application/json" },
    ]);
  }
  await next();
};

/** 413 in the error shape when the body is larger than `maxBytes` (checked while reading, not trusted from Content-Length alone). */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KB.`, [
        { path: "body", message: `must be at most ${maxBytes} bytes` },
      ]);
    },
  });
}

/** Everything a public POST goes through before its body is parsed, in order. */
export function publicPostGuard(scope: string, maxBytes: number): MiddlewareHandler<AppEnv>[] {
  return [rateLimit(scope), requireJson, limitBody(maxBytes)];
}
