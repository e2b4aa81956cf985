/**
 * The edge cache: public GET responses kept in the Cache API (`caches.default`) under a key
 * that carries the versions of the datasets they read.
 *
 *   return serveWithEdgeCache(
 *     { request, db: env.DB, waitUntil: (p) => ctx.waitUntil(p) },
 *     { datasets: ["notices", "regions"], variant: "zh-CN" },
 *     async () => renderPage(),          // runs only on a miss
 *   );
 *
 * (`edgeCached(c, spec, build)` is the same for a Hono handler.) Every write bumps the
 * versions of the datasets it changes in the same D1 batch (`bumpDatasetVersion`), so the
 * next read computes a new key and misses: nothing is ever purged, an old entry just stops
 * being asked for and expires. A hit costs one small indexed read (the versions) and one
 * cache lookup instead of the response's own queries and rendering.
 *
 * Never stored: non-GET requests, requests with credentials, admin and receipt paths,
 * anything but a 200, responses that set cookies or say private/no-store, and answers
 * built with `store: false` (unbounded streamed exports: a national CSV is not buffered or
 * teed into the cache; it keeps its ETag and 304). Errors thrown by `build` propagate and
 * nothing is cached. The answer carries `X-Cache: HIT | MISS | BYPASS`.
 *
 * On Cloudflare the Cache API works on custom domains only (on *.workers.dev it stores
 * nothing) and is per data centre; locally miniflare implements it in memory.
 */
import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { canonicalPathAndQuery, datasetEtagFor, ifNoneMatchMatches, notModified, PUBLIC_CACHE_CONTROL, type DatasetEtag } from "./http-cache";

export interface EdgeCacheSpec {
  /** Every dataset the response reads (see worker/db/queries/dataset-versions.ts). */
  datasets: readonly string[];
  /** What else shapes the response besides path and query: negotiated format, language, the day for time-dependent text. */
  variant?: string;
  /** false: ETag and 304 only, never stored (unbounded streamed exports). Default true. */
  store?: boolean;
  /**
   * How long the edge keeps an entry (s). The key changes with the data, so this bounds only
   * time-dependent text not named in `variant`, and storage. Default EDGE_TTL_SECONDS.
   */
  ttlSeconds?: number;
}

export interface EdgeCacheRuntime {
  request: Request;
  /** The request's D1 binding or session (public reads: the request's read session). */
  db: D1Database;
  /** ctx.waitUntil: the cache write finishes after the answer is sent. */
  waitUntil?: (promise: Promise<unknown>) => void;
  /** Defaults to `caches.default` where the runtime has one (not in Node). */
  cache?: Cache;
}

const UNTAGGED: DatasetEtag = Object.freeze({ etag: "", versions: Object.freeze({}) as Record<string, number> });

export type CacheStatus = "HIT" | "MISS" | "BYPASS";
export const PAGE_READ_HEADER = "X-Gongkai-Page-Read";
export const CACHE_STATUS_HEADER = "X-Cache";
export const EDGE_TTL_SECONDS = 3600;

/** Paths whose answers are personal or administrative: never stored, whatever a handler asks. */
const PRIVATE_PATH = /^\/(?:api\/v1\/)?(?:admin(?:\/|$)|reports\/(?!stats$)|objections\/)/;
/** Headers that belong to one request and must not be replayed to another. */
const PER_REQUEST_HEADERS = ["X-Request-Id", "X-D1-Bookmark", "Set-Cookie", CACHE_STATUS_HEADER];
/** The Cache-Control the client gets, kept aside while the stored copy carries the edge TTL. */
const CLIENT_CACHE_CONTROL = "X-Client-Cache-Control";

function defaultCache(): Cache | undefined {
  return (globalThis as { caches?: { default?: Cache } }).caches?.default;
}

/** Whether this request may be answered from, and stored in, the shared cache at all. */
export function isShareableRequest(request: Request): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.headers.has("Authorization")) return false;
  // A page's own in-process read (worker/pages/page-api.ts): the page as a whole is cached, so
  // its parts are not stored or looked up a second time under the API's keys.
  if (request.headers.has(PAGE_READ_HEADER)) return false;
  return !PRIVATE_PATH.test(new URL(request.url).pathname);
}

function isStorableResponse(response: Response): boolean {
  if (response.status !== 200 || response.headers.has("Set-Cookie")) return false;
  return !/\b(private|no-store)\b/i.test(response.headers.get("Cache-Control") ?? "");
}

/** The cache key: the request's origin, path and sorted query plus the ETag (dataset versions and variant). */
export function edgeCacheKey(request: Request, etag: string): string {
  const url = new URL(request.url);
  const pathAndQuery = canonicalPathAndQuery(url);
  return `${url.origin}${pathAndQuery}${pathAndQuery.endsWith("?") ? "" : "&"}__edge=${encodeURIComponent(etag.replace(/^W\//, "").replaceAll('"', ""))}`;
}

function withStatus(response: Response, status: CacheStatus): Response {
  // Responses from fetch/cache.match have immutable headers: copy before touching them.
  const out = new Response(response.body, response);
  out.headers.set(CACHE_STATUS_HEADER, status);
  return out;
}

/**
 * The status header on a response this Worker just built: its headers are its own and
 * mutable, so they are set in place (a copy of the Response cost a few percent of a 100-row
 * page in bench/app.ts); a response with immutable headers (e.g. fetched) is copied.
 */
function ownHeaders(response: Response, status: CacheStatus): Response {
  try {
    response.headers.set(CACHE_STATUS_HEADER, status);
    return response;
  } catch {
    return withStatus(response, status);
  }
}

function storedCopy(response: Response, ttlSeconds: number): Response {
  const headers = new Headers(response.headers);
  for (const name of PER_REQUEST_HEADERS) headers.delete(name);
  headers.set(CLIENT_CACHE_CONTROL, headers.get("Cache-Control") ?? PUBLIC_CACHE_CONTROL);
  headers.set("Cache-Control", `public, max-age=${ttlSeconds}`);
  // The key already separates every variant; Cloudflare's cache ignores Vary except for a few cases anyway.
  headers.delete("Vary");
  return new Response(response.clone().body, { status: response.status, headers });
}

function fromStore(hit: Response): Response {
  const out = withStatus(hit, "HIT");
  out.headers.set("Cache-Control", hit.headers.get(CLIENT_CACHE_CONTROL) ?? PUBLIC_CACHE_CONTROL);
  out.headers.delete(CLIENT_CACHE_CONTROL);
  out.headers.set("Vary", "Accept");
  // The runtime may add its own age/cache headers to a match; the client's own caching is driven by ETag and Cache-Control.
  out.headers.delete("Age");
  return out;
}

/**
 * Answers a public GET from the edge cache, or builds it and stores it (see the module
 * comment). `build` gets the ETag and the dataset versions it was computed from.
 */
export async function serveWithEdgeCache(runtime: EdgeCacheRuntime, spec: EdgeCacheSpec, build: (tag: DatasetEtag) => Promise<Response>): Promise<Response> {
  const { request } = runtime;
  // A page's in-process read (worker/pages/page-api.ts) is never answered from or stored in
  // the edge cache and never revalidated: the page itself is tagged and cached on the versions
  // of every dataset it reads (worker/pages/index.ts). So it skips the versions read (a
  // village page made eight of them); `meta.versions` is empty on these reads only.
  if (request.headers.has(PAGE_READ_HEADER)) return build(UNTAGGED);
  const tag = await datasetEtagFor(request, runtime.db, spec.datasets, spec.variant ?? "");
  if (ifNoneMatchMatches(request.headers.get("If-None-Match"), tag.etag)) return notModified(tag.etag);

  const cache = spec.store === false || !isShareableRequest(request) ? undefined : (runtime.cache ?? defaultCache());
  const key = cache ? edgeCacheKey(request, tag.etag) : "";
  if (cache) {
    const hit = await cache.match(key);
    if (hit) return fromStore(hit);
  }

  const built = await build(tag);
  const response = ownHeaders(built, "BYPASS");
  if (!response.headers.has("ETag")) response.headers.set("ETag", tag.etag);
  if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", PUBLIC_CACHE_CONTROL);
  if (!response.headers.has("Vary")) response.headers.set("Vary", "Accept");
  if (cache && isStorableResponse(response)) {
    const put = cache.put(key, storedCopy(response, spec.ttlSeconds ?? EDGE_TTL_SECONDS)).catch(() => {
      // A failed cache write only costs the next request a miss.
    });
    if (runtime.waitUntil) runtime.waitUntil(put);
    else await put;
    response.headers.set(CACHE_STATUS_HEADER, "MISS");
  }
  return response;
}

/** `serveWithEdgeCache` for a Hono handler: the request, its D1 session and ctx.waitUntil from the context. */
export function edgeCached(c: Context<AppEnv>, spec: EdgeCacheSpec, build: (tag: DatasetEtag) => Promise<Response>): Promise<Response> {
  let waitUntil: EdgeCacheRuntime["waitUntil"];
  try {
    const ctx = c.executionCtx;
    waitUntil = (promise) => ctx.waitUntil(promise);
  } catch {
    waitUntil = undefined; // no ExecutionContext (the app called in-process): the write is awaited instead
  }
  return serveWithEdgeCache({ request: c.req.raw, db: c.env.DB, waitUntil }, spec, build);
}
