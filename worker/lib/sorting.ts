/**
 * `sort=` on lists: a key, `-key` for descending. Every order is keyset-paged on
 * (sort value, id) — the cursor carries both — and each key has an index ending in the
 * id (migration 0011), so a page reads its rows in order and stops at the limit.
 */
import { z } from "@hono/zod-openapi";
import { asc, desc, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export interface SortOrder<K extends string> {
  key: K;
  descending: boolean;
}

/** The `sort` query parameter of a list that can be ordered by these keys. */
export function sortParam<K extends string>(keys: readonly [K, ...K[]], defaultText: string) {
  const values = keys.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];
  return z
    .enum(values, { error: `must be one of ${values.join(", ")}` })
    .optional()
    .openapi({ description: `Order of the rows: ${keys.map((k) => `\`${k}\``).join(", ")}; a leading \`-\` for descending. ${defaultText}` });
}

export function parseSort<K extends string>(value: string | undefined, fallback: K): SortOrder<K> {
  if (!value) return { key: fallback, descending: false };
  return value.startsWith("-") ? { key: value.slice(1) as K, descending: true } : { key: value as K, descending: false };
}

/**
 * Rows after the cursor's (value, id) in this direction. Written as `v >= a AND (v > a OR
 * id > b)` rather than a row-value comparison: the first term bounds the index range (SQLite
 * does not bound an expression index by a row value), the second skips the rows of the
 * cursor's own value already listed.
 */
export function keysetAfter(value: SQL | SQLiteColumn, id: SQLiteColumn, descending: boolean, after: readonly [string | number, string | number]): SQL {
  const [v, key] = after;
  return descending ? sql`(${value} <= ${v} AND (${value} < ${v} OR ${id} < ${key}))` : sql`(${value} >= ${v} AND (${value} > ${v} OR ${id} > ${key}))`;
}

export function keysetOrder(value: SQL | SQLiteColumn, id: SQLiteColumn, descending: boolean): SQL[] {
  return descending ? [desc(value), desc(id)] : [asc(value), asc(id)];
}

/** Cursor of a sorted page: the sort value and the id of the last row. */
export const SortCursorSchema = z.tuple([z.union([z.string(), z.number()]), z.string()]);
