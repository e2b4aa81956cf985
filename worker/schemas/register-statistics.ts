/** Response and parameter schemas for register-statistics shared by more than one route folder (zod + OpenAPI only, no handlers). */
import { z } from "@hono/zod-openapi";
import { ProvenanceSchema } from "./provenance";
import { BREAKDOWNS, METRIC_CODES, STATISTICS_LEVELS } from "../domain/disclosure/categories";
import { RegionCodeSchema } from "../lib/schemas";

export const PublishedFigureSchema = z
  .object({
    value: z.number().int().nullable().openapi({ description: "0, or a multiple of 5 of at least 10; null when banded (1–7) or withheld" }),
    banded: z.boolean().openapi({ description: "true: the count is between 1 and 7 (shown as `1-7` in CSV)" }),
    disclosure: z.enum(["zero", "rounded", "banded", "withheld"]).openapi({
      description: "zero: exactly 0; rounded: nearest multiple of 5; banded: 1–7; withheld: not published so that subtraction — across regions, cuts, households and people, and years (the joint disclosure gate) — cannot narrow a hidden count, or never published in that cut (issue 16: at village level everything but registered and exited households; people by household size; newly identified, returned and monitored by cause, measure or size)",
    }),
  })
  // One CSV cell per figure: the number, `1-7` or `withheld` (lib/dataset-fields.ts).
  .openapi({ "x-csv-cell": "published-count", description: "A count under the disclosure rules; in CSV one cell: the number, `1-7` or `withheld`" })
  .openapi("PublishedFigure");

export const RegisterStatisticSchema = z
  .object({
    kind: z.literal("register-derived").openapi({ description: "Always `register-derived`: computed from household records under the disclosure rules" }),
    year: z.number().int().openapi({ description: "Release year" }),
    level: z.enum(STATISTICS_LEVELS).openapi({ description: "county, township or village" }),
    region: z.object({ code: RegionCodeSchema, name_zh: z.string().nullable().openapi({ description: "Region name" }), name_en: z.string().nullable().openapi({ description: "Region name (English)" }) }),
    breakdown: z.enum(BREAKDOWNS).openapi({ description: "none, cause, measure or household_size; villages have `none` only (issue 16: village breakdowns are not published)" }),
    category: z.string().openapi({ description: "`total` for breakdown=none; otherwise a cause, measure or household-size band", example: "lack_of_labour" }),
    category_zh: z.string().openapi({ description: "Category name" }),
    figures: z.object(Object.fromEntries(METRIC_CODES.map((m) => [m, PublishedFigureSchema])) as Record<(typeof METRIC_CODES)[number], typeof PublishedFigureSchema>).openapi({
      // CSV columns keep the metric names (registered_households, …), as published before.
      "x-csv-flatten": "unprefixed",
    }),
    // After the figures so the CSV keeps its earlier column order (new columns at the end).
    release_id: z.string().openapi({ description: "The import these figures come from (recomputed once per release)" }),
    category_en: z.string().openapi({ description: "Category name (English)" }),
    provenance: ProvenanceSchema,
  })
  .openapi("RegisterStatistic");
