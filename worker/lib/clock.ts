import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";

/**
 * "Now" for handlers that judge time (objection periods, report deadlines).
 *
 * In production this is always the Worker's clock. Tests freeze it per request with an
 * `x-test-now: <ISO instant>` header, which is honoured ONLY when the binding
 * `ENVIRONMENT` is "test" (set by vitest's miniflare config, never in wrangler.toml), so a
 * client cannot move a real deployment's clock. A module-level clock would leak between
 * requests and could not be frozen from outside the Worker.
 */
export function clock(c: Context<AppEnv>): Date {
  if (c.env.ENVIRONMENT !== "test") return new Date();
  const frozen = c.req.header("x-test-now");
  if (!frozen) return new Date();
  const at = new Date(frozen);
  if (Number.isNaN(at.getTime())) {
    throw new ApiError(400, "invalid_request", "x-test-now must be an ISO 8601 instant", [{ path: "header.x-test-now", message: "not an instant" }]);
  }
  return at;
}
