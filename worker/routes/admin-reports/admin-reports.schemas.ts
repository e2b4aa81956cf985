import { z } from "@hono/zod-openapi";
import { REPORT_CATEGORIES, REPORT_STATUSES } from "../../domain/report-workflow";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema } from "../../lib/schemas";

export const ReportIdParam = z.object({
  id: z.string().regex(/^rpt_[0-9a-z]{1,40}$/, "must be a report id (rpt_…)").openapi({ param: { name: "id", in: "path" }, example: "rpt_5k2m8q1z7d3h9w4r" }),
});

export const AdminReportListQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Region and everything below it (default: the token's region)" }),
  status: z.enum(REPORT_STATUSES, { error: `must be one of ${REPORT_STATUSES.join(", ")}` }).optional(),
  category: z.enum(REPORT_CATEGORIES, { error: `must be one of ${REPORT_CATEGORIES.join(", ")}` }).optional(),
  overdue: z.enum(["true", "false"], { error: "must be true or false" }).optional().openapi({ description: "Only reports past (true) or within (false) their deadlines" }),
});

const Deadline = z.object({ due_at: z.string(), done_at: z.string().nullable(), overdue: z.boolean(), late: z.boolean() });

export const AdminReportSchema = z
  .object({
    id: z.string(),
    category: z.enum(REPORT_CATEGORIES),
    region_code: RegionCodeSchema,
    text: z.string(),
    contact: z.string().nullable(),
    status: z.enum(REPORT_STATUSES),
    received_at: z.string(),
    acknowledgement: Deadline,
    resolution: Deadline.nullable(),
    overdue: z.boolean(),
    answered_at: z.string().nullable(),
    updated_at: z.string(),
  })
  .openapi("AdminReport");

export const AdminReportEventSchema = z
  .object({
    at: z.string(),
    kind: z.enum(["status", "note"]),
    from_status: z.string().nullable(),
    to_status: z.string().nullable(),
    public_text: z.string().nullable(),
    internal_note: z.string().nullable(),
    token_id: z.string().nullable(),
  })
  .openapi("AdminReportEvent");

export const AdminReportResponse = z.object({ data: AdminReportSchema.extend({ events: z.array(AdminReportEventSchema) }) }).openapi("AdminReportResponse");
/**
 * What a write answers: the report without its text and contact. Write answers are kept for
 * idempotent replays, and personal data should not be copied into that table.
 */
export const AdminReportWriteResponse = z
  .object({ data: AdminReportSchema.omit({ text: true, contact: true }).extend({ events: z.array(AdminReportEventSchema) }) })
  .openapi("AdminReportWriteResponse");

const PublicText = z.string().trim().min(1).max(4000);

export const ReportTransitionBody = z
  .strictObject({
    from: z.enum(REPORT_STATUSES).openapi({ description: "The status you saw; the change is refused (409) if the report has moved on" }),
    to: z.enum(REPORT_STATUSES),
    public_text: PublicText.optional().openapi({ description: "Shown to the reporter on the timeline (required for rejected and answered)" }),
    internal_note: PublicText.optional().openapi({ description: "Administrators only" }),
  })
  .openapi("ReportTransitionRequest");

export const ReportNoteBody = z
  .strictObject({
    public_text: PublicText.optional().openapi({ description: "A progress message on the reporter's timeline" }),
    internal_note: PublicText.optional().openapi({ description: "Administrators only" }),
  })
  .refine((b) => b.public_text !== undefined || b.internal_note !== undefined, { message: "give a public_text, an internal_note or both" })
  .openapi("ReportNoteRequest");
