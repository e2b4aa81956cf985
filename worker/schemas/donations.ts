/** Response and parameter schemas for donations shared by more than one route folder (zod + OpenAPI only, no handlers). */
import { z } from "@hono/zod-openapi";
import { updatedAtField } from "../changes/updated-since";
import { ProvenanceSchema } from "./provenance";
import { DONATION_CHANNELS, DONATION_TARGETS } from "../domain/funds/vocabulary";

export const Fen = z.number().int().openapi({ description: "Amount in fen (分)" });
export const DonationSchema = z
  .object({
    id: z.string().openapi({ description: "Public id, printed on the donor's receipt" }),
    date: z.string().openapi({ description: "Date received", format: "date" }),
    amount_fen: Fen,
    channel: z.enum(DONATION_CHANNELS).openapi({ description: "bank_transfer, online, cash or in_kind" }),
    donor: z.object({
      named: z.boolean().openapi({ description: "false unless the donor chose to be named" }),
      name: z.string().nullable().openapi({ description: "Name if the donor chose to be named, else null (anonymous)" }),
    }),
    target: z.object({ type: z.enum(DONATION_TARGETS).openapi({ description: "general, region or project" }), region_code: z.string().nullable().openapi({ description: "Target region code" }), project_id: z.string().nullable().openapi({ description: "Target project id" }) }),
    region_code: z.string().nullable().openapi({ description: "The region the donation is for (a project's region), null for general donations" }),
    allocated_fen: Fen.openapi({ description: "Allocated to projects or villages" }),
    unallocated_fen: Fen.openapi({ description: "Not yet allocated to a project or village" }),
    reversed: z.boolean().openapi({ description: "true if the donation was reversed (refund or entry error)" }),
    reversed_at: z.string().nullable().openapi({ description: "When the reversal was recorded (UTC)", format: "date-time" }),
    ledger_index: z.number().int().openapi({ description: "Its entry in the ledger" }),
    recorded_at: z.string().openapi({ description: "When it was recorded (UTC)", format: "date-time" }),
    updated_at: updatedAtField("recorded, an allocation recorded or reversed, or the donation reversed"),
    demo: z.boolean().openapi({ description: "true for synthetic demo data" }),
    provenance: ProvenanceSchema,
  })
  .openapi("Donation");
