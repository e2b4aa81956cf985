import { drizzle } from "drizzle-orm/d1";

/**
 * A drizzle client over one D1 binding (or session); create it per request from `c.env.DB`.
 * No `schema` option: nothing uses drizzle's relational queries (`db.query.*`), and with a
 * schema drizzle re-derives every table's relations on each call, which cost about a fifth
 * of an in-process page request (bench/app.ts, node --cpu-prof).
 */
export function createDb(d1: D1Database) {
  return drizzle(d1);
}
export type Db = ReturnType<typeof createDb>;
