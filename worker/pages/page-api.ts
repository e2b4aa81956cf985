import type { Hono } from "hono";
import type { PageApi, PageLocals } from "../../site/src/lib/api";
import type { AppEnv } from "../lib/app-env";
import { PAGE_READ_HEADER } from "../lib/edge-cache";
import { renderScopedDb } from "../db/render-scope";

/** A read a page needed failed on the server side (D1 down, or a bug): the page is a 503. */
export class PageDataUnavailable extends Error {
  override name = "PageDataUnavailable";
}

/**
 * The per-request reader pages get as `Astro.locals.api`: a public API path answered
 * in-process by the API's own routes (createPublicApiReader in worker/app.ts: no admin
 * routes, no middleware), memoised for the request since a page and its components often
 * read the same document. A 404 is `null` (the page renders the 404 page); a 5xx marks the
 * render as failed (→ 503, not cached) and throws so the page stops.
 */
/** The public writes a no-JS form may make. */
const PUBLIC_WRITES = [/^\/api\/v1\/notices\/[^/]+\/objections$/, /^\/api\/v1\/reports$/, /^\/api\/v1\/needs\/ned_[0-9a-z]+\/pledges$/];

export function createPageApi(reader: Hono<AppEnv>, request: Request, env: Env, ctx: ExecutionContext | undefined, locals: Pick<PageLocals, "requestId" | "failure">): PageApi {
  const origin = new URL(request.url).origin;
  // The render's own view of D1: its reads share region rows (db/render-scope.ts), this render only.
  const pageEnv: Env = { ...env, DB: renderScopedDb(env.DB) };
  const memo = new Map<string, Promise<unknown>>();
  const headers: Record<string, string> = { Accept: "application/json", "X-Request-Id": locals.requestId, [PAGE_READ_HEADER]: "1" };
  // Tests freeze "now" per request; the API honours it only when ENVIRONMENT is "test".
  const frozenNow = request.headers.get("x-test-now");
  if (frozenNow) headers["x-test-now"] = frozenNow;

  const read = async (path: string): Promise<unknown> => {
    if (!path.startsWith("/api/v1/")) throw new Error(`pages read the public API only, not ${path}`);
    const response = await reader.fetch(new Request(`${origin}${path}`, { headers }), pageEnv, ctx);
    if (response.status === 404) return null;
    if (response.ok) return response.json();
    if (response.status >= 500) {
      locals.failure = "database";
      throw new PageDataUnavailable(`GET ${path} answered ${response.status}`);
    }
    // A 4xx other than 404 means the page asked for something the API does not accept: a bug.
    throw new Error(`GET ${path} answered ${response.status}`);
  };

  return {
    async post(path: string, body: unknown) {
      if (!PUBLIC_WRITES.some((p) => p.test(path))) throw new Error(`pages post to the public writes only, not ${path}`);
      const postHeaders: Record<string, string> = { ...headers, "Content-Type": "application/json" };
      // The rate limiter keys on the client's address, exactly as for a JSON POST.
      const client = request.headers.get("CF-Connecting-IP");
      if (client) postHeaders["CF-Connecting-IP"] = client;
      const response = await reader.fetch(new Request(`${origin}${path}`, { method: "POST", headers: postHeaders, body: JSON.stringify(body) }), pageEnv, ctx);
      let json: unknown = null;
      try {
        json = await response.json();
      } catch {
        // not JSON: the status says enough
      }
      if (response.status >= 500) locals.failure = "database";
      return { status: response.status, json };
    },
    find<T>(path: string): Promise<T | null> {
      let pending = memo.get(path);
      if (!pending) {
        pending = read(path);
        memo.set(path, pending);
      }
      return pending as Promise<T | null>;
    },
  };
}
