/** Response and parameter schemas for regions shared by more than one route folder (zod + OpenAPI only, no handlers). */
import { z } from "@hono/zod-openapi";
import { ProvenanceSchema } from "./provenance";
import { REGION_LEVELS } from "../domain/region-codes";
import { RegionCodeSchema } from "../lib/schemas";
import { updatedAtField } from "../changes/updated-since";

export const RegionLevelSchema = z.enum(REGION_LEVELS, { error: `must be one of ${REGION_LEVELS.join(", ")}` });

export const RegionSchema = z
  .object({
    code: RegionCodeSchema,
    name_zh: z.string().openapi({ example: "南陵县", description: "Chinese name" }),
    name_en: z.string().openapi({ example: "Nanling County", description: "English name (pinyin)" }),
    level: RegionLevelSchema.openapi({ description: "province, city, county, township or village" }),
    parent_code: RegionCodeSchema.nullable().openapi({ description: "Code of the parent region (null for a province)" }),
    demo: z.boolean().openapi({ description: "true for synthetic demo data (not a real place record)" }),
    updated_at: updatedAtField("loaded, renamed or moved"),
    provenance: ProvenanceSchema,
  })
  .openapi("Region");
