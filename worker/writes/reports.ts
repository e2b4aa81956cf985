/**
 * Citizen reports (举报): receiving one (createReport, the public form's write and the demo
 * generator's), moving it along its workflow (domain/report-workflow.ts) and adding a public
 * message or an internal note. The edge keeps what is not a rule of the record: the
 * Turnstile check and the honeypot of the public form.
 */
import { guardChanged } from "../admin/guard";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { getRegion } from "../db/queries/regions";
import { allReportEvents, getReport, insertReportStatements, reportEventInsert, reportStatusUpdate, type ReportRow } from "../db/queries/reports";
import { localDateOf } from "../domain/notice-window";
import { newReceipt, randomId, receiptHash } from "../domain/receipts";
import { acknowledgementDue, canMoveReport, PUBLIC_TEXT_REQUIRED, REPORT_TRANSITIONS, resolutionDue, type ReportCategory, type ReportStatus } from "../domain/report-workflow";
import { invalid, requireRole, requireScope, unknownRecord, WriteRefusal, type WriteContext, type WritePlan } from "./plan";

export type ReportEvent = Pick<Awaited<ReturnType<typeof allReportEvents>>[number], "at" | "kind" | "fromStatus" | "toStatus" | "publicText" | "internalNote" | "tokenId">;

/** What a report write answers with; the edge presents it (without text and contact). */
export interface ReportResult {
  report: ReportRow;
  events: ReportEvent[];
}

/** A report the actor may act on (404 before scope, so other regions' ids stay unknown). */
export async function loadReportInScope(ctx: Pick<WriteContext, "actor" | "db">, id: string): Promise<ReportRow> {
  const report = await getReport(ctx.db, id);
  if (!report) throw unknownRecord("report", id);
  requireScope(ctx.actor, report.regionCode, "param.id");
  return report;
}

export interface ReportSubmission {
  category: ReportCategory;
  region: string;
  text: string;
  contact?: string | null;
}

/** The answer to a new report: its receipt, shown this once (only its hash is stored). */
export interface ReportReceipt {
  data: { receipt: string; received_at: string; follow_up: string };
}

/**
 * Receives a report (anyone may: the public form acts as PUBLIC_ACTOR). Stored: the report
 * with its deadlines (judged from `now`), its first timeline event, the dataset bump — and of
 * the receipt only its hash. No audit row: a report is no public record, and the change feed
 * (built from the audit log) must not tell that one arrived. The demo generator passes a fixed
 * id and, for the one report the README follows, a fixed receipt; it marks its rows as demo.
 */
export async function createReport(ctx: WriteContext, input: ReportSubmission, options: { id?: string; receipt?: string; demo?: boolean } = {}): Promise<WritePlan<ReportReceipt>> {
  const { db, now } = ctx;
  if (!(await getRegion(db, input.region))) {
    throw new WriteRefusal("invalid", "invalid_request", `Invalid body: body.region — no region has the code ${input.region}`, [{ path: "body.region", message: "unknown region code" }]);
  }
  const receipt = options.receipt ?? newReceipt();
  const hash = await receiptHash(receipt);
  if (!hash) throw new Error(`Not a receipt: ${receipt}`);
  const at = now.toISOString();
  return {
    body: { data: { receipt, received_at: at, follow_up: `/api/v1/reports/${receipt}` } },
    statements: [
      ...insertReportStatements(db, {
        id: options.id ?? randomId("rpt"),
        category: input.category,
        regionCode: input.region,
        text: input.text,
        contact: input.contact ?? null,
        receiptHash: hash,
        receivedAt: at,
        receivedMonth: localDateOf(now).slice(0, 7),
        acknowledgementDueAt: acknowledgementDue(now).toISOString(),
        resolutionDueAt: resolutionDue(now).toISOString(),
        isDemo: options.demo ?? false,
      }, now),
    ],
    audit: null,
    conflict: new WriteRefusal("conflict", "conflict", "The report could not be stored; send it again."),
  };
}

export interface TransitionInput {
  from: ReportStatus;
  to: ReportStatus;
  public_text?: string;
  internal_note?: string;
}

export async function transitionReport(ctx: WriteContext, id: string, input: TransitionInput): Promise<WritePlan<ReportResult>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const report = await loadReportInScope(ctx, id);
  if (!canMoveReport(input.from, input.to)) {
    const next = REPORT_TRANSITIONS[input.from];
    throw new WriteRefusal("invalid", "invalid_transition", `A report cannot move from ${input.from} to ${input.to}${next.length ? `; next is ${next.join(" or ")}` : "; it is final"}.`, [
      { path: "body.to", message: `not a next status of ${input.from}` },
    ]);
  }
  const needs = PUBLIC_TEXT_REQUIRED[input.to];
  if (needs && !input.public_text) throw invalid([{ path: "body.public_text", message: needs }]);
  if (report.status !== input.from) {
    throw new WriteRefusal("conflict", "status_changed", `The report is ${report.status}, not ${input.from}: someone moved it meanwhile. Reload it.`, [{ path: "body.from", message: `current status is ${report.status}` }]);
  }
  const at = now.toISOString();
  const t = { reportId: id, from: input.from, to: input.to, at, publicText: input.public_text ?? null, internalNote: input.internal_note ?? null, tokenId: ctx.actor.id };
  const moved: ReportRow = {
    ...report,
    status: input.to,
    updatedAt: at,
    ...(input.to === "accepted" || input.to === "rejected" ? { acknowledgedAt: at } : {}),
    ...(input.to === "resolved" ? { resolvedAt: at } : {}),
    ...(input.to === "answered" ? { answeredAt: at } : {}),
  };
  return {
    body: { report: moved, events: [...(await allReportEvents(db, id)), { ...t, kind: "status", fromStatus: t.from, toStatus: t.to }] },
    conflict: new WriteRefusal("conflict", "status_changed", `The report is no longer ${input.from}: another administrator moved it meanwhile. Reload it.`, [{ path: "body.from", message: "status changed meanwhile" }]),
    statements: [reportStatusUpdate(db, t), guardChanged(db), reportEventInsert(db, t), bumpDatasetVersion(db, "reports", now)],
    audit: { action: `report.${input.to}`, targetType: "report", targetId: id, regionCode: report.regionCode, summary: `Report moved ${input.from} → ${input.to}` },
  };
}

export interface NoteInput {
  public_text?: string;
  internal_note?: string;
}

export async function noteReport(ctx: WriteContext, id: string, input: NoteInput): Promise<WritePlan<ReportResult>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const report = await loadReportInScope(ctx, id);
  const at = now.toISOString();
  const t = { reportId: id, from: null, to: null, at, publicText: input.public_text ?? null, internalNote: input.internal_note ?? null, tokenId: ctx.actor.id };
  return {
    body: { report, events: [...(await allReportEvents(db, id)), { ...t, kind: "note", fromStatus: null, toStatus: null }] },
    conflict: new WriteRefusal("conflict", "conflict", "The record changed meanwhile; reload and try again."),
    statements: [reportEventInsert(db, t), ...(input.public_text ? [bumpDatasetVersion(db, "reports", now)] : [])],
    audit: {
      action: "report.note",
      targetType: "report",
      targetId: id,
      regionCode: report.regionCode,
      summary: `Added ${[input.public_text && "a public message", input.internal_note && "an internal note"].filter(Boolean).join(" and ")}`,
    },
  };
}
