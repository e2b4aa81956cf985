/**
 * Node only: an in-memory SQLite database with the project's migrations and the demo's
 * regions and village statuses, through the same loaders as the seed — the ground the demo
 * register is imported onto by the test run's global setup, the demo-wide disclosure test and
 * bench/disclosure-joint.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { sqliteAsD1 } from "./sqlite-d1";
import { createDb, type Db } from "../worker/db/client";
import { DEFAULT_SEED } from "../worker/demo";
import { loadRegions, loadVillageStatuses } from "../worker/demo/load";
import { createRandom } from "../worker/demo/random";
import { demoRegions } from "../worker/demo/regions";

export async function scratchDemoRegionsDb(): Promise<{ scratch: DatabaseSync; db: Db; loadedAt: Date }> {
  const scratch = new DatabaseSync(":memory:");
  for (const migration of readdirSync("migrations").filter((f) => f.endsWith(".sql")).sort()) scratch.exec(readFileSync(join("migrations", migration), "utf8"));
  const db = createDb(sqliteAsD1(scratch));
  const base = demoRegions(createRandom(DEFAULT_SEED));
  const loadedAt = new Date();
  await loadRegions(db, base.regions, loadedAt.toISOString());
  await loadVillageStatuses(db, base.villages, loadedAt.toISOString());
  return { scratch, db, loadedAt };
}
