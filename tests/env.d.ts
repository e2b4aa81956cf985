import type { D1Migration } from "@cloudflare/vitest-plugin";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** The test run's ledger signing key (vitest.config.ts). */
      LEDGER_SIGNING_KEY: string;
    }
  }
}
export {};
