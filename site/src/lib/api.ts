/**
 * The API as pages read it while they render, inside the Worker. `Astro.locals.api` is made
 * per request by worker/pages (createPageApi): it answers a public API path in-process with the
 * same handlers, queries and domain rules the API uses (no network hop, no second copy of the
 * rules), memoised for the request, so the site never shows a figure the API would not give.
 */
export interface PageApi {
  /** GET a JSON document (path starting with /api/v1); null when the API answers 404. */
  find<T>(path: string): Promise<T | null>;
  /**
   * POST a JSON body to a public write (the no-JS forms): the API's own route with its rate
   * limit, body limit, validation and honeypot; the answer as the API gives it.
   */
  post(path: string, body: unknown): Promise<{ status: number; json: unknown }>;
}

/** A receipt a no-JS form received, shown once on the page the reader is sent to next. */
export interface FormReceipt {
  kind: "objection" | "report" | "pledge";
  receipt: string;
  received_at: string;
}

/** The Worker's per-request context for pages (Astro.locals). */
export interface PageLocals {
  api: PageApi;
  requestId: string;
  /** Set by the Worker when the database failed during this render (→ 503 page). */
  failure?: "database";
  /** Set by a form that was accepted: the Worker redirects (303) and carries it to the next page. */
  issuedReceipt?: FormReceipt;
  /** Given by the Worker to the page after that redirect: shown once, then forgotten. */
  receiptToShow?: FormReceipt;
  /** A refused form's status (400, 409, 413, 429…): the page shows it with its errors. */
  formStatus?: number;
  /** Console pages only (/admin/): given by worker/console after it checked the session. */
  console?: import("./console").ConsoleLocals;
}

/** A document that must exist: a 404 from the API here is a bug, not a missing page. */
export async function apiGet<T>(api: PageApi, path: string): Promise<T> {
  const found = await api.find<T>(path);
  if (found === null) throw new Error(`GET ${path} answered 404`);
  return found;
}

interface ListPage<T> {
  data: T[];
  next: string | null;
}

/**
 * Every row of a list endpoint, following the `next` links (1,000 rows a page). Only for lists
 * bounded by what a page shows (a township's villages, a region's notices), never a dataset.
 */
export async function apiList<T>(api: PageApi, path: string): Promise<T[]> {
  const rows: T[] = [];
  const sep = path.includes("?") ? "&" : "?";
  let next: string | null = `${path}${sep}limit=1000`;
  while (next) {
    const page: ListPage<T> = await apiGet<ListPage<T>>(api, next);
    rows.push(...page.data);
    next = page.next === null ? null : relativeApiUrl(page.next);
  }
  return rows;
}

/**
 * API URLs as the site links them: same origin (one Worker serves both), so absolute URLs
 * from the API become paths.
 */
export function relativeApiUrl(url: string): string {
  const parsed = new URL(url, "http://site.local");
  return `${parsed.pathname}${parsed.search}`;
}
