import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { auditEntry, guardChanged, idempotentWrite, requireScope } from "../../admin";
import { createDb } from "../../db/client";
import { bumpDatasetVersion } from "../../db/queries/dataset-versions";
import {
  allReportEvents,
  getReport,
  listReportsForAdmin,
  reportEventInsert,
  reportStatusUpdate,
  type ReportKey,
  type ReportRow,
} from "../../db/queries/reports";
import { canMoveReport, PUBLIC_TEXT_REQUIRED, REPORT_TRANSITIONS, reportDeadlines } from "../../domain/report-workflow";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import { ApiError, notFound } from "../../lib/errors";
import { respondList } from "../../lib/listing";
import { requireRegionParam } from "../region-params";
import type { getAdminReportRoute, listAdminReportsRoute, noteReportRoute, transitionReportRoute } from "./admin-reports.routes";

function deadlinesOf(r: ReportRow, now: Date) {
  return reportDeadlines(
    {
      status: r.status,
      receivedAt: new Date(r.receivedAt),
      acknowledgedAt: r.acknowledgedAt ? new Date(r.acknowledgedAt) : null,
      resolvedAt: r.resolvedAt ? new Date(r.resolvedAt) : null,
    },
    now,
  );
}

function adminReportJson(r: ReportRow, now: Date) {
  return {
    id: r.id,
    category: r.category,
    region_code: r.regionCode,
    text: r.text,
    contact: r.contact,
    status: r.status,
    received_at: r.receivedAt,
    ...deadlinesOf(r, now),
    answered_at: r.answeredAt,
    updated_at: r.updatedAt,
  };
}

/** The report for write answers: no text, no contact (they would be copied into idempotency records). */
function writtenReportJson(r: ReportRow, now: Date) {
  const { text: _text, contact: _contact, ...rest } = adminReportJson(r, now);
  return rest;
}

type EventRow = Awaited<ReturnType<typeof allReportEvents>>[number];
function eventJson(e: Pick<EventRow, "at" | "kind" | "fromStatus" | "toStatus" | "publicText" | "internalNote" | "tokenId">) {
  return { at: e.at, kind: e.kind, from_status: e.fromStatus, to_status: e.toStatus, public_text: e.publicText, internal_note: e.internalNote, token_id: e.tokenId };
}

async function loadInScope(c: Parameters<typeof requireScope>[0], id: string): Promise<ReportRow> {
  const report = await getReport(createDb(c.env.DB), id);
  if (!report) throw notFound("report", id);
  requireScope(c, report.regionCode, "param.id");
  return report;
}

export const listAdminReportsHandler: RouteHandler<typeof listAdminReportsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const admin = c.get("admin");
  const db = createDb(c.env.DB);
  const now = clock(c);
  const region = query.region ?? admin.regionCode;
  if (query.region) await requireRegionParam(db, "region", query.region);
  requireScope(c, region, "query.region");
  const filters = { region, status: query.status, category: query.category, overdue: query.overdue === undefined ? undefined : query.overdue === "true" };
  return respondList<ReportRow, ReportKey>(c, query, {
    dataset: "reports",
    cacheable: false,
    filename: "reports-admin",
    keySchema: z.tuple([z.string().max(40), z.string().regex(/^rpt_[0-9a-z]{1,40}$/)]),
    keyOf: (r) => [r.receivedAt, r.id],
    page: (after, limit) => listReportsForAdmin(db, filters, now, after, limit),
    toJson: (r) => adminReportJson(r, now),
    columns: [
      { name: "id", value: (r) => r.id },
      { name: "category", value: (r) => r.category },
      { name: "region_code", value: (r) => r.regionCode },
      { name: "status", value: (r) => r.status },
      { name: "received_at", value: (r) => r.receivedAt },
      { name: "acknowledgement_due_at", value: (r) => r.acknowledgementDueAt },
      { name: "resolution_due_at", value: (r) => r.resolutionDueAt },
      { name: "overdue", value: (r) => deadlinesOf(r, now).overdue },
      { name: "text", value: (r) => r.text },
      { name: "contact", value: (r) => r.contact },
    ],
    meta: { filters: { region, status: query.status, category: query.category, overdue: query.overdue }, as_of: now.toISOString() },
  });
};

export const getAdminReportHandler: RouteHandler<typeof getAdminReportRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const report = await loadInScope(c, id);
  const events = await allReportEvents(createDb(c.env.DB), id);
  return c.json({ data: { ...adminReportJson(report, clock(c)), events: events.map(eventJson) } }, 200);
};

export const transitionReportHandler: RouteHandler<typeof transitionReportRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const admin = c.get("admin");
  const now = clock(c);
  return idempotentWrite(c, async (db) => {
    const report = await loadInScope(c, id);
    if (!canMoveReport(body.from, body.to)) {
      const next = REPORT_TRANSITIONS[body.from];
      throw new ApiError(400, "invalid_transition", `A report cannot move from ${body.from} to ${body.to}${next.length ? `; next is ${next.join(" or ")}` : "; it is final"}.`, [
        { path: "body.to", message: `not a next status of ${body.from}` },
      ]);
    }
    const needs = PUBLIC_TEXT_REQUIRED[body.to];
    if (needs && !body.public_text) throw new ApiError(400, "invalid_request", `Invalid body: body.public_text — ${needs}`, [{ path: "body.public_text", message: needs }]);
    if (report.status !== body.from) {
      throw new ApiError(409, "status_changed", `The report is ${report.status}, not ${body.from}: someone moved it meanwhile. Reload it.`, [{ path: "body.from", message: `current status is ${report.status}` }]);
    }
    const at = now.toISOString();
    const t = { reportId: id, from: body.from, to: body.to, at, publicText: body.public_text ?? null, internalNote: body.internal_note ?? null, tokenId: admin.tokenId };
    const moved: ReportRow = {
      ...report,
      status: body.to,
      updatedAt: at,
      ...(body.to === "accepted" || body.to === "rejected" ? { acknowledgedAt: at } : {}),
      ...(body.to === "resolved" ? { resolvedAt: at } : {}),
      ...(body.to === "answered" ? { answeredAt: at } : {}),
    };
    const events = [...(await allReportEvents(db, id)).map(eventJson), eventJson({ ...t, kind: "status", fromStatus: t.from, toStatus: t.to })];
    return {
      status: 200 as const,
      body: { data: { ...writtenReportJson(moved, now), events } },
      conflict: new ApiError(409, "status_changed", `The report is no longer ${body.from}: another administrator moved it meanwhile. Reload it.`, [{ path: "body.from", message: "status changed meanwhile" }]),
      statements: [
        reportStatusUpdate(db, t),
        guardChanged(db),
        reportEventInsert(db, t),
        bumpDatasetVersion(db, "reports", now),
        auditEntry(db, admin, { action: `report.${body.to}`, targetType: "report", targetId: id, regionCode: report.regionCode, summary: `Report moved ${body.from} → ${body.to}` }, now),
      ],
    };
  });
};

export const noteReportHandler: RouteHandler<typeof noteReportRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const admin = c.get("admin");
  const now = clock(c);
  return idempotentWrite(c, async (db) => {
    const report = await loadInScope(c, id);
    const at = now.toISOString();
    const t = { reportId: id, from: null, to: null, at, publicText: body.public_text ?? null, internalNote: body.internal_note ?? null, tokenId: admin.tokenId };
    const events = [...(await allReportEvents(db, id)).map(eventJson), eventJson({ ...t, kind: "note", fromStatus: null, toStatus: null })];
    return {
      status: 201 as const,
      body: { data: { ...writtenReportJson(report, now), events } },
      statements: [
        reportEventInsert(db, t),
        ...(body.public_text ? [bumpDatasetVersion(db, "reports", now)] : []),
        auditEntry(db, admin, { action: "report.note", targetType: "report", targetId: id, regionCode: report.regionCode, summary: `Added ${[body.public_text && "a public message", body.internal_note && "an internal note"].filter(Boolean).join(" and ")}` }, now),
      ],
    };
  });
};
