/**
 * Starts the portal for the browser tests as `npm start` serves it, but on a free port and
 * with its own database directory (the developer's local data is never touched); stops it
 * when the run ends.
 */
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startPortal } from "../../scripts/portal";

export const E2E_PERSIST_DIR = ".wrangler/e2e";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // A fresh database every run: the demo notices are anchored to the day they are seeded
  // (some open today, one opening tomorrow), so a database left from another day is stale.
  rmSync(E2E_PERSIST_DIR, { recursive: true, force: true });
  const portal = await startPortal({ persistTo: E2E_PERSIST_DIR });
  project.provide("baseUrl", portal.baseUrl);
  return portal.stop;
}
