import { z } from "@hono/zod-openapi";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";
import { groupByParam } from "../../lib/grouping";
import { VILLAGE_GROUPS, VILLAGE_SORT_KEYS } from "../../db/queries/villages";
import { sortParam } from "../../lib/sorting";

export const VILLAGE_STATUSES = ["not_designated", "poor", "exited"] as const;

const RegionRef = z.object({
  code: RegionCodeSchema,
  name_zh: z.string().nullable().openapi({ description: "Name" }),
  name_en: z.string().nullable().openapi({ description: "Name (English)" }),
});

export const VillageSchema = z
  .object({
    code: RegionCodeSchema,
    name_zh: z.string().openapi({ example: "桃园村", description: "Chinese name" }),
    name_en: z.string().openapi({ example: "Taoyuan Village", description: "English name" }),
    township: RegionRef,
    county: RegionRef,
    designated_year: z.number().int().nullable().openapi({ description: "Year designated a poor village (贫困村), or null" }),
    exit_year: z.number().int().nullable().openapi({ description: "Year it exited (出列), or null" }),
    status: z.enum(VILLAGE_STATUSES).openapi({ description: "not_designated, poor (designated, not yet exited) or exited" }),
    demo: z.boolean().openapi({ description: "true for synthetic demo data" }),
  })
  .openapi("Village");

export const VillageListQuery = z.strictObject({
  ...listParams,
  county: RegionCodeSchema.optional().openapi({ description: "County code: villages in this county" }),
  township: RegionCodeSchema.optional().openapi({ description: "Township code: villages in this township" }),
  status: z.enum(VILLAGE_STATUSES, { error: "must be one of not_designated, poor, exited" }).optional(),
  designated_year: YearSchema.optional().openapi({ description: "Year designated poor" }),
  exit_year: YearSchema.optional().openapi({ description: "Year exited" }),
  group_by: groupByParam(Object.keys(VILLAGE_GROUPS)),
  sort: sortParam(VILLAGE_SORT_KEYS, "Default `code`. `name` is pinyin order (the English name); a village without a year sorts as 0 (first ascending)."),
});
