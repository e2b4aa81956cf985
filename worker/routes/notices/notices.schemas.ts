import { updatedSinceParam } from "../../changes/updated-since";
import { z } from "@hono/zod-openapi";
import { listParams } from "../../lib/listing";
import { sortParam } from "../../lib/sorting";
import { NOTICE_SORT_KEYS } from "../../db/queries/notices";
import { RegionCodeSchema } from "../../lib/schemas";
import { LedgerProofsSchema } from "../../schemas/ledger";
import { NOTICE_STATUSES, NOTICE_TYPES, PUBLIC_NOTICE_STATUSES } from "../../domain/notice-lifecycle";
import { LocalDateSchema, ObjectionPeriodSchema, NoticeSummarySchema, NoticeItemSchema, NoticeIdParam, abuseFields, OBJECTION_TEXT_MAX, CONTACT_MAX, ReceiptResponseSchema, ReceiptParam } from "../../schemas/notices";

export const NoticeDetailSchema = NoticeSummarySchema.extend({
  body_zh: z.string(),
  body_en: z.string().nullable(),
  announcement_zh: z.string().nullable(),
  announcement_en: z.string().nullable(),
  closed_at: z.string().nullable(),
  announced_at: z.string().nullable(),
  superseded_at: z.string().nullable(),
  items: z.array(NoticeItemSchema).nullable().openapi({
    description: "Household items while the notice is open or closed; null once announced or superseded (withdrawn, privacy rules)",
  }),
  items_withdrawn: z.boolean(),
  fingerprint_algorithm: z.string(),
  ledger: LedgerProofsSchema.nullable().openapi({
    description:
      "The notice's entries in the transparency ledger — `notice_opened` (its fingerprint when it opened), `notice_superseded` (when a correction replaced it) and `notice_announced` (its fingerprint again, with the fingerprint of the announced result) — each with an inclusion proof against the latest signed head. Recompute `fingerprint` from this document (see `fingerprint_algorithm`) and compare it with the leaves. Null for a notice published before the ledger recorded notices.",
  }),
  monitoring: z
    .object({
      region_code: RegionCodeSchema,
      year: z.number().int().openapi({ description: "Year the notice was published (Asia/Shanghai)" }),
      figures_region: RegionCodeSchema.nullable().openapi({ description: "Region whose figures the links show: the notice's region, or its township or county when the village has none of its own; null when none has any" }),
      figures_year: z.number().int().nullable().openapi({ description: "Register year whose figures the links show: `year` when imported, otherwise the latest year before it; null when there is none" }),
      api: z.string().openapi({ description: "The region's monitoring figures (GET /api/v1/monitoring) for figures_year" }),
      page: z.string().openapi({ description: "The same on the site" }),
      return_notices: z.string().openapi({ description: "The region's return-to-poverty notices published that year" }),
    })
    .nullable()
    .openapi({ description: "Return-to-poverty notices only (null for other types): the dynamic-monitoring figures (returned, edge and monitored households) of the notice's region and year" }),
}).openapi("NoticeDetail");

export const NoticeListQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "A region: its notices and those of every region below it" }),
  type: z.enum(NOTICE_TYPES, { error: `must be one of ${NOTICE_TYPES.join(", ")}` }).optional(),
  status: z.enum(PUBLIC_NOTICE_STATUSES, { error: `must be one of ${PUBLIC_NOTICE_STATUSES.join(", ")}` }).optional(),
  published_from: LocalDateSchema.optional().openapi({ description: "Published on or after this day (Asia/Shanghai)" }),
  published_to: LocalDateSchema.optional().openapi({ description: "Published on or before this day (Asia/Shanghai)" }),
  sort: sortParam(NOTICE_SORT_KEYS, "Default `-published` (newest first); `closes` for the objection periods that end soonest first."),
  updated_since: updatedSinceParam,
});

export const AtomQuery = z.strictObject({
  region: RegionCodeSchema.optional().openapi({ description: "A village, township, county or higher: its notices and those below it" }),
});

export const ObjectionBody = z
  .strictObject({
    item_no: z.number({ error: "must be a whole number" }).int("must be a whole number").min(1).max(5000).optional().openapi({
      description: "The item objected to (optional; leave out to object to the notice as a whole)",
    }),
    text: z.string({ error: "is required" }).trim().min(5, "must be at least 5 characters").max(OBJECTION_TEXT_MAX, `must be at most ${OBJECTION_TEXT_MAX} characters`).openapi({
      description: "The objection. Never published; read only by the issuing authority.",
    }),
    contact: z.string().trim().min(1).max(CONTACT_MAX, `must be at most ${CONTACT_MAX} characters`).optional().openapi({
      description: "Optional phone or address for a reply. Visible to administrators only.",
    }),
    ...abuseFields,
  })
  .openapi("ObjectionRequest");

export const ObjectionStatusSchema = z
  .object({
    data: z.object({
      notice_id: z.string(),
      item_no: z.number().int().nullable(),
      status: z.enum(["received", "upheld", "not_upheld"]),
      received_at: z.string(),
      answered_at: z.string().nullable(),
      answer: z.string().nullable().openapi({ description: "The authority's answer to the objector" }),
    }),
  })
  .openapi("ObjectionStatus");

export { NOTICE_STATUSES };

export { LocalDateSchema, ObjectionPeriodSchema, NoticeSummarySchema, NoticeItemSchema, NoticeIdParam, abuseFields, OBJECTION_TEXT_MAX, CONTACT_MAX, ReceiptResponseSchema, ReceiptParam };
