import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";

/** D1 binds at most 100 parameters per statement; drizzle does not split inserts itself. */
export const MAX_BOUND_PARAMETERS = 100;

export function rowsPerStatement(columnCount: number): number {
  return Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / columnCount));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Insert statements for many rows, each within the parameter limit. `columnCount` is the
 * number of columns one row binds.
 */
export function chunkedInserts<Row>(rows: readonly Row[], columnCount: number, insert: (rows: Row[]) => BatchItem<"sqlite">): BatchItem<"sqlite">[] {
  return chunk(rows, rowsPerStatement(columnCount)).map(insert);
}

/** Runs statements as one atomic batch (D1 batch = one transaction). */
export async function atomically(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  if (statements.length === 0) return;
  const [first, ...rest] = statements;
  await db.batch([first!, ...rest]);
}
