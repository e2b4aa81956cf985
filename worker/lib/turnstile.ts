import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { ApiError } from "./errors";
import { log } from "./logger";

export const SITEVERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

/**
 * Cloudflare Turnstile, switched on by configuration (TURNSTILE_ENABLED = "true" plus the
 * TURNSTILE_SECRET secret). Off by default: challenges.cloudflare.com may not be reachable
 * from residents' networks, and a resident who cannot object is worse than some spam.
 */
export function turnstileEnabled(env: Env): boolean {
  return env.TURNSTILE_ENABLED === "true";
}

/** Verifies a token against siteverify; 403 when refused, 503 when Turnstile cannot be reached. */
export async function requireTurnstile(c: Context<AppEnv>, token: string | undefined): Promise<void> {
  if (!turnstileEnabled(c.env)) return;
  const secret = c.env.TURNSTILE_SECRET;
  if (!secret) {
    log("error", "turnstile_misconfigured", { request_id: c.get("requestId") });
    throw new ApiError(503, "captcha_unavailable", "The anti-spam check is switched on but not configured. Please try again later.");
  }
  if (!token) {
    throw new ApiError(400, "invalid_request", "Invalid body: body.turnstile_token — is required", [{ path: "body.turnstile_token", message: "is required" }]);
  }
  // The client's IP is deliberately not sent (remoteip is optional): it is not ours to pass on.
  const form = new FormData();
  form.append("secret", secret);
  form.append("response", token);
  form.append("idempotency_key", crypto.randomUUID());
  let outcome: { success?: boolean; "error-codes"?: string[] };
  try {
    const res = await fetch(SITEVERIFY_URL, { method: "POST", body: form });
    outcome = (await res.json()) as typeof outcome;
  } catch {
    log("warn", "turnstile_unreachable", { request_id: c.get("requestId") });
    throw new ApiError(503, "captcha_unavailable", "The anti-spam check could not be reached. Please try again later.");
  }
  if (outcome.success !== true) {
    throw new ApiError(403, "captcha_failed", "The anti-spam check failed. Reload the page and try again.", [
      { path: "body.turnstile_token", message: "was not accepted" },
    ]);
  }
}
