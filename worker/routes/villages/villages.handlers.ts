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

const CODE_KEY = z.string().regex(/^\d{12}$/);

export const listVillagesHandler: RouteHandler<typeof listVillagesRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  // The levels are checked now (no read); that the regions exist is checked only when the
  // page does not show it (`check`/`checkedBy`, see lib/listing.ts): a row joined to the named
  // county or township proves it exists, so most pages cost no region read, and a 304 or an
  // edge-cache hit never does.
  const regionParams = [
    ["region", query.region, undefined],
    ["county", query.county, ["county"]],
    ["township", query.township, ["township"]],
  ] as const;
  const within: string[] = [];
  const named: (typeof regionParams)[number][] = [];
  for (const param of regionParams) {
    const [name, code, levels] = param;
    if (code === undefined) continue;
    requireRegionLevel(name, code, levels);
    within.push(code);
    named.push(param);
  }
  const check = () => Promise.all(named.map(([name, code, levels]) => requireRegionParam(db, name, code!, levels)));
  const checkedBy = (rows: readonly VillageRow[]) =>
    rows.length > 0 &&
    named.every(([name, code]) => (name === "county" ? rows[0]!.countyCode === code && rows[0]!.countyNameZh !== null : name === "township" ? rows[0]!.townshipCode === code && rows[0]!.townshipNameZh !== null : false));
  const since = updatedSince(query);
  const filters = { within, status: query.status, designatedYear: query.designated_year, exitYear: query.exit_year, updatedSince: since };
  const filterMeta = { region: query.region, county: query.county, township: query.township, status: query.status, designated_year: query.designated_year, exit_year: query.exit_year, updated_since: since };
  if (query.group_by) {
    await check();
    return respondGroups(c, query, query.group_by, villageGroups(filters, filterMeta));
  }
  const base = {
    dataset: "villages",
    dependsOn: ["regions", "villages"],
    filename: "villages",
    toJson: villageJson,
    schema: VillageSchema,
    meta: { filters: filterMeta, sort: query.sort ?? "code", ...changeMeta(since, clock(c)) },
    check,
    checkedBy,
  } satisfies Partial<Listing<VillageRow, unknown>>;
  const order = since ? CHANGE_ORDER : parseSort<VillageSortKey>(query.sort, "code");
  if (order.key === "code" && !order.descending) {
    return respondList(c, query, { ...base, keySchema: CODE_KEY, keyOf: (row) => row.code, page: (after, limit) => listVillages(db, filters, after, limit) });
  }
  return respondList(c, query, {
    ...base,
    keySchema: SortCursorSchema,
    keyOf: (row): [string | number, string] => [villageSortKeyOf(row, order.key), row.code],
    page: (after, limit) => sortedVillagesQuery(db, filters, order, after, limit),
  });
};
