// Worker secrets (not in wrangler.toml, so `wrangler types` does not see them). Set with
// `wrangler secret put NAME`; `npm start` writes development values to .dev.vars.
interface Env {
  /** R1: HMAC key of household pseudonyms (privacy.md). At least 32 characters. */
  PSEUDONYM_KEY?: string;
}
declare namespace Cloudflare {
  interface Env {
    PSEUDONYM_KEY?: string;
  }
}
