import { sortParam } from "../../lib/sorting";
import { PROJECT_SORT_KEYS } from "../../db/queries/funds";
import { groupByParam } from "../../lib/grouping";
import { PROJECT_GROUPS } from "../../db/queries/groups";
import { z } from "@hono/zod-openapi";
import { ASSISTANCE_MEASURES, FUND_SOURCES, PROJECT_STATUSES } from "../../domain/funds/vocabulary";
import { listParams } from "../../lib/listing";
import { DateTextSchema, ProjectIdSchema, RegionCodeSchema, YearSchema } from "../../lib/schemas";
import { isCalendarDate } from "../../domain/funds/dates";
import { isMonth } from "../../domain/funds/months";
import { updatedSinceParam } from "../../changes/updated-since";
import { AmendmentSchema, SourceLineSchema, ProjectSchema, AllocationSchema, DisbursementSchema, ProjectDonationSchema, RateSchema, FlowSchema, MonthlyRateSchema } from "../../schemas/funds";

export const ProjectDetailSchema = z
  .object({
    data: ProjectSchema.extend({
      allocations: z.array(AllocationSchema),
      disbursements: z.array(DisbursementSchema),
      donations: z.array(ProjectDonationSchema),
      amendments: z.array(AmendmentSchema).openapi({ description: "Changes of the project's names or budget, oldest first; its figures above are the current ones" }),
    }),
  })
  .openapi("FundProjectDetail");

export const ProjectListQuery = z.strictObject({
  group_by: groupByParam(Object.keys(PROJECT_GROUPS)),
  sort: sortParam(PROJECT_SORT_KEYS, "Default `id`. `name` is pinyin order (the English name); `-year` for the newest projects first."),
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Projects in this region and below" }),
  year: YearSchema.optional().openapi({ description: "Project year (项目年度)" }),
  category: z.enum(ASSISTANCE_MEASURES, { error: `must be one of ${ASSISTANCE_MEASURES.join(", ")}` }).optional(),
  status: z.enum(PROJECT_STATUSES, { error: `must be one of ${PROJECT_STATUSES.join(", ")}` }).optional(),
  source: z.enum(FUND_SOURCES, { error: `must be one of ${FUND_SOURCES.join(", ")}` }).optional().openapi({ description: "Projects with a budget from this fund source" }),
  updated_since: updatedSinceParam,
});

export const SummaryQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Projects in this region and below" }),
  year: YearSchema.optional().openapi({ description: "Project year" }),
  as_of: DateTextSchema.refine(isCalendarDate, "must be a real date (YYYY-MM-DD)")
    .optional()
    .openapi({
      description:
        "The rates as they stood at the end of this day (Asia/Shanghai), recomputed from the append-only money rows: rows dated on or before it and recorded by then, projects recorded by then, milestones (filed, started, completed) by their dates. Not after today.",
      example: "2018-06-30",
    }),
});

const MonthText = z.string().refine(isMonth, "must be a month (YYYY-MM)");

export const MonthlyRatesQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Projects in this region and below" }),
  year: YearSchema.optional().openapi({ description: "Project year" }),
  from: MonthText.optional().openapi({ description: "First month (YYYY-MM); default January of the earliest project year under the filters", example: "2018-01" }),
  to: MonthText.optional().openapi({ description: "Last month (YYYY-MM), not after the current month (Asia/Shanghai); default the current month", example: "2019-12" }),
});

export const FlowsQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Flows into this region, grouped by the level below it (provinces if absent)" }),
  year: YearSchema.optional(),
  source: z.enum(FUND_SOURCES, { error: `must be one of ${FUND_SOURCES.join(", ")}` }).optional(),
  category: z.enum(ASSISTANCE_MEASURES, { error: `must be one of ${ASSISTANCE_MEASURES.join(", ")}` }).optional(),
});

export { ProjectIdSchema };

export { SourceLineSchema, ProjectSchema, AllocationSchema, DisbursementSchema, ProjectDonationSchema, RateSchema, FlowSchema, MonthlyRateSchema };
