import { z } from "@hono/zod-openapi";
import { updatedSinceParam } from "../../changes/updated-since";
import { BREAKDOWNS, STATISTICS_LEVELS } from "../../domain/disclosure/categories";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";
import { PublishedFigureSchema, RegisterStatisticSchema } from "../../schemas/register-statistics";

export const RegisterStatisticsQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "This region and everything below it" }),
  level: z
    .enum(STATISTICS_LEVELS, { error: "must be one of county, township, village" })
    .optional()
    .openapi({ description: "Level of the rows. Default: the region's own level if it is a county, township or village, otherwise county" }),
  year: YearSchema.optional(),
  breakdown: z
    .enum(BREAKDOWNS, { error: "must be one of none, cause, measure, household_size" })
    .optional()
    .openapi({ description: "none (totals, the default), cause, measure or household_size" }),
  updated_since: updatedSinceParam.openapi({
    description:
      "Only rows of releases activated at or after this instant. A register import replaces a county's (or township's) figures for a year as a whole, so the rows of a release come together, in the list's usual order; replace what you hold for that release's region and year with them. Poll again with `meta.poll_since`.",
  }),
});

export { PublishedFigureSchema, RegisterStatisticSchema };
