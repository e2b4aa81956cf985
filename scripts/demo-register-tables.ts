/**
 * The demo register's published tables, computed in Node by the same import code the Worker
 * runs (seedRegisterDemo → importHouseholds → registerTables, with whichever gate imports run)
 * against a scratch SQLite database with the project's migrations and the demo's regions. Keyed
 * by the gate's input hash (tables-cache.ts tablesKey), so an import of the same households
 * finds them; kept on disk under .wrangler/cache/register-tables/ by the gate's code hash
 * (scripts/register-tables-store.ts): a fresh clone or a changed gate recomputes.
 * Used by the test run's global setup (tests/global-setup.ts) and by npm start's demo register
 * import (scripts/import-demo-register.ts), which hand them to a Worker as a cache.
 */
import { DEFAULT_SEED } from "../worker/demo";
import { seedRegisterDemo } from "../worker/demo/register";
import type { RegisterTables } from "../worker/domain/disclosure/tables";
import { useTablesStore } from "../worker/domain/disclosure/tables-cache";
import { fileTablesStore } from "./register-tables-store";
import { scratchDemoRegionsDb } from "./scratch-demo-db";

export interface DemoRegisterTables {
  tables: Map<string, RegisterTables>;
  /** How many came from .wrangler/cache/register-tables (the rest were computed). */
  hits: number;
}

/** `onTables` hears each release's tables as soon as they are there (the Worker may be waiting for them). */
export async function demoRegisterTables(onTables?: (key: string, tables: RegisterTables) => void): Promise<DemoRegisterTables> {
  const { scratch, db, loadedAt } = await scratchDemoRegionsDb();
  const store = fileTablesStore();
  useTablesStore({
    get: async (key) => {
      const tables = await store.get(key);
      if (tables) onTables?.(key, tables);
      return tables;
    },
    set: (key, tables) => {
      store.set(key, tables);
      onTables?.(key, tables);
    },
  });
  try {
    await seedRegisterDemo(db, { seed: DEFAULT_SEED, loadedAt });
  } finally {
    useTablesStore(undefined);
    scratch.close();
  }
  return { tables: store.written, hits: store.hits };
}
