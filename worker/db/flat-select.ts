import { Column, is, SQL } from "drizzle-orm";
import type { Db } from "./client";

/** A built drizzle select whose fields are flat (no nested objects), e.g. `db.select({ a: t.a, b: sql`…` })…`. */
interface FlatSelect {
  toSQL(): { sql: string; params: unknown[] };
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/**
 * Runs a flat select through D1's `raw()` (rows as arrays) and turns each row into an object
 * with decoders looked up once per query. drizzle's own mapping checks every cell's field
 * type with `is()` and walks its path; for the 1,000-row pages of an export that was a third
 * of the Worker's time (bench/app.ts, node --cpu-prof). Same values as awaiting the query
 * (tests/db/flat-select.test.ts).
 */
export async function selectFlat<Row>(db: Db, query: FlatSelect): Promise<Row[]> {
  const { sql, params } = query.toSQL();
  // drizzle selects the fields in the object's key order (its orderSelectedFields); the selection is not in its public types.
  const selected = (query as unknown as { _: { selectedFields: Record<string, unknown> } })._.selectedFields;
  const keys = Object.keys(selected);
  const decoders = keys.map((key): Decoder => {
    const field = selected[key];
    if (is(field, Column)) return field;
    if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
    if (is(field, SQL.Aliased)) return (field.sql as unknown as { decoder: Decoder }).decoder;
    throw new Error(`selectFlat: field ${key} is not a column or SQL (nested selections are not supported)`);
  });
  const rows = await db.$client.prepare(sql).bind(...params).raw();
  const out = new Array<Row>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as unknown[];
    const object: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = row[i];
      object[keys[i]!] = value === null ? null : decoders[i]!.mapFromDriverValue(value);
    }
    out[r] = object as Row;
  }
  return out;
}
