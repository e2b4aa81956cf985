import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { getAncestors, getRegion, getRegionCounts, listRegions, type RegionHit, type RegionKey, type RegionRow } from "../../db/queries/regions";
import { ChangeCursorSchema, changeMeta, updatedSince } from "../../changes/updated-since";
import { clock } from "../../lib/clock";
import type { AppEnv } from "../../lib/app-env";
import { notFound } from "../../lib/errors";
import { respondList, respondOne } from "../../lib/listing";
import { SEARCH_DATASET } from "../../search/refresh";
import type { getRegionRoute, listRegionsRoute } from "./regions.routes";
import { RegionSchema } from "./regions.schemas";
import { provenanceOf } from "../../schemas/provenance";

export function regionJson(row: RegionRow) {
  return {
    code: row.code,
    name_zh: row.nameZh,
    name_en: row.nameEn,
    level: row.level,
    parent_code: row.parentCode,
    demo: row.isDemo,
    updated_at: row.updatedAt,
    provenance: provenanceOf("reference", row.isDemo, row.isDemo ? "Invented place for the demo (real provinces, cities and counties are not demo)" : undefined),
  };
}

export const listRegionsHandler: RouteHandler<typeof listRegionsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  const since = updatedSince(query);
  const filters = { level: query.level, parent: query.parent, codes: query.codes, q: query.q };
  // A name search without updated_since reads the search index (its order and key: the index's document id).
  const byName = query.q !== undefined && !since;
  return respondList<RegionHit, RegionKey>(c, query, {
    dataset: "regions",
    filename: "regions",
    ...(byName ? { dependsOn: ["regions", SEARCH_DATASET] } : {}),
    keySchema: since ? ChangeCursorSchema : byName ? z.number().int().nonnegative() : z.string().regex(/^\d{12}$/),
    keyOf: (row) => (since ? [row.updatedAt, row.code] : byName ? row.searchDoc! : row.code),
    page: (after, limit) => listRegions(db, { ...filters, updatedSince: since }, after, limit),
    toJson: regionJson,
    schema: RegionSchema,
    meta: { filters: { ...filters, updated_since: since }, ...changeMeta(since, clock(c)) },
  });
};

export const getRegionHandler: RouteHandler<typeof getRegionRoute, AppEnv> = async (c) => {
  const { code } = c.req.valid("param");
  const db = createDb(c.env.DB);
  const region = await getRegion(db, code);
  if (!region) throw notFound("region", code);
  return respondOne(c, ["regions", "villages"], async () => {
    const [ancestors, counts] = await Promise.all([getAncestors(db, region), getRegionCounts(db, region)]);
    return { ...regionJson(region), ancestors: ancestors.map(regionJson), counts };
  });
};
