import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { requireScope } from "../../admin";
import { createDb } from "../../db/client";
import { listAuditEntries, type AuditRow } from "../../db/queries/audit-log";
import type { AppEnv } from "../../lib/app-env";
import { respondList } from "../../lib/listing";
import type { listAuditRoute } from "./admin-audit.routes";

export const listAuditHandler: RouteHandler<typeof listAuditRoute, AppEnv> = async (c) => {
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
};
