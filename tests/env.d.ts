import type { D1Migration } from "@cloudflare/vitest-plugin";
import type { RegisterTables } from "../worker/domain/disclosure/tables";

// Test-only bindings (vitest.config.ts); the Worker's own are declared in worker/env.d.ts.
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
declare module "vitest" {
  export interface ProvidedContext {
    /** The demo register's protected tables, computed once per run (tests/global-setup.ts). */
    registerTables: Record<string, RegisterTables>;
  }
}
export {};
