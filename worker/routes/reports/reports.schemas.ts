import { groupByParam } from "../../lib/grouping";
import { listParams } from "../../lib/listing";
import { REPORT_GROUPS } from "../../db/queries/groups";
import { z } from "@hono/zod-openapi";
import { REPORT_CATEGORIES, REPORT_STATUSES } from "../../domain/report-workflow";
import { CASE_OUTCOMES } from "../../accountability/rules";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";
import { abuseFields, CONTACT_MAX } from "../../schemas/notices";

export const REPORT_TEXT_MAX = 5000;

export const ReportBody = z
  .strictObject({
    category: z.enum(REPORT_CATEGORIES, { error: `must be one of ${REPORT_CATEGORIES.join(", ")}` }),
    region: RegionCodeSchema.openapi({ description: "Where it happened: a village, township, county or higher" }),
    text: z
      .string({ error: "is required" })
      .trim()
      .min(10, "must be at least 10 characters")
      .max(REPORT_TEXT_MAX, `must be at most ${REPORT_TEXT_MAX} characters`)
      .openapi({ description: "What happened. Never published; read by the authority handling it." }),
    contact: z.string().trim().min(1).max(CONTACT_MAX, `must be at most ${CONTACT_MAX} characters`).optional().openapi({
      description: "Optional phone or address for follow-up. Visible to administrators only, never in any public response or export.",
    }),
    ...abuseFields,
  })
  .openapi("ReportRequest");

const DeadlineSchema = z.object({
  due_at: z.string(),
  done_at: z.string().nullable(),
  overdue: z.boolean().openapi({ description: "Not done and past due" }),
  late: z.boolean().openapi({ description: "Done after it was due" }),
});

export const ReportStatusSchema = z
  .object({
    data: z.object({
      category: z.enum(REPORT_CATEGORIES),
      region: z.object({ code: RegionCodeSchema, name_zh: z.string().nullable(), name_en: z.string().nullable() }),
      status: z.enum(REPORT_STATUSES),
      received_at: z.string(),
      acknowledgement: DeadlineSchema.openapi({ description: "Acceptance or rejection, due 7 days after receipt" }),
      resolution: DeadlineSchema.nullable().openapi({ description: "Resolution (销号), due 60 days after receipt; null for a rejected report" }),
      overdue: z.boolean(),
      timeline: z.array(
        z.object({
          at: z.string(),
          status: z.enum(REPORT_STATUSES).nullable().openapi({ description: "The status entered, or null for a public message without a status change" }),
          text: z.string().nullable().openapi({ description: "The authority's public text (reason, progress, answer)" }),
        }),
      ),
      accountability_case: z
        .object({ opened: z.literal(true), outcome: z.enum(CASE_OUTCOMES).openapi({ description: CASE_OUTCOMES.join(", ") }) })
        .nullable()
        .openapi({ description: "When the discipline-inspection office opened a case on this report: that it did, and how it ended. Nothing else about the case." }),
    }),
  })
  .openapi("ReportStatus");

export const ReportStatsQuery = z.strictObject({
  group_by: groupByParam(Object.keys(REPORT_GROUPS)),
  format: listParams.format,
  bom: listParams.bom,
  region: RegionCodeSchema.optional().openapi({ description: "Reports about this region and everything below it" }),
  category: z.enum(REPORT_CATEGORIES, { error: `must be one of ${REPORT_CATEGORIES.join(", ")}` }).optional(),
  year: YearSchema.optional().openapi({ description: "Reports received in this year (Asia/Shanghai)" }),
});

const Counts = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])));

export const ReportStatsSchema = z
  .object({
    data: z.object({
      total: z.number().int(),
      by_status: Counts(REPORT_STATUSES),
      by_category: Counts(REPORT_CATEGORIES),
      by_region: z.array(
        z.object({ code: RegionCodeSchema, name_zh: z.string().nullable(), name_en: z.string().nullable(), received: z.number().int() }),
      ).openapi({ description: "By county (or the city where there are no counties)" }),
      by_month: z.array(z.object({ month: z.string().openapi({ example: "2026-10" }), received: z.number().int(), resolved: z.number().int() })),
      median_days_to_acknowledge: z.number().nullable(),
      median_days_to_resolve: z.number().nullable(),
      overdue: z.object({
        acknowledgement: z.number().int().openapi({ description: "Received more than 7 days ago and neither accepted nor rejected" }),
        resolution: z.number().int().openapi({ description: "Received more than 60 days ago and not resolved" }),
      }),
    }),
    meta: z.object({ as_of: z.string(), time_zone: z.literal("Asia/Shanghai"), filters: z.record(z.string(), z.unknown()) }),
  })
  .openapi("ReportStatistics");
