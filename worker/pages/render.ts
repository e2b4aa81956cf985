/**
 * Turning a Request into a finished page: the reader and request id the page gets, the status
 * and headers it is answered with (see worker/pages/index.ts). Independent of how the Astro
 * renderer is loaded, so the bench can render pages in-process from Node with a built
 * `<outDir>/server/entry.mjs`:
 *
 *   const { renderPage: astro, styleHashes } = await import(siteEntry("site/dist"));
 *   const render = createPageRenderer(astro, siteCsp(styleHashes));
 *   const response = await render(new Request("https://x/regions/340223101201/"), env);
 */
import type { FormReceipt, PageLocals } from "../../site/src/lib/api";
import { createPublicApiReader } from "../app";
import { PUBLIC_CACHE_CONTROL } from "../lib/http-cache";
import { log } from "../lib/logger";
import { createPageApi } from "./page-api";

/** The renderer Astro builds (site/adapter/server.mjs). */
export type AstroRenderer = (request: Request, locals: object) => Promise<Response>;
export type PageRenderer = (request: Request, env: Env, ctx?: ExecutionContext, id?: string, extra?: Partial<PageLocals>) => Promise<Response>;

/**
 * The site's CSP: everything from this origin only, no inline script, no framing, forms post
 * only here; inline styles only those whose build-time hashes are listed (the stylesheets
 * Astro inlines into every page: no render-blocking stylesheet request). Static files get it
 * without hashes from site/public/_headers (they hold no inline style).
 */
export function siteCsp(styleHashes: readonly string[]): string {
  const styles = styleHashes.map((hash) => ` '${hash}'`).join("");
  return `default-src 'self'; script-src 'self'; style-src 'self'${styles}; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`;
}

/**
 * A no-JS form's receipt travels from the 303 to the next page in a cookie scoped to that
 * page's path, for ten minutes at most, and is cleared when shown: never in a URL, never in
 * a cache (the page that shows it is `no-store`, and the edge cache skips such requests).
 */
const RECEIPT_COOKIE = "gk_receipt";
const RECEIPT_SHAPE = /^(objection|report|pledge)~([0-9A-Za-z-]{8,80})~(\d{4}-\d\d-\d\dT[\d:.]+Z)$/;

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
export function createPageRenderer(renderAstroPage: AstroRenderer, csp: string): PageRenderer {
  const reader = createPublicApiReader();
  return async (request, env, ctx, id = crypto.randomUUID(), extra = {}) => {
    const locals: PageLocals = { requestId: id, api: undefined as never, ...extra };
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
    return finishPage(request, response, locals, csp);
  };
}

function finishPage(request: Request, rendered: Response, locals: PageLocals, csp: string): Response {
  const receipt = locals.issuedReceipt;
  if (request.method === "POST" && receipt && rendered.status === 200) {
    // Post/redirect/get: a reload never sends the form twice, and the receipt is shown once.
    const headers = new Headers({ Location: `${new URL(request.url).pathname}#${receipt.kind}-receipt`, "Cache-Control": "no-store" });
    headers.append("Set-Cookie", receiptCookie(request, `${receipt.kind}~${receipt.receipt}~${receipt.received_at}`, 600));
    return new Response(null, { status: 303, headers });
  }
  const failed = rendered.status >= 500;
  const status = failed && locals.failure === "database" ? 503 : rendered.status === 200 && locals.formStatus ? locals.formStatus : rendered.status;
  const response = status === rendered.status ? new Response(rendered.body, rendered) : new Response(rendered.body, { status, headers: rendered.headers });
  const h = response.headers;
  if (h.get("Content-Type") === "text/html") h.set("Content-Type", "text/html; charset=utf-8");
  h.set("Content-Security-Policy", csp);
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

