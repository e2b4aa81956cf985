import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import type { AppEnv } from "../../lib/app-env";
import { ApiError } from "../../lib/errors";
import { respondList } from "../../lib/listing";
import { piecesOf, normalizeText, searchPage, SEARCH_DATASET, type SearchHit } from "../../search";
import { requireRegionParam } from "../region-params";
import type { searchRoute } from "./search.routes";

const CursorSchema = z.object({ tier: z.number().int().min(0).max(3), id: z.number().int().min(0) });

function hitJson(hit: SearchHit) {
  return {
    type: hit.kind,
    id: hit.ref,
    name_zh: hit.titleZh,
    name_en: hit.titleEn,
    region_code: hit.regionCode,
    context_zh: hit.contextZh,
    context_en: hit.contextEn,
    match: hit.match,
    url: hit.path,
  };
}

export const searchHandler: RouteHandler<typeof searchRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  if (piecesOf(normalizeText(query.q)).length === 0) {
    throw new ApiError(400, "invalid_request", "Invalid query: query.q — must contain a letter, a digit or a Chinese character", [
      { path: "query.q", message: "must contain a letter, a digit or a Chinese character" },
    ]);
  }
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { kind: query.type, region: query.region };
  return respondList(c, query, {
    dataset: SEARCH_DATASET,
    // The index itself, and the tables whose visibility the query re-checks.
    dependsOn: [SEARCH_DATASET, "notices", "donations"],
    filename: "search",
    keySchema: CursorSchema,
    keyOf: (hit) => ({ tier: hit.tier, id: hit.id }),
    page: (after, limit) => searchPage(db, query.q, filters, after, limit),
    toJson: hitJson,
    columns: [
      { name: "type", value: (h) => h.kind },
      { name: "id", value: (h) => h.ref },
      { name: "name_zh", value: (h) => h.titleZh },
      { name: "name_en", value: (h) => h.titleEn },
      { name: "region_code", value: (h) => h.regionCode },
      { name: "context_zh", value: (h) => h.contextZh },
      { name: "context_en", value: (h) => h.contextEn },
      { name: "match", value: (h) => h.match },
      { name: "url", value: (h) => h.path },
    ],
    meta: { query: query.q, filters: { type: query.type, region: query.region } },
  });
};
