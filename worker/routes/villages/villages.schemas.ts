import { z } from "@hono/zod-openapi";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";
import { groupByParam } from "../../lib/grouping";
import { VILLAGE_GROUPS, VILLAGE_SORT_KEYS } from "../../db/queries/villages";
import { sortParam } from "../../lib/sorting";
import { updatedSinceParam } from "../../changes/updated-since";
import { VILLAGE_STATUSES, VillageSchema } from "../../schemas/villages";

export const VillageListQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Any region (province to village): the villages in it and below it, as `region=` on every other list" }),
  county: RegionCodeSchema.optional().openapi({ description: "County code: villages in this county" }),
  township: RegionCodeSchema.optional().openapi({ description: "Township code: villages in this township" }),
  status: z.enum(VILLAGE_STATUSES, { error: "must be one of not_designated, poor, exited" }).optional(),
  designated_year: YearSchema.optional().openapi({ description: "Year designated poor" }),
  exit_year: YearSchema.optional().openapi({ description: "Year exited" }),
  group_by: groupByParam(Object.keys(VILLAGE_GROUPS)),
  sort: sortParam(VILLAGE_SORT_KEYS, "Default `code`. `name` is pinyin order (the English name); a village without a year sorts as 0 (first ascending)."),
  updated_since: updatedSinceParam,
});

export { VILLAGE_STATUSES, VillageSchema };
