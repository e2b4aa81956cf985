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
import { renderPage as renderAstroPage, styleHashes } from "gongkai-site";
import { DATASETS } from "../domain/datasets";
import { localDateOf } from "../domain/notice-window";
import type { AppEnv } from "../lib/app-env";
import { serveWithEdgeCache } from "../lib/edge-cache";
import { accessLog } from "../middleware/access-log";
import { d1Session } from "../middleware/d1-session";
import { requestId } from "../middleware/request-id";
import { securityHeadersWith } from "../middleware/security-headers";
import { OBJECTION_MAX_BYTES } from "../routes/notices/notices.routes";
import { PLEDGE_MAX_BYTES } from "../routes/needs/needs.routes";
import { REPORT_MAX_BYTES } from "../routes/reports/reports.routes";
import { pageDatasets } from "./datasets";
import { carriesReceipt, createPageRenderer, siteCsp } from "./render";

/** The CSP of every page and every answer of the site (304s included): with the build's style hashes. */
export const SITE_CSP = siteCsp(styleHashes);

/** Renders the page for a request (no edge cache): what the bench calls in-process. */
export const renderPage = createPageRenderer(renderAstroPage, SITE_CSP);
const ALL_DATASETS = DATASETS.map((d) => d.id);

/**
 * Paths that accept a form POST (the no-JS objection and report forms), either language, and
 * the most a form body may be: the API's JSON limit three times over, since a form encodes
 * each byte of Chinese text as %XX. The JSON the page sends on meets the API's own limit.
 */
const FORM_PATHS: { pattern: RegExp; maxBytes: number }[] = [
  { pattern: /^(\/en)?\/notices\/[^/]+\/?$/, maxBytes: 3 * OBJECTION_MAX_BYTES },
  { pattern: /^(\/en)?\/reports\/?$/, maxBytes: 3 * REPORT_MAX_BYTES },
  // A need's pledge form, and the pledge lookup (a receipt, posted so it stays out of the address).
  { pattern: /^(\/en)?\/needs\/(ned_[0-9a-z]+|pledge)\/?$/, maxBytes: 3 * PLEDGE_MAX_BYTES },
];

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

/**
 * A form post from this site's own page. Browsers send `Origin: null` for a form posted from a
 * page with `Referrer-Policy: no-referrer` (ours), so the origin alone cannot say; the fetch
 * metadata can: another site's page is `Sec-Fetch-Site: cross-site` (or `same-site`), and its
 * Origin, when sent, names it.
 */
function sameSitePost(request: Request): boolean {
  const site = request.headers.get("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = request.headers.get("Origin");
  return origin === null || origin === "null" || origin === new URL(request.url).origin;
}

/** The site as a Hono app: request id, access log and security headers like the API's. */
export function createSite() {
  const site = new Hono<AppEnv>();
  site.use("*", requestId);
  site.use("*", accessLog);
  // The site's CSP on everything the site answers, a 304 included (a page's 304 with another
  // CSP would replace the cached page's own in the browser: see securityHeadersWith).
  site.use("*", securityHeadersWith(SITE_CSP));
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
    if (method === "POST" && FORM_PATHS.some((f) => f.pattern.test(path))) {
      if (!sameSitePost(request)) return c.text("Forms are accepted from this site's own pages only.", 403, { "Cache-Control": "no-store" });
      return renderPage(request, c.env, ctx, c.get("requestId"));
    }
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
