import type { Db } from "../db/client";
import { getRegion, type RegionRow } from "../db/queries/regions";
import { levelOfCode, type RegionLevel } from "../domain/region-codes";
import { ApiError } from "../lib/errors";

/**
 * Resolves a region code given as a query parameter: 400 if it is not at one of the
 * allowed levels, 404 (in the error shape, naming the parameter) if no such region exists.
 */
export async function requireRegionParam(db: Db, param: string, code: string, levels?: readonly RegionLevel[]): Promise<RegionRow> {
  requireRegionLevel(param, code, levels);
  const region = await getRegion(db, code);
  if (!region) {
    throw new ApiError(404, "region_not_found", `No region has the code ${code} (query.${param}).`, [
      { path: `query.${param}`, message: "unknown region code" },
    ]);
  }
  return region;
}

/** The level part of `requireRegionParam` alone, synchronous: a 400 that needs no read. */
export function requireRegionLevel(param: string, code: string, levels?: readonly RegionLevel[]): void {
  if (levels && !levels.includes(levelOfCode(code))) {
    throw new ApiError(400, "invalid_request", `Invalid query: query.${param} — must be a ${levels.join(" or ")} code`, [
      { path: `query.${param}`, message: `must be a ${levels.join(" or ")} code` },
    ]);
  }
}
