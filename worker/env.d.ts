// Every binding and secret the Worker reads that `wrangler types` does not generate, declared
// once. Secrets are not in wrangler.toml: set them with `wrangler secret put NAME` (`npm
// start` writes development values to .dev.vars). The [[ratelimits]] binding is in
// wrangler.toml, but this wrangler's `types` does not emit it.
interface PortalBindings {
  /** R1: HMAC key of household pseudonyms (privacy.md). At least 32 characters. */
  PSEUDONYM_KEY?: string;
  /**
   * The ledger's Ed25519 signing key, PKCS#8 DER in base64. Required for any money write;
   * worker/lib/ledger-key.ts still checks it at run time and answers 503 when it is missing.
   */
  LEDGER_SIGNING_KEY: string;
  /** Workers Rate Limiting binding ([[ratelimits]] in wrangler.toml) for public POSTs. */
  PUBLIC_POST_LIMITER: RateLimit;
  /** Citable snapshots' files ([[r2_buckets]] in wrangler.toml; worker/snapshots). */
  SNAPSHOTS: R2Bucket;
  /** Register files uploaded through the console, until checked ([[r2_buckets]]; worker/import). */
  IMPORTS: R2Bucket;
  /** The console import's background steps ([[queues.producers]]; worker/import/steps.ts). */
  IMPORT_QUEUE: Queue<ImportStepMessage>;
  /** "true" switches Cloudflare Turnstile on for public POSTs (off by default). */
  TURNSTILE_ENABLED?: string;
  /** Turnstile secret key (`wrangler secret put TURNSTILE_SECRET`). */
  TURNSTILE_SECRET?: string;
  /** Cloudflare Access team domain (`<team>.cloudflareaccess.com`); with ACCESS_AUD switches Access sign-in on (worker/auth/access.ts). */
  ACCESS_TEAM_DOMAIN?: string;
  /** The Access application's audience (AUD) tag. */
  ACCESS_AUD?: string;
  /**
   * Local development only (`npm start` passes it with --var; never set in production, and
   * ignored when ENVIRONMENT is "production"): where register imports look up protected tables
   * that Node already computed with the same gate code (worker/lib/dev-tables-store.ts).
   */
  DEV_REGISTER_TABLES_URL?: string;
}
declare global {
  /** A console import's next step (worker/import/steps.ts). */
  interface ImportStepMessage {
    job: string;
    step: number;
  }
  interface Env extends PortalBindings {}
  namespace Cloudflare {
    interface Env extends PortalBindings {}
  }
}
export {};
