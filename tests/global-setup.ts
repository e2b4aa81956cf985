/**
 * Once per test run, in Node: the demo register's releases through the same import code the
 * workers run (seedRegisterDemo → importHouseholds → registerTables, with whichever
 * gate imports run), against a scratch SQLite database with the project's migrations. The protected tables
 * it computes are handed to every test file's worker (provide → tests/setup.ts →
 * preloadTables), keyed by the hash of the gate's input: a test file that seeds the demo then
 * gets exactly what the gate computed, without paying minutes of LP per file. A file that
 * imports anything else runs the gate itself. Results are also kept on disk, keyed by the
 * gate's code (scripts/register-tables-store.ts): a fresh clone or a changed gate recomputes.
 */
import type { TestProject } from "vitest/node";
import { fileTablesStore } from "../scripts/register-tables-store";
import { DEFAULT_SEED } from "../worker/demo";
import { seedRegisterDemo } from "../worker/demo/register";
import { useTablesStore } from "../worker/domain/disclosure/tables-cache";
import { scratchDemoRegionsDb } from "../scripts/scratch-demo-db";

export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const { scratch, db, loadedAt } = await scratchDemoRegionsDb();
  const store = fileTablesStore();
  useTablesStore(store);
  try {
    await seedRegisterDemo(db, { seed: DEFAULT_SEED, loadedAt });
  } finally {
    useTablesStore(undefined);
    scratch.close();
  }
  project.provide("registerTables", Object.fromEntries(store.written));
  console.log(`disclosure gate: the demo register's ${store.written.size} releases ${store.hits === store.written.size ? "from .wrangler/cache/register-tables" : "computed"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
