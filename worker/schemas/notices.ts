/** Response and parameter schemas for notices shared by more than one route folder (zod + OpenAPI only, no handlers). */
import { z } from "@hono/zod-openapi";
import { ProvenanceSchema } from "./provenance";
import { RegionCodeSchema } from "../lib/schemas";
import { ITEM_DECISIONS, NOTICE_TYPES, PUBLIC_NOTICE_STATUSES } from "../domain/notice-lifecycle";
import { isLocalDate } from "../domain/notice-window";

export const LocalDateSchema = z
  .string()
  .refine(isLocalDate, "must be a calendar date written YYYY-MM-DD")
  .openapi({ example: "2026-11-20", description: "Calendar date in Asia/Shanghai" });

const RegionRef = z.object({ code: RegionCodeSchema, name_zh: z.string().nullable().openapi({ description: "Region name" }), name_en: z.string().nullable().openapi({ description: "Region name (English)" }) });

export const ObjectionPeriodSchema = z
  .object({
    start: z.string().openapi({ example: "2026-11-20", format: "date", description: "First day (Asia/Shanghai), included" }),
    end: z.string().openapi({ example: "2026-11-26", format: "date", description: "Last day (Asia/Shanghai), included until 24:00" }),
    opens_at: z.string().openapi({ example: "2026-11-19T16:00:00.000Z", format: "date-time", description: "Instant the period opens (00:00 on the first day, UTC+8)" }),
    closes_at: z.string().openapi({ example: "2026-11-26T16:00:00.000Z", format: "date-time", description: "Instant it closes, exclusive (24:00 on the last day, UTC+8)" }),
    time_zone: z.literal("Asia/Shanghai").openapi({ description: "Always Asia/Shanghai" }),
    state: z.enum(["upcoming", "open", "ended"]).openapi({ description: "Where `now` is relative to the period" }),
  })
  .openapi("ObjectionPeriod");

export const NoticeSummarySchema = z
  .object({
    id: z.string().openapi({ example: "ntc_5k2m8q1z7d3h9w4r", description: "Notice id (ntc_…)" }),
    type: z.enum(NOTICE_TYPES).openapi({ description: "household_identification, household_exit, village_exit, return_to_poverty, project, fund_allocation or donation_use" }),
    region: RegionRef,
    title_zh: z.string().openapi({ description: "Title" }),
    title_en: z.string().nullable().openapi({ description: "Title (English), if any" }),
    issuer: z.string().openapi({ example: "南陵县扶贫开发领导小组办公室", description: "Issuing body" }),
    status: z.enum(PUBLIC_NOTICE_STATUSES).openapi({ description: "upcoming (published, objection period not started), open (objections accepted now), closed (period ended), announced or superseded. Judged in Asia/Shanghai at the time of the request; every published notice is in exactly one, and `status=` filters by the same rule" }),
    published_at: z.string().openapi({ description: "Publication instant (UTC)", format: "date-time" }),
    objection_period: ObjectionPeriodSchema,
    supersedes: z.string().nullable().openapi({ description: "Id of the notice this one corrects" }),
    superseded_by: z.string().nullable().openapi({ description: "Id of the notice that corrects this one" }),
    item_count: z.number().int().openapi({ description: "Household items in the notice" }),
    updated_at: z.string().openapi({ description: "Last change (UTC): opened, an objection received or upheld, closed, announced, superseded", format: "date-time" }),
    objections: z.object({ received: z.number().int().openapi({ description: "Objections received" }), upheld: z.number().int().openapi({ description: "Objections upheld" }) }),
    fingerprint: z.string().openapi({ description: "SHA-256 (hex) of the canonical JSON of the published content" }),
    demo: z.boolean().openapi({ description: "true for synthetic demo data" }),
    provenance: ProvenanceSchema,
  })
  .openapi("NoticeSummary");

export const NoticeItemSchema = z
  .object({
    item_no: z.number().int(),
    masked_name: z.string().openapi({ example: "张**", description: "Surname and one * per other character" }),
    village_group: z.string().openapi({ example: "3组" }),
    household_size: z.number().int(),
    decision: z.enum(ITEM_DECISIONS),
  })
  .openapi("NoticeItem");

export const NoticeIdParam = z.object({
  id: z
    .string()
    .regex(/^ntc_[0-9a-z]{1,40}$/, "must be a notice id (ntc_…)")
    .openapi({ param: { name: "id", in: "path" }, example: "ntc_5k2m8q1z7d3h9w4r" }),
});

/** Optional fields shared by every public POST: the honeypot and the Turnstile token. */
export const abuseFields = {
  website: z.string().max(500).optional().openapi({
    description: "Leave empty. A hidden form field: requests that fill it are answered normally and discarded (spam bots).",
  }),
  turnstile_token: z.string().max(4096).optional().openapi({ description: "Cloudflare Turnstile token; required only when Turnstile is switched on" }),
};

export const OBJECTION_TEXT_MAX = 2000;
export const CONTACT_MAX = 200;

export const ReceiptResponseSchema = z
  .object({
    data: z.object({
      receipt: z.string().openapi({ example: "7K3D-W9QX-M2HT-A8RF-0C5N-JB4E", description: "Shown once: keep it to follow up. It is stored only as a hash." }),
      received_at: z.string(),
      follow_up: z.string().openapi({ description: "Where to follow up with the receipt" }),
    }),
  })
  .openapi("Receipt");

export const ReceiptParam = z.object({
  // No length or pattern check here: a malformed receipt gets the same 404 as an unknown one.
  receipt: z
    .string()
    .openapi({ param: { name: "receipt", in: "path" }, example: "7K3D-W9QX-M2HT-A8RF-0C5N-JB4E" }),
});
