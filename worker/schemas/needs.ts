/** Response schemas for needs shared by the route folders and the catalogue (zod + OpenAPI only). */
import { z } from "@hono/zod-openapi";
import { updatedAtField } from "../changes/updated-since";
import { NEED_BENEFICIARIES, NEED_CATEGORIES, NEED_STATUSES } from "../needs/rules";
import { RegionCodeSchema } from "../lib/schemas";
import { ProvenanceSchema } from "./provenance";

const Place = (what: string) =>
  z.object({
    code: RegionCodeSchema,
    name_zh: z.string().openapi({ description: `${what}, Chinese name` }),
    name_en: z.string().openapi({ description: `${what}, English name` }),
  });

export const NeedSchema = z
  .object({
    id: z.string().openapi({ description: "Need id (ned_…)" }),
    region: Place("Where the need is shown").extend({
      level: z.enum(["village", "township"]).openapi({ description: "village, or township for medical and disability needs (privacy rule R4)" }),
    }),
    township: Place("The township"),
    category: z.enum(NEED_CATEGORIES).openapi({ description: NEED_CATEGORIES.join(", ") }),
    beneficiary: z.enum(NEED_BENEFICIARIES).openapi({ description: "For a household (never named) or for the whole village" }),
    description: z.string().openapi({ description: "What is needed and why, as the village's information administrator wrote it; names no household" }),
    items: z.string().nullable().openapi({ description: "Items needed, if any" }),
    amount_fen: z.number().int().nullable().openapi({ description: "Amount needed in fen (分), if any" }),
    deadline: z.string().openapi({ description: "Last day to pledge (Asia/Shanghai)", format: "date" }),
    posted_on: z.string().openapi({ description: "Date posted (Asia/Shanghai)", format: "date" }),
    status: z.enum(NEED_STATUSES).openapi({ description: "open → pledged → delivered, or expired / withdrawn" }),
    closed_reason: z.string().nullable().openapi({ description: "Why an expired or withdrawn need closed" }),
    closed_on: z.string().nullable().openapi({ description: "Date delivered, expired or withdrawn", format: "date" }),
    pledged_on: z.string().nullable().openapi({ description: "Date of the pledge", format: "date" }),
    donor_named: z.boolean().openapi({ description: "false unless the donor chose to be named" }),
    donor_name: z.string().nullable().openapi({ description: "The donor's name if they chose to be named, else null" }),
    delivered_on: z.string().nullable().openapi({ description: "Date of the delivery", format: "date" }),
    delivered: z.string().nullable().openapi({ description: "What was delivered" }),
    delivered_fen: z.number().int().nullable().openapi({ description: "Amount delivered in fen, if money" }),
    donation_id: z.string().nullable().openapi({ description: "The donation that paid for the delivery (see /donations/{id})" }),
    in_kind_record: z.string().nullable().openapi({ description: "The in-kind record's number, for goods" }),
    demo: z.boolean().openapi({ description: "true for synthetic demo data" }),
    updated_at: updatedAtField("posted, pledged, delivered, expired or withdrawn"),
    provenance: ProvenanceSchema,
  })
  .openapi("Need");
