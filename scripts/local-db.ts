/**
 * Opens the local D1 database (the SQLite file `wrangler dev` uses, under .wrangler/state)
 * from Node through wrangler's platform proxy, so scripts write through the same query
 * modules as the Worker.
 */
import { getPlatformProxy } from "wrangler";
import { createDb, type Db } from "../worker/db/client";

export async function withLocalDb<T>(run: (db: Db, d1: D1Database, env: Env) => Promise<T>, options: { persistPath?: string } = {}): Promise<T> {
  // persistPath: another local state directory (the register bench keeps its own).
  const proxy = await getPlatformProxy<Env>({ configPath: "wrangler.toml", persist: options.persistPath ? { path: options.persistPath } : true });
  try {
    return await run(createDb(proxy.env.DB), proxy.env.DB, proxy.env);
  } finally {
    await proxy.dispose();
  }
}
