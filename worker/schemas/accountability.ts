/** Response schema of an accountability case, shared by its route folder and the catalogue. */
import { z } from "@hono/zod-openapi";
import { updatedAtField } from "../changes/updated-since";
import { CASE_OUTCOMES, CASE_PROBLEMS } from "../accountability/rules";
import { RegionCodeSchema } from "../lib/schemas";
import { ProvenanceSchema } from "./provenance";

export const CaseSchema = z
  .object({
    id: z.string().openapi({ description: "Case record id (acc_…)" }),
    region: z.object({
      code: RegionCodeSchema,
      level: z.enum(["county", "township", "village"]).openapi({ description: "county, township or village" }),
      name_zh: z.string().openapi({ description: "Region, Chinese name" }),
      name_en: z.string().openapi({ description: "Region, English name" }),
    }),
    county_code: RegionCodeSchema.openapi({ description: "The county the case belongs to" }),
    closed_on: z.string().openapi({ description: "Date the case was closed", format: "date" }),
    year: z.number().int().openapi({ description: "Year closed" }),
    problem: z.enum(CASE_PROBLEMS).openapi({ description: CASE_PROBLEMS.join(", ") }),
    outcome: z.enum(CASE_OUTCOMES).openapi({ description: CASE_OUTCOMES.join(", ") }),
    people_disciplined: z.number().int().openapi({ description: "People given party or government discipline" }),
    people_referred: z.number().int().openapi({ description: "People sent to prosecutors (judicial organs)" }),
    recovered_fen: z.number().int().openapi({ description: "Money recovered, in fen (分)" }),
    returned_fen: z.number().int().openapi({ description: "Money returned to residents, in fen (分)" }),
    official_position: z.string().nullable().openapi({ description: "The official's position, only as the office's public bulletin gives it" }),
    official_name: z.string().nullable().openapi({ description: "The official's name, only when the public bulletin names them" }),
    bulletin_title: z.string().nullable().openapi({ description: "The public bulletin (典型问题通报) that named the official" }),
    bulletin_url: z.string().nullable().openapi({ description: "Where the bulletin is published" }),
    bulletin_date: z.string().nullable().openapi({ description: "Date of the bulletin", format: "date" }),
    updated_at: updatedAtField("recorded on the portal (a case is never edited)"),
    demo: z.boolean().openapi({ description: "true for synthetic demo data" }),
    provenance: ProvenanceSchema,
  })
  .openapi("AccountabilityCase");
