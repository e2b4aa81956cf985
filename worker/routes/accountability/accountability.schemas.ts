import { z } from "@hono/zod-openapi";
import { updatedSinceParam } from "../../changes/updated-since";
import { CASE_OUTCOMES, CASE_PROBLEMS } from "../../accountability/rules";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";
import { CaseSchema } from "../../schemas/accountability";

export const CaseListQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Cases in this region and below" }),
  year: YearSchema.optional().openapi({ description: "Cases closed in this year" }),
  problem: z.enum(CASE_PROBLEMS, { error: `must be one of ${CASE_PROBLEMS.join(", ")}` }).optional(),
  outcome: z.enum(CASE_OUTCOMES, { error: `must be one of ${CASE_OUTCOMES.join(", ")}` }).optional(),
  updated_since: updatedSinceParam,
});

export const CaseIdParam = z.object({
  id: z.string().regex(/^acc_[0-9a-z]{4,36}$/, "must be a case id (acc_…)").openapi({ param: { name: "id", in: "path" }, example: "acc_0h7k2m4q8r1t5v9w" }),
});

export const CaseDetailSchema = z.object({ data: CaseSchema }).openapi("AccountabilityCaseDetail");

export const CaseStatsQuery = z.strictObject({
  region: RegionCodeSchema.optional().openapi({ description: "Cases in this region and below" }),
  year: YearSchema.optional().openapi({ description: "Cases closed in this year" }),
});

const Totals = {
  cases: z.number().int(),
  people_disciplined: z.number().int(),
  people_referred: z.number().int().openapi({ description: "Sent to prosecutors" }),
  recovered_fen: z.number().int(),
  returned_fen: z.number().int().openapi({ description: "Returned to residents" }),
};

export const CaseStatsSchema = z
  .object({
    data: z.array(
      z.object({
        county: z.object({ code: RegionCodeSchema, name_zh: z.string().nullable(), name_en: z.string().nullable() }),
        year: z.number().int(),
        ...Totals,
        by_problem: z.object(Object.fromEntries(CASE_PROBLEMS.map((p) => [p, z.number().int()]))),
        by_outcome: z.object(Object.fromEntries(CASE_OUTCOMES.map((o) => [o, z.number().int()]))),
      }),
    ),
    meta: z.object({ totals: z.object(Totals), filters: z.record(z.string(), z.unknown()) }),
  })
  .openapi("AccountabilityStatistics");
