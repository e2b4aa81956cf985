import { createAdminRoute, IdempotencyHeader } from "../../admin";
import { listResponses } from "../../lib/listing";
import { errorResponses } from "../../lib/schemas";
import { AdminReportListQuery, AdminReportResponse, AdminReportSchema, AdminReportWriteResponse, ReportIdParam, ReportNoteBody, ReportTransitionBody } from "./admin-reports.schemas";

const TAGS = ["Admin: reports"];

export const listAdminReportsRoute = createAdminRoute({
  role: "viewer",
  method: "get",
  path: "/admin/reports",
  tags: TAGS,
  summary: "Reports in the token's region, oldest first (a work queue)",
  description: "Texts and contacts included: administrators only, never cached (Cache-Control: no-store).",
  request: { query: AdminReportListQuery },
  responses: { ...listResponses(AdminReportSchema, "AdminReportList"), ...errorResponses(400, 404, 500) },
});

export const getAdminReportRoute = createAdminRoute({
  role: "viewer",
  method: "get",
  path: "/admin/reports/{id}",
  tags: TAGS,
  summary: "One report with its full history, internal notes included",
  request: { params: ReportIdParam },
  responses: { 200: { description: "The report", content: { "application/json": { schema: AdminReportResponse } } }, ...errorResponses(400, 404, 500) },
});

export const transitionReportRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/reports/{id}/transitions",
  tags: TAGS,
  summary: "Move a report one step through its workflow",
  description:
    "received → accepted | rejected (public reason required) → in_progress → resolved → answered (public answer required). `from` must be the current status: " +
    "the change is a conditional write, so of two administrators racing only one succeeds and no status is ever skipped (409 for the other).",
  request: { headers: IdempotencyHeader(), params: ReportIdParam, body: { required: true, content: { "application/json": { schema: ReportTransitionBody } } } },
  responses: { 200: { description: "Moved (without the report's text and contact)", content: { "application/json": { schema: AdminReportWriteResponse } } }, ...errorResponses(400, 404, 409, 422, 500) },
});

export const noteReportRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/reports/{id}/notes",
  tags: TAGS,
  summary: "Add a public progress message or an internal note",
  request: { headers: IdempotencyHeader(), params: ReportIdParam, body: { required: true, content: { "application/json": { schema: ReportNoteBody } } } },
  responses: { 201: { description: "Added (without the report's text and contact)", content: { "application/json": { schema: AdminReportWriteResponse } } }, ...errorResponses(400, 404, 422, 500) },
});
