/**
 * `updated_since=` on the public lists whose rows carry `updated_at`: only rows changed at or
 * after the instant, in change order (updated_at, id) — the cursor holds both. A row changed
 * while a client pages gets a later updated_at and is listed again further on (at least once,
 * never skipped for being moved behind the cursor). Writers stamp updated_at with their own
 * clock before their batch commits, so a write in flight when a page is read can commit with
 * a slightly earlier stamp: `meta.poll_since` (the read's time less POLL_MARGIN_MS) is the
 * value to poll with next, and re-lists those rows rather than missing them. Each list has an
 * index on (updated_at, id) (migration 0026).
 */
import { z } from "@hono/zod-openapi";
import { ApiError } from "../lib/errors";

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
