/**
 * Keyset pages for the console's lists (needs, cases, contacts; funds projects and donations). `?cursor=` carries the
 * last row's sort key, encoded as the API's cursors are, so "next page" is a plain link (no
 * script) and no page is read by OFFSET. A cursor that does not decode to the list's key (an
 * edited or truncated link) is answered 400 with a link back to the first page, never a 500.
 */
import type { z } from "zod";
import { decodeCursor, encodeCursor } from "../../lib/listing";
import type { C } from "../kit";

/** Rows a processes screen shows at once. */
export const PAGE_SIZE = 100;

/** What a screen's pager needs: the next page's cursor, whether this is a later page, a refused cursor. */
export interface Paging {
  next: string | null;
  later: boolean;
  stale: boolean;
}

/** The requested page: the key to read after, or `stale` when the cursor is not one of ours. */
export function requestedPage<K>(c: C, keySchema: z.ZodType<K>, param = "cursor"): { after: K | undefined; stale: boolean } {
  const cursor = c.req.query(param);
  if (cursor === undefined || cursor === "") return { after: undefined, stale: false };
  try {
    return { after: decodeCursor(cursor, keySchema), stale: false };
  } catch {
    return { after: undefined, stale: true };
  }
}

/**
 * Reads one page (one row more than shown tells whether another follows) and what its pager
 * shows. A stale cursor reads nothing: the screen says why and links to the first page.
 */
export async function readPage<R, K>(
  c: C,
  keySchema: z.ZodType<K>,
  read: (after: K | undefined, limit: number) => Promise<R[]>,
  keyOf: (row: R) => K,
  /** The query parameter of the cursor: a page with several lists gives each its own. */
  param = "cursor",
): Promise<{ rows: R[]; paging: Paging; status: 200 | 400 }> {
  const { after, stale } = requestedPage(c, keySchema, param);
  if (stale) return { rows: [], paging: { next: null, later: true, stale: true }, status: 400 };
  return { ...(await pageAfter(after, read, keyOf)), status: 200 };
}

/**
 * One page after `after` (the first page when undefined), whatever the request says: for a
 * screen that shows the first page of a list whose later pages are another screen's (the funds
 * overview links on to /admin/funds/projects/?cursor=…).
 */
export async function pageAfter<R, K>(after: K | undefined, read: (after: K | undefined, limit: number) => Promise<R[]>, keyOf: (row: R) => K): Promise<{ rows: R[]; paging: Paging }> {
  const rows = await read(after, PAGE_SIZE + 1);
  const shown = rows.slice(0, PAGE_SIZE);
  const next = rows.length > PAGE_SIZE ? encodeCursor(keyOf(shown[shown.length - 1]!)) : null;
  return { rows: shown, paging: { next, later: after !== undefined, stale: false } };
}
