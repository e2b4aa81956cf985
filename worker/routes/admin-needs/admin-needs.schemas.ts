import { z } from "@hono/zod-openapi";
import { DateTextSchema, RegionCodeSchema } from "../../lib/schemas";
import { NEED_BENEFICIARIES, NEED_CATEGORIES, NEED_CLOSE_REASONS, NEED_MAX_AMOUNT_FEN, NEED_MAX_AMOUNT_TEXT } from "../../needs/rules";
import { TreeHeadSchema } from "../../schemas/ledger";

const Fen = (max: number, maxText: string) =>
  z
    .number({ error: "must be a whole number of fen" })
    .int("must be a whole number of fen (分)")
    .positive("must be positive")
    .max(max, `must be at most ${maxText}`);

export const PostNeedBody = z
  .strictObject({
    village_code: RegionCodeSchema.openapi({ description: "The village the need is in" }),
    category: z.enum(NEED_CATEGORIES, { error: `must be one of ${NEED_CATEGORIES.join(", ")}` }),
    beneficiary: z.enum(NEED_BENEFICIARIES, { error: "must be household or village" }).openapi({ description: "For a household (never named) or for the village" }),
    description: z.string({ error: "is required" }).trim().min(4, "must be at least 4 characters").max(500, "must be at most 500 characters").openapi({
      description: "What is needed and why. Never a name, ID number, phone number or address: the need is public.",
    }),
    items: z.string().trim().min(1, "must not be empty").max(300, "must be at most 300 characters").optional().openapi({ description: "Items needed (e.g. 书包 2 个)" }),
    amount_fen: Fen(NEED_MAX_AMOUNT_FEN, NEED_MAX_AMOUNT_TEXT).optional().openapi({ description: `Amount needed in fen (分), at most ${NEED_MAX_AMOUNT_TEXT}` }),
    deadline: DateTextSchema.openapi({ description: "Last day to pledge (Asia/Shanghai); not before today" }),
  })
  .openapi("PostNeedInput");

export const DeliveryBody = z
  .strictObject({
    date: DateTextSchema.openapi({ description: "Date delivered: not before the pledge, not in the future (Asia/Shanghai)" }),
    delivered: z.string({ error: "is required" }).trim().min(1, "is required").max(300, "must be at most 300 characters").openapi({ description: "What was delivered" }),
    amount_fen: Fen(NEED_MAX_AMOUNT_FEN, NEED_MAX_AMOUNT_TEXT).optional().openapi({ description: "Amount delivered in fen, if money" }),
    donation_id: z.string().regex(/^don_[0-9a-z]{4,36}$/, "must be a donation id (don_…)").optional().openapi({ description: "The recorded donation that paid for it" }),
    in_kind_record: z.string().trim().min(1, "must not be empty").max(100, "is too long").optional().openapi({ description: "Or the number of the in-kind record, for goods" }),
  })
  .openapi("NeedDeliveryInput");

export const CloseNeedBody = z
  .strictObject({
    status: z.enum(["expired", "withdrawn"], { error: "must be expired or withdrawn" }),
    reason: z.enum(NEED_CLOSE_REASONS, { error: `must be one of ${NEED_CLOSE_REASONS.join(", ")}` }),
  })
  .openapi("CloseNeedInput");

export const NeedWriteResult = z
  .object({
    data: z
      .object({
        id: z.string(),
        status: z.string().optional(),
        ledger_index: z.number().int().optional(),
        tree_head: TreeHeadSchema.omit({ signed_message: true }).optional(),
      })
      .passthrough(),
  })
  .openapi("NeedWriteResult");
