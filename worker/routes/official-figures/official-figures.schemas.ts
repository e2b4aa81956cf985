import { z } from "@hono/zod-openapi";
import { OFFICIAL_METRIC_NAMES } from "../../domain/official-metrics";
import { listParams } from "../../lib/listing";
import { sortParam } from "../../lib/sorting";
import { updatedSinceParam } from "../../changes/updated-since";
import { OFFICIAL_FIGURE_SORT_KEYS } from "../../db/queries/official-figures";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";
import { SourceSchema, OfficialFigureSchema } from "../../schemas/official-figures";

export const OfficialFigureListQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "This region and everything below it" }),
  year: YearSchema.optional(),
  metric: z.enum(OFFICIAL_METRIC_NAMES, { error: "must be a known metric (see /api/v1/datasets)" }).optional(),
  sort: sortParam(OFFICIAL_FIGURE_SORT_KEYS, "Default `id` (the order they were published in). `-year` for the latest first; `-value` with a `metric` for the largest first."),
  updated_since: updatedSinceParam,
});

export { SourceSchema, OfficialFigureSchema };
