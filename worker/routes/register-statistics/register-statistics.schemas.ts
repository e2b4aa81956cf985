import { z } from "@hono/zod-openapi";
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
});

export { PublishedFigureSchema, RegisterStatisticSchema };
