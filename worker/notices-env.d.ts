// Bindings used by public notices and reports (issue 6). Kept in their own declaration file
// so that merging other features' bindings does not touch the generated types.
interface NoticesBindings {
  /** Workers Rate Limiting binding ([[ratelimits]] in wrangler.toml) for public POSTs. */
  PUBLIC_POST_LIMITER: RateLimit;
  /** "true" switches Cloudflare Turnstile on for public POSTs (off by default). */
  TURNSTILE_ENABLED?: string;
  /** Turnstile secret key (`wrangler secret put TURNSTILE_SECRET`). */
  TURNSTILE_SECRET?: string;
}
declare global {
  interface Env extends NoticesBindings {}
  namespace Cloudflare {
    interface Env extends NoticesBindings {}
  }
}
export {};
