/** Response and parameter schemas for villages shared by more than one route folder (zod + OpenAPI only, no handlers). */
import { z } from "@hono/zod-openapi";
import { updatedAtField } from "../changes/updated-since";
import { ProvenanceSchema } from "./provenance";
import { RegionCodeSchema } from "../lib/schemas";

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
    updated_at: updatedAtField("its status, designation or exit year set (names: the regions list)"),
    provenance: ProvenanceSchema,
  })
  .openapi("Village");
