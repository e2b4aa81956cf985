/**
 * One keyset page of a public list for a page that pages with plain links: `?cursor=` is the
 * API's own cursor, passed on as given. The API refuses a cursor that is not its own (edited,
 * truncated) with a 400; the page then answers 400 itself with a way back to the first page,
 * rather than failing as a 500. A failed database still fails the render (the 503 page).
 */
import type { AstroGlobal } from "astro";
import { pageApi } from "./page";
import { cursorOf } from "./search";

export interface ListPage<T> {
  rows: T[];
  /** The next page's cursor, for the "next page" link; null on the last page. */
  next: string | null;
  /** The cursor this page was asked with ("" for the first page). */
  cursor: string;
  /** The cursor was refused: no rows, status 400. */
  stale: boolean;
  /** false when the API answered 404 (an unknown region). */
  found: boolean;
}

export async function readListPage<T>(astro: AstroGlobal, path: string, limit: number): Promise<ListPage<T>> {
  const cursor = astro.url.searchParams.get("cursor") ?? "";
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  try {
    const page = await pageApi(astro).find<{ data: T[]; next: string | null }>(`${path}${path.includes("?") ? "&" : "?"}${query}`);
    return { rows: page?.data ?? [], next: cursorOf(page?.next ?? null), cursor, stale: false, found: page !== null };
  } catch (err) {
    // With the page's filters checked before the call, anything else the API refused is the cursor.
    if (!cursor || astro.locals.failure) throw err;
    astro.response.status = 400;
    return { rows: [], next: null, cursor, stale: true, found: true };
  }
}

/** The page's own address with these parameters (the filters it keeps, and a cursor or none). */
export function pageHref(base: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined || v === "" ? [] : [[k, String(v)]])));
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}
