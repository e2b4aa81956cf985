/**
 * Opens the local D1 database (the SQLite file `wrangler dev` uses, under .wrangler/state)
 * from Node through wrangler's platform proxy, so scripts write through the same query
 * modules as the Worker.
 */
import { getPlatformProxy } from "wrangler";
import { createDb, type Db } from "../worker/db/client";

/**
 * Where the local D1 lives. `GONGKAI_PERSIST_TO` (the same directory as wrangler's
 * `--persist-to`) gives a separate database, so end-to-end tests never touch the developer's.
 */
export function localPersistOption(): true | { path: string } {
  const dir = process.env.GONGKAI_PERSIST_TO;
  // wrangler's --persist-to X keeps its state in X/v3; getPlatformProxy takes that inner path.
  return dir ? { path: `${dir.replace(/\/+$/, "")}/v3` } : true;
}

export async function withLocalDb<T>(run: (db: Db, d1: D1Database, env: Env) => Promise<T>, options: { persistPath?: string } = {}): Promise<T> {
  // persistPath: another local state directory (the register bench keeps its own).
  const proxy = await getPlatformProxy<Env>({ configPath: "wrangler.toml", persist: options.persistPath ? { path: options.persistPath } : localPersistOption() });
  try {
    return await run(createDb(proxy.env.DB), proxy.env.DB, proxy.env);
  } finally {
    await proxy.dispose();
  }
}
