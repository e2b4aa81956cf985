import { z } from "@hono/zod-openapi";
import { STATISTICS_LEVELS } from "../../domain/disclosure/categories";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";
import { MONITORING_BREAKDOWNS } from "../../monitoring/rules";
import { MonitoringRowSchema } from "../../schemas/monitoring";

export const MonitoringQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "This region and everything below it" }),
  level: z
    .enum(STATISTICS_LEVELS, { error: "must be one of county, township, village" })
    .optional()
    .openapi({ description: "Level of the rows. Default: the region's own level if it is a county, township or village, otherwise county" }),
  year: YearSchema.optional().openapi({ description: "Register year" }),
  breakdown: z
    .enum(MONITORING_BREAKDOWNS, { error: "must be one of none, cause" })
    .optional()
    .openapi({ description: "none (totals, the default) or cause (township and county only)" }),
});

export { MonitoringRowSchema };
