import { z } from "@hono/zod-openapi";
import { createAdminRoute, requireScope } from "../../admin";
import { createDb } from "../../db/client";
import { listAuditEntries, type AuditRow } from "../../db/queries/audit-log";
import { listParams, listResponses, respondList } from "../../lib/listing";
import { createRouter } from "../../lib/router";
import { errorResponses, RegionCodeSchema } from "../../lib/schemas";

const AuditEntrySchema = z
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

const AuditQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Entries for this region and below (default: the token's region)" }),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
});

export const listAuditRoute = createAdminRoute({
  role: "admin",
  method: "get",
  path: "/admin/audit",
  tags: ["Admin"],
  summary: "The audit log (admins), newest first",
  description: "Every administrative write with who (token id), what, when and a summary. Append-only: the database refuses UPDATE and DELETE.",
  request: { query: AuditQuery },
  responses: { ...listResponses(AuditEntrySchema, "AuditEntryList"), ...errorResponses(400, 500) },
});

export const adminAuditRouter = createRouter().openapi(listAuditRoute, async (c) => {
  const query = c.req.valid("query");
  const region = query.region ?? c.get("admin").regionCode;
  requireScope(c, region, "query.region");
  const db = createDb(c.env.DB);
  const filters = { region, actor: query.actor, action: query.action };
  return respondList<AuditRow, number>(c, query, {
    dataset: "audit_log",
    filename: "audit-log",
    cacheable: false,
    keySchema: z.number().int().positive(),
    keyOf: (row) => row.id,
    page: (before, limit) => listAuditEntries(db, filters, before, limit),
    toJson: (row) => ({
      id: row.id,
      actor: row.actor,
      action: row.action,
      target_type: row.targetType,
      target_id: row.targetId,
      region_code: row.regionCode,
      summary: row.summary,
      created_at: row.createdAt,
    }),
    columns: [
      { name: "id", value: (r) => r.id },
      { name: "actor", value: (r) => r.actor },
      { name: "action", value: (r) => r.action },
      { name: "target_type", value: (r) => r.targetType },
      { name: "target_id", value: (r) => r.targetId },
      { name: "region_code", value: (r) => r.regionCode },
      { name: "summary", value: (r) => r.summary },
      { name: "created_at", value: (r) => r.createdAt },
    ],
    meta: { filters },
  });
});
