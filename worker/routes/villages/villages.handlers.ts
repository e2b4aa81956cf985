import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { listVillages, sortedVillagesQuery, villageSortKeyOf, type VillageRow, type VillageSortKey } from "../../db/queries/villages";
import { parseSort, SortCursorSchema } from "../../lib/sorting";
import { villageGroups } from "../../db/queries/groups";
import { respondGroups } from "../../lib/grouping";
import type { AppEnv } from "../../lib/app-env";
import { respondList, type Listing } from "../../lib/listing";
import { requireRegionLevel, requireRegionParam } from "../region-params";
import type { listVillagesRoute } from "./villages.routes";
import { VillageSchema } from "./villages.schemas";
import { provenanceOf } from "../../schemas/provenance";
import { CHANGE_ORDER, changeMeta, updatedSince } from "../../changes/updated-since";
import { clock } from "../../lib/clock";

function villageJson(row: VillageRow) {
  return {
    code: row.code,
    name_zh: row.nameZh,
    name_en: row.nameEn,
    township: { code: row.townshipCode, name_zh: row.townshipNameZh, name_en: row.townshipNameEn },
    county: { code: row.countyCode, name_zh: row.countyNameZh, name_en: row.countyNameEn },
    designated_year: row.designatedYear,
    exit_year: row.exitYear,
    status: row.status,
    demo: row.isDemo,
    updated_at: row.updatedAt,
    provenance: provenanceOf("administrative", row.isDemo),
  };
}

export const listVillagesHandler: RouteHandler<typeof listVillagesRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  // The levels are checked now (no read); that the regions exist is checked beside the page
  // read (`ready`, see lib/listing.ts): a 304 or an edge-cache hit then costs no region read.
  const regionParams = [
    ["region", query.region, undefined],
    ["county", query.county, ["county"]],
    ["township", query.township, ["township"]],
  ] as const;
  const within: string[] = [];
  const checks: Promise<unknown>[] = [];
  for (const [param, code, levels] of regionParams) {
    if (code === undefined) continue;
    requireRegionLevel(param, code, levels);
    within.push(code);
    checks.push(requireRegionParam(db, param, code, levels));
  }
  const ready = Promise.all(checks);
  const since = updatedSince(query);
  const filters = { within, status: query.status, designatedYear: query.designated_year, exitYear: query.exit_year, updatedSince: since };
  const filterMeta = { region: query.region, county: query.county, township: query.township, status: query.status, designated_year: query.designated_year, exit_year: query.exit_year, updated_since: since };
  if (query.group_by) {
    await ready;
    return respondGroups(c, query, query.group_by, villageGroups(filters, filterMeta));
  }
  const base = {
    dataset: "villages",
    dependsOn: ["regions", "villages"],
    filename: "villages",
    toJson: villageJson,
    schema: VillageSchema,
    meta: { filters: filterMeta, sort: query.sort ?? "code", ...changeMeta(since, clock(c)) },
    ready,
  } satisfies Partial<Listing<VillageRow, unknown>>;
  const order = since ? CHANGE_ORDER : parseSort<VillageSortKey>(query.sort, "code");
  if (order.key === "code" && !order.descending) {
    return respondList(c, query, { ...base, keySchema: z.string().regex(/^\d{12}$/), keyOf: (row) => row.code, page: (after, limit) => listVillages(db, filters, after, limit) });
  }
  return respondList(c, query, {
    ...base,
    keySchema: SortCursorSchema,
    keyOf: (row): [string | number, string] => [villageSortKeyOf(row, order.key), row.code],
    page: (after, limit) => sortedVillagesQuery(db, filters, order, after, limit),
  });
};
