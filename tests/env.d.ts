import type { D1Migration } from "@cloudflare/vitest-plugin";

// Test-only bindings (vitest.config.ts); the Worker's own are declared in worker/env.d.ts.
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
export {};
