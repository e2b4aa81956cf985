import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inject } from "vitest";
import { preloadTables } from "../worker/domain/disclosure/tables-cache";

// Storage is isolated per test file; migrations are idempotent so every file gets the schema.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// The demo register's releases, already through the joint disclosure gate once this run (tests/global-setup.ts).
preloadTables(inject("registerTables") ?? {});
