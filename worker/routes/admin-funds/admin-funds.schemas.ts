import { z } from "@hono/zod-openapi";
import { ASSISTANCE_MEASURES, DONATION_CHANNELS, FUND_SOURCES } from "../../domain/funds/vocabulary";
import { REVERSAL_REASONS } from "../../domain/ledger/entries";
import { MAX_AMOUNT_FEN, MAX_AMOUNT_TEXT } from "../../domain/funds/money";
import { DateTextSchema, ProjectIdText, RegionCodeSchema } from "../../lib/schemas";
import { TreeHeadSchema } from "../../schemas/ledger";

const Fen = z
  .number({ error: "must be a whole number of fen" })
  .int("must be a whole number of fen (分)")
  .positive("must be positive (corrections are reversals)")
  .max(MAX_AMOUNT_FEN, `must be at most ${MAX_AMOUNT_TEXT}`)
  .openapi({ description: `Amount in fen (分), a positive integer of at most ${MAX_AMOUNT_TEXT}, so that every sum stays exact`, example: 1_000_000 });
const DateText = DateTextSchema;
const ProjectId = ProjectIdText;
const Source = z.enum(FUND_SOURCES, { error: `must be one of ${FUND_SOURCES.join(", ")}` });

export const CreateProjectBody = z
  .strictObject({
    name_zh: z.string().trim().min(1, "is required").max(200, "is too long"),
    name_en: z.string().trim().min(1, "is required").max(300, "is too long"),
    region_code: RegionCodeSchema,
    category: z.enum(ASSISTANCE_MEASURES, { error: `must be one of ${ASSISTANCE_MEASURES.join(", ")}` }),
    year: z.number({ error: "must be a year" }).int("must be a whole year").min(1980, "must be 1980 or later").max(2100, "must be 2100 or earlier"),
    planned_start: DateText.optional(),
    planned_completion: DateText.optional(),
    beneficiary_households: z.number().int("must be a whole number").min(0, "must not be negative").max(10_000_000, "is too large").optional(),
    budget: z.array(z.strictObject({ source: Source, amount_fen: Fen })).min(1, "needs at least one fund source").max(FUND_SOURCES.length, "has too many lines"),
  })
  .openapi("CreateFundProject");

export const StatusBody = z
  .strictObject({
    status: z.enum(["filed", "started", "completed", "cancelled"], { error: "must be one of filed, started, completed, cancelled" }),
    date: DateText.openapi({ description: "Date of filing, start, completion or cancellation" }),
  })
  .openapi("ProjectStatusChange");

export const AmendmentBody = z
  .strictObject({
    date: DateText.openapi({ description: "Date of the decision that amends the project (not in the future, Asia/Shanghai)" }),
    reason_zh: z.string().trim().min(1, "is required").max(500, "is too long").openapi({ description: "The public reason, shown with the project's history", example: "县扶贫开发领导小组调整项目计划" }),
    reason_en: z.string().trim().min(1, "must not be empty").max(1000, "is too long").optional().openapi({ description: "The reason in English (optional)" }),
    name_zh: z.string().trim().min(1, "must not be empty").max(200, "is too long").optional().openapi({ description: "New project name; omit to keep it" }),
    name_en: z.string().trim().min(1, "must not be empty").max(300, "is too long").optional().openapi({ description: "New English name; omit to keep it" }),
    budget: z
      .array(
        z.strictObject({
          source: Source,
          amount_fen: z.number({ error: "must be a whole number of fen" }).int("must be a whole number of fen (分)").min(0, "must not be negative").max(MAX_AMOUNT_FEN, `must be at most ${MAX_AMOUNT_TEXT}`).openapi({ description: "The line's new budget in fen; not below what is already allocated from it" }),
        }),
      )
      .max(FUND_SOURCES.length, "has too many lines")
      .optional()
      .openapi({ description: "New amounts for budget lines: a line the project has takes the new amount (a line left out keeps its amount); a fund source it does not have yet is added as a new line with this amount (recorded as 0 fen, then the change 0 → amount; 0 adds nothing)" }),
  })
  .openapi("FundProjectAmendmentInput");

export const AllocationBody = z
  .strictObject({
    project_id: ProjectId,
    source: Source,
    date: DateText,
    amount_fen: Fen,
    document_no: z.string().trim().min(1, "is required").max(100, "is too long").openapi({ description: "The allocation document number (文号)", example: "芜财农〔2018〕12号" }),
  })
  .openapi("FundAllocationInput");

export const DisbursementBody = AllocationBody.extend({
  receipted_fen: z.number({ error: "must be a whole number of fen" }).int("must be a whole number of fen").min(0, "must not be negative").max(MAX_AMOUNT_FEN, `must be at most ${MAX_AMOUNT_TEXT}`).openapi({ description: "Part of the amount accounted for with receipts (报账)" }),
}).openapi("DisbursementInput");

export const DonationBody = z
  .strictObject({
    date: DateText,
    amount_fen: Fen,
    channel: z.enum(DONATION_CHANNELS, { error: `must be one of ${DONATION_CHANNELS.join(", ")}` }),
    donor_name: z.string().trim().min(1, "must not be empty").max(100, "is too long").optional().openapi({ description: "Only if the donor chose to be named; omit for an anonymous donation. Never written to the ledger." }),
    target: z.discriminatedUnion(
      "type",
      [
        z.strictObject({ type: z.literal("general") }),
        z.strictObject({ type: z.literal("region"), region_code: RegionCodeSchema }),
        z.strictObject({ type: z.literal("project"), project_id: ProjectId }),
      ],
      { error: "must have type general, region (with region_code) or project (with project_id)" },
    ),
  })
  .openapi("DonationInput");

export const DonationAllocationBody = z
  .strictObject({
    project_id: ProjectId.optional(),
    village_code: RegionCodeSchema.optional(),
    date: DateText,
    amount_fen: Fen,
  })
  .openapi("DonationAllocationInput");

export const ReversalBody = z
  .strictObject({
    id: z.string().regex(/^(fal|dsb|don|dal)_[0-9a-z]{4,36}$/, "must be the id of a fund allocation, disbursement, donation or donation allocation"),
    date: DateText,
    reason: z.enum(REVERSAL_REASONS, { error: `must be one of ${REVERSAL_REASONS.join(", ")}` }),
    note: z.string().trim().max(500, "is too long").optional().openapi({ description: "For administrators; not part of the public ledger leaf" }),
  })
  .openapi("ReversalInput");

export const WriteResult = z
  .object({
    data: z
      .object({
        id: z.string(),
        ledger_index: z.number().int().optional(),
        tree_head: TreeHeadSchema.omit({ signed_message: true }).optional(),
      })
      .passthrough(),
  })
  .openapi("FundsWriteResult");
