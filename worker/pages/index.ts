/**
 * The site's pages, rendered on demand by the same Worker as the API (worker/index.ts sends
 * every path outside /api/ that is not a static file here). Astro renders; this module gives
 * each render its data reader and request id, and decides the status and headers:
 *
 * - 200 GET pages: the site's CSP and the API's public Cache-Control (they change when data does);
 * - 404 (unknown or malformed id, unknown path): the 404 page, `no-store`;
 * - a failed read (D1 down): the error page with the request id, status 503, `no-store`;
 * - POST (the no-JS objection and report forms) only where a form posts; never cached.
 *
 * `renderPage` is the one function that turns a Request into a page: the bench calls it
 * in-process, and edge caching wraps it (see `cachedPage`).
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { renderPage as renderAstroPage } from "gongkai-site";
import type { FormReceipt, PageLocals } from "../../site/src/lib/api";
import { createPublicApiReader } from "../app";
import { DATASETS } from "../domain/datasets";
import type { AppEnv } from "../lib/app-env";
import { serveWithEdgeCache } from "../lib/edge-cache";
import { PUBLIC_CACHE_CONTROL } from "../lib/http-cache";
import { localDateOf } from "../domain/notice-window";
import { d1Session } from "../middleware/d1-session";
import { log } from "../lib/logger";
import { accessLog } from "../middleware/access-log";
import { requestId } from "../middleware/request-id";
import { securityHeaders } from "../middleware/security-headers";
import { OBJECTION_MAX_BYTES } from "../routes/notices/notices.routes";
import { REPORT_MAX_BYTES } from "../routes/reports/reports.routes";
import { pageDatasets } from "./datasets";
import { createPageApi } from "./page-api";

/**
 * The site's CSP, as site/public/_headers gives it to static files: everything from this
 * origin only, no inline script or style, no framing, forms post only here.
 */
export const SITE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

const reader = createPublicApiReader();
const ALL_DATASETS = DATASETS.map((d) => d.id);

/**
 * Paths that accept a form POST (the no-JS objection and report forms), either language, and
 * the most a form body may be: the API's JSON limit three times over, since a form encodes
 * each byte of Chinese text as %XX. The JSON the page sends on meets the API's own limit.
 */
const FORM_PATHS: { pattern: RegExp; maxBytes: number }[] = [
  { pattern: /^(\/en)?\/notices\/[^/]+\/?$/, maxBytes: 3 * OBJECTION_MAX_BYTES },
  { pattern: /^(\/en)?\/reports\/?$/, maxBytes: 3 * REPORT_MAX_BYTES },
];

/**
 * A no-JS form's receipt travels from the 303 to the next page in a cookie scoped to that
 * page's path, for ten minutes at most, and is cleared when shown: never in a URL, never in
 * a cache (the page that shows it is `no-store`, and the edge cache skips such requests).
 */
const RECEIPT_COOKIE = "gk_receipt";
const RECEIPT_SHAPE = /^(objection|report)~([0-9A-Za-z-]{8,80})~(\d{4}-\d\d-\d\dT[\d:.]+Z)$/;

function receiptFromCookie(request: Request): FormReceipt | undefined {
  const cookie = request.headers.get("Cookie") ?? "";
  const raw = cookie.split(/;\s*/).find((c) => c.startsWith(`${RECEIPT_COOKIE}=`))?.slice(RECEIPT_COOKIE.length + 1);
  const match = raw ? RECEIPT_SHAPE.exec(decodeURIComponent(raw)) : null;
  return match ? { kind: match[1] as FormReceipt["kind"], receipt: match[2]!, received_at: match[3]! } : undefined;
}

function receiptCookie(request: Request, value: string, maxAge: number): string {
  const url = new URL(request.url);
  const secure = url.protocol === "https:" ? "; Secure" : "";
  return `${RECEIPT_COOKIE}=${encodeURIComponent(value)}; Path=${url.pathname}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
}

/** Whether a request carries a receipt to show (such a page is personal: never cached). */
export function carriesReceipt(request: Request): boolean {
  return (request.headers.get("Cookie") ?? "").includes(`${RECEIPT_COOKIE}=`);
}

/** Renders the page for a request: status, body and headers, as the reader gets them. */
export async function renderPage(request: Request, env: Env, ctx?: ExecutionContext, id: string = crypto.randomUUID()): Promise<Response> {
  const locals: PageLocals = { requestId: id, api: undefined as never };
  locals.api = createPageApi(reader, request, env, ctx, locals);
  if (request.method === "GET") locals.receiptToShow = receiptFromCookie(request);
  let response: Response;
  try {
    response = await renderAstroPage(request, locals);
  } catch (err) {
    // Astro renders its own errors through pages/500.astro; this is the last resort.
    log("error", "page_render_failed", { request_id: id, error: err instanceof Error ? err.name : "unknown" });
    response = new Response(`Error ${id}`, { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return finishPage(request, response, locals);
}

function finishPage(request: Request, rendered: Response, locals: PageLocals): Response {
  const receipt = locals.issuedReceipt;
  if (request.method === "POST" && receipt && rendered.status === 200) {
    // Post/redirect/get: a reload never sends the form twice, and the receipt is shown once.
    const headers = new Headers({ Location: `${new URL(request.url).pathname}#${receipt.kind === "objection" ? "objection-receipt" : "report-receipt"}`, "Cache-Control": "no-store" });
    headers.append("Set-Cookie", receiptCookie(request, `${receipt.kind}~${receipt.receipt}~${receipt.received_at}`, 600));
    return new Response(null, { status: 303, headers });
  }
  const failed = rendered.status >= 500;
  const status = failed && locals.failure === "database" ? 503 : rendered.status === 200 && locals.formStatus ? locals.formStatus : rendered.status;
  const response = status === rendered.status ? new Response(rendered.body, rendered) : new Response(rendered.body, { status, headers: rendered.headers });
  const h = response.headers;
  if (h.get("Content-Type") === "text/html") h.set("Content-Type", "text/html; charset=utf-8");
  h.set("Content-Security-Policy", SITE_CSP);
  h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  // Astro's own Set-Cookie handling is off; a page never sets cookies.
  h.delete("Set-Cookie");
  const cacheable = (request.method === "GET" || request.method === "HEAD") && status === 200 && !carriesReceipt(request);
  h.set("Cache-Control", cacheable ? PUBLIC_CACHE_CONTROL : "no-store");
  // Shown once: the cookie that carried it is cleared by this very response.
  if (locals.receiptToShow) h.append("Set-Cookie", receiptCookie(request, "", 0));
  if (status === 503) h.set("Retry-After", "60");
  return response;
}

/**
 * A page GET through the edge cache (worker/lib/edge-cache.ts), keyed on the versions of the
 * datasets the page reads (worker/pages/datasets.ts): a write bumps a version, so the next
 * read renders afresh; a hit costs one versions read and a cache lookup. If-None-Match gets a
 * 304. Only 200s are stored; 404s, 503s and pages showing a receipt never are.
 */
export async function cachedPage(request: Request, env: Env, ctx: ExecutionContext | undefined, id: string): Promise<Response> {
  const datasets = pageDatasets(new URL(request.url).pathname, ALL_DATASETS);
  // Personal (a receipt to show) or no known page: rendered, never cached.
  if (!datasets || carriesReceipt(request)) return renderPage(request, env, ctx, id);
  return serveWithEdgeCache(
    { request, db: env.DB, waitUntil: ctx ? (promise) => ctx.waitUntil(promise) : undefined },
    // Pages judge notice periods by the Shanghai date, and print an "as of" time: the date is
    // part of the key, and an entry lives five minutes at most.
    { datasets, variant: `html:${localDateOf(new Date())}`, ttlSeconds: PAGE_EDGE_TTL_SECONDS },
    () => renderPage(request, env, ctx, id),
  );
}

export const PAGE_EDGE_TTL_SECONDS = 300;

/** The site as a Hono app: request id, access log and security headers like the API's. */
export function createSite() {
  const site = new Hono<AppEnv>();
  site.use("*", requestId);
  site.use("*", accessLog);
  site.use("*", securityHeaders);
  // Pages read through the request's D1 session (replicas for GETs, the primary for a form
  // post, and the post's bookmark for the page it redirects to).
  site.use("*", d1Session);
  for (const form of FORM_PATHS) {
    site.post("*", async (c, next) => {
      if (!form.pattern.test(c.req.path)) return next();
      return bodyLimit({
        maxSize: form.maxBytes,
        onError: (cc) => cc.text("The form is too large to send.", 413, { "Cache-Control": "no-store" }),
      })(c, next);
    });
  }
  site.all("*", async (c) => {
    const request = c.req.raw;
    const path = new URL(request.url).pathname;
    const method = request.method;
    const ctx = executionContextOf(c);
    if (method === "GET" || method === "HEAD") return cachedPage(request, c.env, ctx, c.get("requestId"));
    if (method === "POST" && FORM_PATHS.some((f) => f.pattern.test(path))) return renderPage(request, c.env, ctx, c.get("requestId"));
    return c.text("Method not allowed", 405, { Allow: "GET, HEAD", "Cache-Control": "no-store" });
  });
  return site;
}

function executionContextOf(c: { executionCtx: unknown }): ExecutionContext | undefined {
  try {
    return c.executionCtx as ExecutionContext;
  } catch {
    return undefined; // app.request() in tests has none
  }
}
