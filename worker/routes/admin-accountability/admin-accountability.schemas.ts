import { z } from "@hono/zod-openapi";
import { CASE_OUTCOMES, CASE_PROBLEMS } from "../../accountability/rules";
import { MAX_AMOUNT_FEN, MAX_AMOUNT_TEXT } from "../../domain/funds/money";
import { DateTextSchema, RegionCodeSchema } from "../../lib/schemas";

const People = z.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must not be negative").max(1000, "must be at most 1,000");
const Fen = z
  .number({ error: "must be a whole number of fen" })
  .int("must be a whole number of fen (分)")
  .min(0, "must not be negative")
  .max(MAX_AMOUNT_FEN, `must be at most ${MAX_AMOUNT_TEXT}`);

export const CaseBody = z
  .strictObject({
    region_code: RegionCodeSchema.openapi({ description: "County, township or village of the case" }),
    closed_on: DateTextSchema.openapi({ description: "Date the case was closed" }),
    problem: z.enum(CASE_PROBLEMS, { error: `must be one of ${CASE_PROBLEMS.join(", ")}` }),
    outcome: z.enum(CASE_OUTCOMES, { error: `must be one of ${CASE_OUTCOMES.join(", ")}` }),
    people_disciplined: People,
    people_referred: People.openapi({ description: "People sent to prosecutors; more than 0 exactly when the outcome is referral_to_prosecutors" }),
    recovered_fen: Fen.openapi({ description: "Money recovered, in fen" }),
    returned_fen: Fen.openapi({ description: "Money returned to residents, in fen" }),
    official: z
      .strictObject({
        position: z.string().trim().min(1, "is required").max(100, "is too long"),
        name: z.string().trim().min(1, "must not be empty").max(50, "is too long").optional(),
      })
      .optional()
      .openapi({ description: "Only as the office's public bulletin names them; requires `bulletin`" }),
    bulletin: z
      .strictObject({
        title: z.string().trim().min(1, "is required").max(200, "is too long"),
        url: z.string().url("must be a URL").regex(/^https?:\/\//, "must be an http(s) URL").max(500, "is too long"),
        date: DateTextSchema.openapi({ description: "Date the bulletin was published (not in the future)" }),
      })
      .optional()
      .openapi({ description: "The public bulletin (典型问题通报) that named the official" }),
    report_id: z.string().regex(/^rpt_[0-9a-z_]{4,40}$/, "must be a report id (rpt_…)").optional().openapi({
      description: "The citizen report that started the case. Never published: the reporter's receipt page then says a case was opened and how it ended, nothing more.",
    }),
  })
  .openapi("AccountabilityCaseInput");

export const CaseWriteResult = z.object({ data: z.object({ id: z.string(), county_code: z.string(), year: z.number().int() }) }).openapi("AccountabilityCaseWriteResult");
