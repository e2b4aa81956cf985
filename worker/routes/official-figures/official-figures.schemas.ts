import { z } from "@hono/zod-openapi";
import { OFFICIAL_METRIC_NAMES } from "../../domain/official-metrics";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";

export const SourceSchema = z
  .object({
    id: z.string().openapi({ example: "wuhu-2018" }),
    title_zh: z.string(),
    title_en: z.string(),
    issuer: z.string().openapi({ description: "Issuing or publishing body" }),
    published_on: z.string().openapi({ example: "2018-05-01", description: "ISO 8601 date" }),
    url: z.string().nullable(),
    reference: z.string().nullable().openapi({ description: "Where the text is kept (for the demo: the seed file)" }),
  })
  .openapi("Source");

export const OfficialFigureSchema = z
  .object({
    id: z.number().int(),
    kind: z.literal("official").openapi({ description: "Always `official`: announced by an authority, published as announced" }),
    region: z.object({ code: RegionCodeSchema, name_zh: z.string(), name_en: z.string() }),
    year: z.number().int().openapi({ description: "Year the figure refers to (last year of its period)" }),
    period_from: z.number().int().openapi({ description: "First year of the period (equals year for a single year)" }),
    metric: z.enum(OFFICIAL_METRIC_NAMES),
    metric_zh: z.string(),
    metric_en: z.string(),
    value: z.number().openapi({ description: "As announced. Money is integer fen (分); percent is e.g. 23.6" }),
    unit: z.string().openapi({ example: "people" }),
    note_zh: z.string().nullable(),
    note_en: z.string().nullable(),
    source: SourceSchema,
  })
  .openapi("OfficialFigure");

export const OfficialFigureListQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "This region and everything below it" }),
  year: YearSchema.optional(),
  metric: z.enum(OFFICIAL_METRIC_NAMES, { error: "must be a known metric (see /api/v1/datasets)" }).optional(),
});
