import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** A drizzle client over one D1 binding; create it per request from `c.env.DB`. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Db = ReturnType<typeof createDb>;
