import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { requireScope } from "../../admin";
import { actorOf, executeWrite } from "../../admin/execute";
import { createDb } from "../../db/client";
import { allReportEvents, listReportsForAdmin, type ReportKey, type ReportRow } from "../../db/queries/reports";
import { reportDeadlines } from "../../domain/report-workflow";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import { loadReportInScope, noteReport, transitionReport, type ReportEvent, type ReportResult } from "../../writes/reports";
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

function eventJson(e: ReportEvent) {
  return { at: e.at, kind: e.kind, from_status: e.fromStatus, to_status: e.toStatus, public_text: e.publicText, internal_note: e.internalNote, token_id: e.tokenId };
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
  const db = createDb(c.env.DB);
  const report = await loadReportInScope({ actor: actorOf(c), db }, id);
  const events = await allReportEvents(db, id);
  return c.json({ data: { ...adminReportJson(report, clock(c)), events: events.map(eventJson) } }, 200);
};

const present = ({ report, events }: ReportResult, now: Date) => ({ data: { ...writtenReportJson(report, now), events: events.map(eventJson) } });

export const transitionReportHandler: RouteHandler<typeof transitionReportRoute, AppEnv> = (c) =>
  executeWrite(c, 200, (ctx) => transitionReport(ctx, c.req.valid("param").id, c.req.valid("json")), present);

export const noteReportHandler: RouteHandler<typeof noteReportRoute, AppEnv> = (c) => executeWrite(c, 201, (ctx) => noteReport(ctx, c.req.valid("param").id, c.req.valid("json")), present);
