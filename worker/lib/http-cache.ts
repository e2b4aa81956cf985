import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { createDb } from "../db/client";
import { getDatasetVersions } from "../db/queries/dataset-versions";
import { sha256Hex } from "../domain/secure-random";

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";


/**
 * A weak ETag from the versions of the datasets a response reads and the request that
 * shapes it (path, sorted query, negotiated format). It changes exactly when the data
 * changes, and is computed without running the response's own query.
 */
export async function datasetEtag(c: Context<AppEnv>, datasets: readonly string[], variant = ""): Promise<{ etag: string; versions: Record<string, number> }> {
  const versions = await getDatasetVersions(createDb(c.env.DB), datasets);
  const url = new URL(c.req.url);
  const params = [...url.searchParams.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const shape = `${url.pathname}?${new URLSearchParams(params).toString()}#${variant}`;
  const tag = Object.entries(versions)
    .map(([d, v]) => `${d}.${v}`)
    .join("-");
  const hash = (await sha256Hex(shape)).slice(0, 16);
  return { etag: `W/"${tag}-${hash}"`, versions };
}

export function etagMatches(c: Context, etag: string): boolean {
  const header = c.req.header("If-None-Match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => strip(t) === strip(etag));
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
