import { sortParam } from "../../lib/sorting";
import { DONATION_SORT_KEYS } from "../../db/queries/donations";
import { groupByParam } from "../../lib/grouping";
import { DONATION_GROUPS } from "../../db/queries/groups";
import { z } from "@hono/zod-openapi";
import { updatedSinceParam } from "../../changes/updated-since";
import { DONATION_TARGETS, PROJECT_STATUSES } from "../../domain/funds/vocabulary";
import { listParams } from "../../lib/listing";
import { DonationIdSchema, RegionCodeSchema } from "../../lib/schemas";
import { LedgerProofsSchema } from "../../schemas/ledger";
import { DisbursementSchema } from "../../schemas/funds";
import { Fen, DonationSchema } from "../../schemas/donations";

const DateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)");

export const DonationListQuery = z.strictObject({
  group_by: groupByParam(Object.keys(DONATION_GROUPS)),
  sort: sortParam(DONATION_SORT_KEYS, "Default `date` (oldest first); `-amount` for the largest gifts first."),
  updated_since: updatedSinceParam,
  ...listParams,
  target: z.enum(DONATION_TARGETS, { error: "must be one of general, region, project" }).optional(),
  region: RegionCodeSchema.optional().openapi({ description: "Donations for this region and below (region or project targets)" }),
  project: z.string().regex(/^prj_[0-9a-z]{4,36}$/, "must be a project id (prj_…)").optional().openapi({ description: "Donations targeted at this project" }),
  from: DateParam.optional().openapi({ description: "On or after this date" }),
  to: DateParam.optional().openapi({ description: "On or before this date" }),
});


export const DonationDetailSchema = z
  .object({
    data: DonationSchema.extend({
      allocations: z.array(
        z.object({
          id: z.string(),
          date: z.string(),
          amount_fen: Fen,
          reverses: z.string().nullable(),
          project: z.object({ id: z.string(), name_zh: z.string().nullable(), name_en: z.string().nullable() }).nullable(),
          village: z.object({ code: z.string(), name_zh: z.string().nullable(), name_en: z.string().nullable() }).nullable(),
          ledger_index: z.number().int(),
        }),
      ),
      projects: z.array(
        z.object({
          id: z.string(),
          name_zh: z.string(),
          name_en: z.string(),
          region_code: z.string(),
          category: z.string(),
          status: z.enum(PROJECT_STATUSES),
          planned_completion: z.string().nullable(),
          actual_start: z.string().nullable(),
          actual_completion: z.string().nullable(),
          budget_fen: Fen,
          allocated_fen: Fen,
          disbursed_fen: Fen,
          receipted_fen: Fen,
          donated_fen: Fen,
          disbursements: z.array(DisbursementSchema),
        }),
      ),
      ledger: LedgerProofsSchema,
    }),
  })
  .openapi("DonationDetail");

export { DonationIdSchema };

export { DonationSchema };
