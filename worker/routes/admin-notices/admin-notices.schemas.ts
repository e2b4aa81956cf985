import { z } from "@hono/zod-openapi";
import { ITEM_DECISIONS, NOTICE_STATUSES, NOTICE_TYPES } from "../../domain/notice-lifecycle";
import { RegionCodeSchema } from "../../lib/schemas";
import { LocalDateSchema, NoticeIdParam, NoticeItemSchema, ObjectionPeriodSchema } from "../../schemas/notices";

export { NoticeIdParam };

export const MAX_ITEMS = 5000;

const ItemInput = z
  .strictObject({
    name: z.string().trim().min(1).max(40).optional().openapi({
      description: "Full name: masked on arrival (surname + one * per other character) and never stored or logged",
    }),
    masked_name: z.string().trim().min(1).max(40).optional().openapi({ description: "Already masked name, e.g. 张**" }),
    village_group: z.string().trim().min(1).max(40).openapi({ example: "3组" }),
    household_size: z.number({ error: "must be a whole number" }).int("must be a whole number").min(1).max(30),
    decision: z.enum(ITEM_DECISIONS).optional().openapi({ description: "Defaults to the notice type's decision" }),
  })
  .refine((item) => (item.name === undefined) !== (item.masked_name === undefined), { message: "give exactly one of name or masked_name" });

const noticeFields = {
  type: z.enum(NOTICE_TYPES, { error: `must be one of ${NOTICE_TYPES.join(", ")}` }),
  region: RegionCodeSchema,
  title_zh: z.string().trim().min(1).max(200),
  title_en: z.string().trim().min(1).max(300).nullable().optional(),
  body_zh: z.string().trim().min(1).max(20000),
  body_en: z.string().trim().min(1).max(40000).nullable().optional(),
  issuer: z.string().trim().min(1).max(200),
  supersedes: z
    .string()
    .regex(/^ntc_[0-9a-z]{1,40}$/, "must be a notice id (ntc_…)")
    .nullable()
    .optional()
    .openapi({ description: "The open or closed notice this draft corrects; it is superseded when this one opens" }),
  items: z.array(ItemInput).max(MAX_ITEMS, `at most ${MAX_ITEMS} items`).optional().openapi({ description: "Household items (household notice types only); replaces all items" }),
};

export const CreateNoticeBody = z.strictObject(noticeFields).openapi("NoticeDraftRequest");
export const EditNoticeBody = z
  .strictObject({
    type: noticeFields.type.optional(),
    region: noticeFields.region.optional(),
    title_zh: noticeFields.title_zh.optional(),
    title_en: noticeFields.title_en,
    body_zh: noticeFields.body_zh.optional(),
    body_en: noticeFields.body_en,
    issuer: noticeFields.issuer.optional(),
    supersedes: noticeFields.supersedes,
    items: noticeFields.items,
  })
  .openapi("NoticeDraftEdit");

export const OpenNoticeBody = z
  .strictObject({
    period_start: LocalDateSchema.optional().openapi({ description: "First day of the objection period (default: today in Asia/Shanghai)" }),
    period_end: LocalDateSchema.optional().openapi({ description: "Last day, included (default: 7 days counting the first)" }),
  })
  .openapi("NoticeOpenRequest");

export const AnnounceNoticeBody = z
  .strictObject({
    announcement_zh: z.string().trim().min(1).max(20000).openapi({ description: "The announced result (公告)" }),
    announcement_en: z.string().trim().min(1).max(40000).optional(),
  })
  .openapi("NoticeAnnounceRequest");

export const AnswerObjectionBody = z
  .strictObject({
    upheld: z.boolean({ error: "must be true or false" }),
    answer: z.string().trim().min(1).max(4000).openapi({ description: "The answer the objector reads with their receipt" }),
  })
  .openapi("ObjectionAnswerRequest");

export const ObjectionIdParam = z.object({
  id: z.string().regex(/^obj_[0-9a-z]{1,40}$/, "must be an objection id (obj_…)").openapi({ param: { name: "id", in: "path" }, example: "obj_5k2m8q1z7d3h9w4r" }),
});

export const AdminObjectionSchema = z
  .object({
    id: z.string(),
    item_no: z.number().int().nullable(),
    text: z.string(),
    contact: z.string().nullable(),
    status: z.enum(["received", "upheld", "not_upheld"]),
    answer: z.string().nullable(),
    received_at: z.string(),
    answered_at: z.string().nullable(),
  })
  .openapi("AdminObjection");

export const AdminNoticeSchema = z
  .object({
    id: z.string(),
    type: z.enum(NOTICE_TYPES),
    region_code: RegionCodeSchema,
    title_zh: z.string(),
    title_en: z.string().nullable(),
    body_zh: z.string(),
    body_en: z.string().nullable(),
    issuer: z.string(),
    status: z.enum(NOTICE_STATUSES).openapi({ description: "Stored status" }),
    public_status: z.enum([...NOTICE_STATUSES, "upcoming"]).openapi({ description: "What the public sees now" }),
    objection_period: ObjectionPeriodSchema.nullable(),
    published_at: z.string().nullable(),
    closed_at: z.string().nullable(),
    announced_at: z.string().nullable(),
    superseded_at: z.string().nullable(),
    announcement_zh: z.string().nullable(),
    announcement_en: z.string().nullable(),
    supersedes: z.string().nullable(),
    superseded_by: z.string().nullable(),
    fingerprint: z.string().nullable(),
    item_count: z.number().int(),
    objections: z.object({ received: z.number().int(), upheld: z.number().int() }),
    items: z.array(NoticeItemSchema),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("AdminNotice");

export const AdminNoticeResponse = z.object({ data: AdminNoticeSchema }).openapi("AdminNoticeResponse");
export const AdminNoticeWithObjectionsResponse = z
  .object({ data: AdminNoticeSchema.extend({ objection_list: z.array(AdminObjectionSchema) }) })
  .openapi("AdminNoticeWithObjections");
/** The answer to an answer: without the objection's text and contact (write answers are kept for idempotent replays). */
export const AdminObjectionResponse = z.object({ data: AdminObjectionSchema.omit({ text: true, contact: true }) }).openapi("AdminObjectionAnswered");
