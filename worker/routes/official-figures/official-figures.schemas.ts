import { z } from "@hono/zod-openapi";
import { OFFICIAL_METRIC_NAMES } from "../../domain/official-metrics";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";
import { SourceSchema, OfficialFigureSchema } from "../../schemas/official-figures";

export const OfficialFigureListQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "This region and everything below it" }),
  year: YearSchema.optional(),
  metric: z.enum(OFFICIAL_METRIC_NAMES, { error: "must be a known metric (see /api/v1/datasets)" }).optional(),
});

export { SourceSchema, OfficialFigureSchema };
