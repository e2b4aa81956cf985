import { z } from "@hono/zod-openapi";
import { GroupRowsSchema } from "../../lib/grouping";
import { createRoute } from "@hono/zod-openapi";
import { errorResponses, publicErrors } from "../../lib/schemas";
import { publicPostGuard } from "../../middleware/public-post-guard";
import { ReceiptParam, ReceiptResponseSchema } from "../../schemas/notices";
import { ReportBody, ReportStatsQuery, ReportStatsSchema, ReportStatusSchema } from "./reports.schemas";

/** Largest report body accepted (5,000 Chinese characters are about 15 KB in UTF-8). */
export const REPORT_MAX_BYTES = 32 * 1024;

export const createReportRoute = createRoute({
  method: "post",
  path: "/reports",
  tags: ["Reports"],
  summary: "File a report (举报)",
  description:
    "Misuse of funds, wrongful identification or exit, officials' conduct, project quality or other. The answer carries a receipt shown ONCE: " +
    "it is stored only as a hash and is the only way to follow the report. No IP address or device identifier is stored; the contact is for administrators only. " +
    "Rate-limited per client (429 with Retry-After); bodies over 32 KB get 413.",
  middleware: publicPostGuard("report", REPORT_MAX_BYTES),
  request: { body: { required: true, content: { "application/json": { schema: ReportBody } } } },
  responses: {
    201: { description: "Received; keep the receipt", content: { "application/json": { schema: ReceiptResponseSchema } } },
    ...errorResponses(400, 403, 413, 415, 429, 500),
  },
});

export const reportStatsRoute = createRoute({
  method: "get",
  path: "/reports/stats",
  tags: ["Reports"],
  summary: "Report statistics",
  description:
    "Counts by status, category, county and month of receipt (or crossed with `group_by=category,month`), medians of days to acknowledge and to resolve, and how many are overdue now. Never any report's text or contact.",
  request: { query: ReportStatsQuery },
  responses: {
    200: {
      description: "Statistics; with `group_by`, the count of reports per group (json, or csv / ndjson with `format`)",
      content: { "application/json": { schema: z.union([ReportStatsSchema, GroupRowsSchema]) } },
    },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});

export const getReportRoute = createRoute({
  method: "get",
  path: "/reports/{receipt}",
  tags: ["Reports"],
  summary: "Follow a report by its receipt",
  description:
    "Status, deadlines (overdue flags) and the public timeline: status changes and the authority's public texts, never internal notes, never the report's text or contact. " +
    "An unknown, mistyped or malformed receipt gets the same 404.",
  request: { params: ReceiptParam },
  responses: {
    200: { description: "The report's status and timeline", content: { "application/json": { schema: ReportStatusSchema } } },
    ...errorResponses(404, 500),
  },
});
