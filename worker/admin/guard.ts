import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/**
 * A statement that aborts its batch when the statement before it changed no rows (see the
 * write_guard view in migrations/0002). Put it right after a conditional UPDATE such as
 * `… SET status = 'closed' WHERE id = ? AND status = 'open'` so two racing administrators
 * cannot both succeed or skip a status: the loser's whole batch rolls back.
 */
export function guardChanged(db: Db) {
  return db.run(sql`INSERT INTO write_guard (changed) VALUES (changes())`);
}

/** A D1 error's message with its cause (where D1 puts SQLite's own words). */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error);
}

export function isWriteGuardAbort(error: unknown): boolean {
  return errorText(error).includes("write_guard");
}
