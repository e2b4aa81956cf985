/** Response and parameter schemas for official-figures shared by more than one route folder (zod + OpenAPI only, no handlers). */
import { z } from "@hono/zod-openapi";
import { updatedAtField } from "../changes/updated-since";
import { ProvenanceSchema } from "./provenance";
import { OFFICIAL_METRIC_NAMES } from "../domain/official-metrics";
import { RegionCodeSchema } from "../lib/schemas";

export const SourceSchema = z
  .object({
    id: z.string().openapi({ example: "wuhu-2018", description: "Source document id" }),
    title_zh: z.string().openapi({ description: "Source document title" }),
    title_en: z.string().openapi({ description: "Source document title (English)" }),
    issuer: z.string().openapi({ description: "Issuing or publishing body" }),
    published_on: z.string().openapi({ example: "2018-05-01", format: "date", description: "Publication date" }),
    url: z.string().nullable().openapi({ description: "Source URL, if any" }),
    reference: z.string().nullable().openapi({ description: "Where the text is kept (for the demo: the seed file)" }),
  })
  .openapi("Source");

export const OfficialFigureSchema = z
  .object({
    id: z.number().int().openapi({ description: "Row id (stable)" }),
    kind: z.literal("official").openapi({ description: "Always `official`: announced by an authority, published as announced" }),
    region: z.object({ code: RegionCodeSchema, name_zh: z.string().openapi({ description: "Region name" }), name_en: z.string().openapi({ description: "Region name (English)" }) }),
    year: z.number().int().openapi({ description: "Year the figure refers to (last year of its period)" }),
    period_from: z.number().int().openapi({ description: "First year of the period (equals year for a single year)" }),
    metric: z.enum(OFFICIAL_METRIC_NAMES).openapi({ description: "Metric id, e.g. exited_people" }),
    metric_zh: z.string().openapi({ description: "Metric name" }),
    metric_en: z.string().openapi({ description: "Metric name (English)" }),
    value: z.number().openapi({ description: "As announced. Money is integer fen (分); percent is e.g. 23.6" }),
    unit: z.string().openapi({ example: "people", description: "people, households, villages, percent, fen, …" }),
    note_zh: z.string().nullable().openapi({ description: "Note on the figure" }),
    note_en: z.string().nullable().openapi({ description: "Note on the figure (English)" }),
    updated_at: updatedAtField("published on the portal"),
    source: SourceSchema,
    provenance: ProvenanceSchema,
  })
  .openapi("OfficialFigure");
