/**
 * Once per test run, in Node: the demo register's releases through the same import code the
 * workers run (scripts/demo-register-tables.ts: seedRegisterDemo → importHouseholds →
 * registerTables, with whichever gate imports run), against a scratch SQLite database. The
 * protected tables it computes are handed to every test file's worker (provide →
 * tests/setup.ts → preloadTables), keyed by the hash of the gate's input: a test file that
 * seeds the demo then gets exactly what the gate computed, without paying minutes of LP per
 * file. A file that imports anything else runs the gate itself. Results are also kept on disk,
 * keyed by the gate's code (scripts/register-tables-store.ts): a fresh clone or a changed gate
 * recomputes.
 */
import type { TestProject } from "vitest/node";
import { demoRegisterTables } from "../scripts/demo-register-tables";

export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const { tables, hits } = await demoRegisterTables();
  project.provide("registerTables", Object.fromEntries(tables));
  console.log(`disclosure gate: the demo register's ${tables.size} releases ${hits === tables.size ? "from .wrangler/cache/register-tables" : "computed"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
