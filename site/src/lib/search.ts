/**
 * The search page's reads and rules: what the form may send (the API's own bounds, so a
 * refused query is answered by the page without a round trip), and where each hit lives on
 * the site (the API gives its API address; the page links the reader's page).
 */
import { localePath, type Locale } from "../i18n";

export const SEARCH_TYPES = ["region", "village", "notice", "project", "donor", "metric"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
/** As the API's `q`: 1–100 characters after trimming (worker/routes/search/search.schemas.ts). */
export const SEARCH_MAX_LENGTH = 100;
export const SEARCH_PAGE_SIZE = 20;

export interface SearchHit {
  type: SearchType;
  id: string;
  name_zh: string;
  name_en: string | null;
  region_code: string | null;
  context_zh: string | null;
  context_en: string | null;
  match: "exact" | "prefix" | "name" | "text";
  url: string;
}

export type SearchProblem = "empty" | "tooLong" | "noLetters";

/** What the API would refuse in `q`, checked before asking it. */
export function searchProblem(q: string): SearchProblem | null {
  if (q.length === 0) return "empty";
  if ([...q].length > SEARCH_MAX_LENGTH) return "tooLong";
  if (!/[\p{L}\p{N}]/u.test(q)) return "noLetters";
  return null;
}

/** A hit's page on the site, in the page's language. */
export function hitHref(lang: Locale, hit: SearchHit): string {
  switch (hit.type) {
    case "region":
    case "village":
      return localePath(lang, `/regions/${hit.id}/`);
    case "notice":
      return localePath(lang, `/notices/${hit.id}/`);
    case "project":
      return localePath(lang, `/funds/projects/${hit.id}/`);
    case "donor":
      return localePath(lang, `/donations/${hit.id}/`);
    case "metric":
      return localePath(lang, `/regions/${hit.region_code}/#official-figures`);
  }
}

/** The page's hits in groups of one type, the group of the best-ranked hit first. */
export function groupHits(hits: SearchHit[]): { type: SearchType; hits: SearchHit[] }[] {
  const groups = new Map<SearchType, SearchHit[]>();
  for (const hit of hits) groups.set(hit.type, [...(groups.get(hit.type) ?? []), hit]);
  return [...groups].map(([type, list]) => ({ type, hits: list }));
}

/** The API address for a search (the page links it as JSON and CSV too). */
export function searchApiPath(params: { q: string; type?: string; region?: string; cursor?: string; limit?: number }): string {
  const query = new URLSearchParams({ q: params.q });
  if (params.type) query.set("type", params.type);
  if (params.region) query.set("region", params.region);
  if (params.limit) query.set("limit", String(params.limit));
  if (params.cursor) query.set("cursor", params.cursor);
  return `/api/v1/search?${query}`;
}

/** The `cursor` of the API's `next` link: the site's "more results" carries it on. */
export function cursorOf(next: string | null): string | null {
  return next ? new URL(next, "http://site.local").searchParams.get("cursor") : null;
}
