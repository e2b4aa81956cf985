import { createAdminRoute } from "../../admin";
import { listResponses } from "../../lib/listing";
import { errorResponses } from "../../lib/schemas";
import { AuditEntrySchema, AuditQuery } from "./admin-audit.schemas";

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
