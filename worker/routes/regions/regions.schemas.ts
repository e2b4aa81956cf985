import { z } from "@hono/zod-openapi";
import { listParams } from "../../lib/listing";
import { updatedSinceParam } from "../../changes/updated-since";
import { RegionCodeSchema } from "../../lib/schemas";
import { RegionLevelSchema, RegionSchema } from "../../schemas/regions";

export const RegionListQuery = z.strictObject({
  ...listParams,
  level: RegionLevelSchema.optional(),
  parent: RegionCodeSchema.optional().openapi({ description: "Only the direct children of this region" }),
  codes: z
    .string()
    .regex(/^\d{12}(,\d{12}){0,49}$/, "must be 1 to 50 comma-separated 12-digit region codes")
    .transform((text) => [...new Set(text.split(","))])
    .optional()
    .openapi({ description: "Only these regions: up to 50 comma-separated codes (a page names the places it shows)", example: "340000000000,340200000000" }),
  q: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(50, "must be at most 50 characters")
    .optional()
    .openapi({ description: "Name contains: Chinese anywhere in the name (traditional read as simplified); Latin text as the start of the name's pinyin or initials from any character on (`nanling`, `ling`, `nl`) or of a word of its English name. Answered from the search index; results in its order (provinces, cities, counties, townships, then villages, each by code), the cursor its own. With `updated_since`, change order and a plain substring match of the Chinese or English name.", example: "南陵" }),
  updated_since: updatedSinceParam,
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

export { RegionLevelSchema, RegionSchema };
