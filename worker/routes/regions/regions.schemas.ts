import { z } from "@hono/zod-openapi";
import { REGION_LEVELS } from "../../domain/region-codes";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema } from "../../lib/schemas";

export const RegionLevelSchema = z.enum(REGION_LEVELS, { error: `must be one of ${REGION_LEVELS.join(", ")}` });

export const RegionSchema = z
  .object({
    code: RegionCodeSchema,
    name_zh: z.string().openapi({ example: "南陵县", description: "Chinese name" }),
    name_en: z.string().openapi({ example: "Nanling County", description: "English name (pinyin)" }),
    level: RegionLevelSchema.openapi({ description: "province, city, county, township or village" }),
    parent_code: RegionCodeSchema.nullable().openapi({ description: "Code of the parent region (null for a province)" }),
    demo: z.boolean().openapi({ description: "true for synthetic demo data (not a real place record)" }),
  })
  .openapi("Region");

export const RegionListQuery = z.strictObject({
  ...listParams,
  level: RegionLevelSchema.optional(),
  parent: RegionCodeSchema.optional().openapi({ description: "Only the direct children of this region" }),
  q: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(50, "must be at most 50 characters")
    .optional()
    .openapi({ description: "Name contains (Chinese or English)", example: "南陵" }),
});

export const RegionPathParams = z.object({
  code: RegionCodeSchema.openapi({ param: { name: "code", in: "path" } }),
});

export const RegionDetailSchema = z
  .object({
    data: RegionSchema.extend({
      ancestors: z.array(RegionSchema).openapi({ description: "Parent chain, province first" }),
      counts: z.object({
        children: z.number().int(),
        descendants: z.record(z.string(), z.number().int()).openapi({ description: "Regions below, by level" }),
        villages: z.object({
          total: z.number().int(),
          designated_poor: z.number().int(),
          poor: z.number().int(),
          exited: z.number().int(),
        }),
      }),
    }),
  })
  .openapi("RegionDetail");
