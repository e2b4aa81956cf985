/**
 * Starts the portal for the browser tests as `npm start` serves it, but on a free port and
 * with its own database directory (the developer's local data is never touched); stops it
 * when the run ends.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startPortal } from "../../scripts/portal";

export const E2E_PERSIST_DIR = ".wrangler/e2e";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** An editor token for Wuhu and below in the e2e database (the admin CLI made it). */
    adminToken: string;
  }
}

export default async function setup(project: TestProject) {
  // A fresh database every run: the demo notices are anchored to the day they are seeded
  // (some open today, one opening tomorrow), so a database left from another day is stale.
  rmSync(E2E_PERSIST_DIR, { recursive: true, force: true });
  // The test clock: the console journey freezes the server's "now" (x-test-now) to end a period.
  process.env.GONGKAI_TEST_CLOCK = "1";
  // The demo register's releases are imported once the portal serves (the disclosure gate may
  // take minutes); the monitoring and console-import journeys read its figures, so wait for them.
  const portal = await startPortal({ persistTo: E2E_PERSIST_DIR, waitForRegister: true });
  project.provide("baseUrl", portal.baseUrl);
  project.provide("adminToken", createEditorToken());
  return portal.stop;
}

/** A token made with the admin CLI on the e2e database, as an administrator would. */
function createEditorToken(): string {
  const made = spawnSync("npx", ["tsx", "scripts/admin.ts", "token", "create", "--role", "editor", "--region", "340200000000", "--label", "e2e"], {
    env: { ...process.env, GONGKAI_PERSIST_TO: E2E_PERSIST_DIR },
    encoding: "utf8",
  });
  const token = /^gk_\S+$/m.exec(made.stdout ?? "")?.[0];
  if (!token) throw new Error(`admin token create failed:\n${made.stdout}\n${made.stderr}`);
  return token;
}
