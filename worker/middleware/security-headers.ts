import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/app-env";

/** API responses are data, never pages to run: the strictest CSP, no sniffing, no framing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The headers every response of an app carries, with `csp` for any response that set no CSP
 * of its own. Each app passes its own: a 304 carries no CSP from its handler, and a browser
 * merges a 304's headers into the copy it revalidated (RFC 9111 §4.3.4), so a page's 304
 * with the API's `default-src 'none'` would make the cached page block its own scripts and
 * styles from then on (the e2e fault of issue 10).
 */
export function securityHeadersWith(csp: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", csp);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Resource-Policy", "cross-origin");
  };
}

export const securityHeaders = securityHeadersWith(API_CSP);
