import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { createDb } from "../db/client";
import { getDatasetStamps } from "../db/queries/dataset-versions";

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

export interface DatasetEtag {
  etag: string;
  versions: Record<string, number>;
}

/** The request's path and query with the parameters sorted: `?a=1&b=2` and `?b=2&a=1` are one resource. */
export function canonicalPathAndQuery(url: URL): string {
  const params = [...url.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}

/**
 * 64 bits of two 32-bit FNV-1a hashes (different offsets) of the request's shape, in hex.
 * An ETag is only ever compared with another for the same URL, so it needs to tell states
 * apart, not resist forgery; a synchronous hash replaced WebCrypto's SHA-256, whose async
 * round trip was the largest single cost of a cached read in the in-process bench.
 */
function shapeHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/**
 * A weak ETag from the versions of the datasets a response reads and the request that
 * shapes it (path, sorted query, negotiated format). It changes exactly when the data
 * changes, and is computed without running the response's own query. Works on a bare
 * Request and D1 binding (or session) so that pages rendered outside Hono can use it too.
 */
export async function datasetEtagFor(request: Request, d1: D1Database, datasets: readonly string[], variant = ""): Promise<DatasetEtag> {
  const { versions, stamp } = await getDatasetStamps(createDb(d1), datasets);
  // The write stamps make the tag (and the edge cache key built from it) unique to this database's state.
  const shape = `${canonicalPathAndQuery(new URL(request.url))}#${variant}#${stamp}`;
  const tag = Object.entries(versions)
    .map(([d, v]) => `${d}.${v}`)
    .join("-");
  const hash = shapeHash(shape);
  return { etag: `W/"${tag}-${hash}"`, versions };
}

export function datasetEtag(c: Context<AppEnv>, datasets: readonly string[], variant = ""): Promise<DatasetEtag> {
  return datasetEtagFor(c.req.raw, c.env.DB, datasets, variant);
}

/** Whether an If-None-Match header value matches the ETag (weak comparison, as RFC 9110 asks for GET). */
export function ifNoneMatchMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => strip(t) === strip(etag));
}

export function etagMatches(c: Context, etag: string): boolean {
  return ifNoneMatchMatches(c.req.header("If-None-Match"), etag);
}

export function notModified(etag: string): Response {
  return new Response(null, {
    status: 304,
    headers: { ETag: etag, "Cache-Control": PUBLIC_CACHE_CONTROL, Vary: "Accept" },
  });
}

/** Sets the caching headers every public GET carries. */
export function setPublicCacheHeaders(c: Context, etag: string): void {
  c.header("ETag", etag);
  c.header("Cache-Control", PUBLIC_CACHE_CONTROL);
  c.header("Vary", "Accept");
}
