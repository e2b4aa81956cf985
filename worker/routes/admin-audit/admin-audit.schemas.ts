import { z } from "@hono/zod-openapi";
import { listParams } from "../../lib/listing";
import { RegionCodeSchema } from "../../lib/schemas";

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    actor: z.string().openapi({ description: "Token id, or cli:… for the command line" }),
    action: z.string(),
    target_type: z.string(),
    target_id: z.string().nullable(),
    region_code: z.string().nullable(),
    summary: z.string(),
    created_at: z.string(),
  })
  .openapi("AuditEntry");

export const AuditQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Entries for this region and below (default: the token's region)" }),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
});
