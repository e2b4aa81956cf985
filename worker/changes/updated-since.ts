/**
 * `updated_since=` on the public lists whose rows carry `updated_at`: only rows changed at or
 * after the instant, in change order (updated_at, id) — the cursor holds both. A row changed
 * while a client pages gets a later updated_at and is listed again further on (at least once,
 * never skipped for being moved behind the cursor). Writers stamp updated_at with their own
 * clock before their batch commits, so a write in flight when a page is read can commit with
 * a slightly earlier stamp: `meta.poll_since` (the read's time less POLL_MARGIN_MS) is the
 * value to poll with next, and re-lists those rows rather than missing them. Each list has an
 * index on (updated_at, id) (migrations 0026 and 0028).
 */
import { z } from "@hono/zod-openapi";
import { gte, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { ApiError } from "../lib/errors";
import { keysetAfter, keysetOrder } from "../lib/sorting";

/** Longer than any write's time from taking its clock to committing its batch. */
export const POLL_MARGIN_MS = 60_000;

export const updatedSinceParam = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 instant with a time zone, e.g. 2026-12-01T00:00:00Z" })
  .optional()
  .openapi({
    description:
      "Only rows changed (`updated_at`) at or after this instant, ordered by (updated_at, id) instead of `sort`. Poll again with `meta.poll_since` of your first page: rows changed while you paged are listed again, never missed.",
    example: "2026-12-01T00:00:00Z",
  });

/** The instant in the stored form (UTC, milliseconds), or undefined. Refuses `sort=` alongside it. */
export function updatedSince(query: { updated_since?: string; sort?: string }): string | undefined {
  if (query.updated_since === undefined) return undefined;
  if (query.sort !== undefined) {
    throw new ApiError(400, "invalid_request", "Invalid query: query.sort — cannot be combined with updated_since (rows come in change order)", [
      { path: "query.sort", message: "cannot be combined with updated_since (rows come in change order)" },
    ]);
  }
  return new Date(query.updated_since).toISOString();
}

/** `meta.poll_since`: where the next poll starts so that no write in flight now is missed. */
export const pollSince = (now: Date): string => new Date(now.getTime() - POLL_MARGIN_MS).toISOString();

/** The cursor of a change-ordered page: the last row's updated_at and key. */
export const ChangeCursorSchema = z.tuple([z.string().max(40), z.union([z.string().max(64), z.number().int()])]);
export type ChangeCursor = z.infer<typeof ChangeCursorSchema>;

/**
 * The where terms and order of a change-ordered page on an index (updated_at, key): rows
 * changed at or after `since`, after the cursor. The same keyset terms as `sort=` pages.
 */
export function changedSince(updatedAt: SQLiteColumn, key: SQLiteColumn, since: string, after: ChangeCursor | undefined): { where: SQL[]; orderBy: SQL[] } {
  return {
    where: [gte(updatedAt, since), ...(after ? [keysetAfter(updatedAt, key, false, after)] : [])],
    orderBy: keysetOrder(updatedAt, key, false),
  };
}

/** `meta` of a list answered in change order: the instant and where to poll from next. */
export function changeMeta(since: string | undefined, now: Date): Record<string, unknown> {
  return since ? { sort: "updated", poll_since: pollSince(now) } : {};
}

/** The `updated_at` field of a list's item: what changes it, in the dataset's words. */
export const updatedAtField = (what: string) => z.string().openapi({ description: `Last change (UTC; \`updated_since=\`): ${what}`, format: "date-time" });

/** The order of a list answered with `updated_since=`: (updated_at, key) ascending. */
export const CHANGE_ORDER = { key: "updated", descending: false } as const;
