import { Column, is, sql, SQL } from "drizzle-orm";
import type { Db } from "./client";

/** A built drizzle select whose fields are flat (no nested objects), e.g. `db.select({ a: t.a, b: sql`…` })…`. */
interface FlatSelect {
  toSQL(): { sql: string; params: unknown[] };
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** How a flat select's rows (arrays, in selection order) become objects: keys and decoders, found once. */
export interface FlatShape {
  keys: string[];
  /** null where the value passes through unchanged (text columns, `sql` without a decoder): no call per cell. */
  decoders: (Decoder | null)[];
}

/** drizzle's pass-through decoders: a plain column's (text, integer without a mode) and an `sql` fragment's default. */
const IDENTITY_DECODERS = new Set<unknown>([Column.prototype.mapFromDriverValue, (sql`` as unknown as { decoder: Decoder }).decoder.mapFromDriverValue]);

export function flatShape(query: FlatSelect): FlatShape {
  // drizzle selects the fields in the object's key order (its orderSelectedFields); the selection is not in its public types.
  const selected = (query as unknown as { _: { selectedFields: Record<string, unknown> } })._.selectedFields;
  const keys = Object.keys(selected);
  const decoders = keys.map((key): Decoder | null => {
    const field = selected[key];
    let decoder: Decoder;
    if (is(field, Column)) decoder = field;
    else if (is(field, SQL)) decoder = (field as unknown as { decoder: Decoder }).decoder;
    else if (is(field, SQL.Aliased)) decoder = (field.sql as unknown as { decoder: Decoder }).decoder;
    else throw new Error(`selectFlat: field ${key} is not a column or SQL (nested selections are not supported)`);
    return IDENTITY_DECODERS.has(decoder.mapFromDriverValue) ? null : decoder;
  });
  return { keys, decoders };
}

/** Runs SQL text with its parameters through D1's `raw()` and maps the rows with a FlatShape. */
export async function runFlat<Row>(db: Db, sql: string, params: readonly unknown[], shape: FlatShape): Promise<Row[]> {
  const rows = await db.$client.prepare(sql).bind(...params).raw();
  const { keys, decoders } = shape;
  const out = new Array<Row>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as unknown[];
    const object: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = row[i];
      const decoder = decoders[i];
      object[keys[i]!] = value === null || decoder === null ? value : decoder!.mapFromDriverValue(value);
    }
    out[r] = object as Row;
  }
  return out;
}

/**
 * Runs a flat select through D1's `raw()` (rows as arrays) and turns each row into an object
 * with decoders looked up once per query. drizzle's own mapping checks every cell's field
 * type with `is()` and walks its path; for the 1,000-row pages of an export that was a third
 * of the Worker's time (bench/app.ts, node --cpu-prof). Same values as awaiting the query
 * (tests/db/flat-select.test.ts).
 */
export function selectFlat<Row>(db: Db, query: FlatSelect): Promise<Row[]> {
  const { sql, params } = query.toSQL();
  return runFlat<Row>(db, sql, params, flatShape(query));
}

/**
 * Building a query with drizzle costs about as much CPU as running it on SQLite (0.27 ms vs
 * 0.22 ms for a 100-row village page, bench/app.ts). For a query whose SQL text depends only
 * on which filters are present, `ShapeCache` keeps the text and row shape per "shape key" and
 * takes the parameters from a function that lists them in the order drizzle binds them. The
 * first build of each shape checks that order against drizzle's own, and a mismatch is a
 * programming error (thrown), never a wrong query.
 */
export class ShapeCache {
  private readonly shapes = new Map<string, { sql: string; shape: FlatShape }>();

  run<Row>(db: Db, key: string, params: readonly unknown[], build: () => FlatSelect): Promise<Row[]> {
    let entry = this.shapes.get(key);
    if (!entry) {
      const query = build();
      const built = query.toSQL();
      if (built.params.length !== params.length || built.params.some((p, i) => p !== params[i])) {
        throw new Error(`ShapeCache(${key}): parameters listed out of drizzle's order`);
      }
      entry = { sql: built.sql, shape: flatShape(query) };
      this.shapes.set(key, entry);
    }
    return runFlat<Row>(db, entry.sql, params, entry.shape);
  }
}
