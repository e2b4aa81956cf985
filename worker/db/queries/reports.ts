/**
 * SQL for citizen reports (举报) and their events. Public reads select explicit columns and
 * never the text or the contact: those are for the administration only (privacy.md).
 */
import { and, asc, between, count, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { descendantRange } from "../../domain/region-codes";
import type { ReportCategory, ReportStatus } from "../../domain/report-workflow";
import type { Db } from "../client";
import { regions, reportEvents, reports } from "../schema";
import { bumpDatasetVersion } from "./dataset-versions";

export interface NewReport {
  id: string;
  category: ReportCategory;
  regionCode: string;
  text: string;
  contact: string | null;
  receiptHash: string;
  receivedAt: string;
  receivedMonth: string;
  acknowledgementDueAt: string;
  resolutionDueAt: string;
  isDemo?: boolean;
}

/** Statements for one new report: the report, its first timeline event and the dataset bump. */
export function insertReportStatements(db: Db, r: NewReport, now?: Date) {
  return [
    db.insert(reports).values({ ...r, status: "received", updatedAt: r.receivedAt }),
    db.insert(reportEvents).values({ reportId: r.id, at: r.receivedAt, kind: "status", fromStatus: null, toStatus: "received" }),
    bumpDatasetVersion(db, "reports", now),
  ] as const;
}

/** What a reporter may see of their report: no text, no contact, no internal notes. */
export async function getReportForReceipt(db: Db, hash: string) {
  return (await reportForReceiptQuery(db, hash))[0];
}

export function reportForReceiptQuery(db: Db, hash: string) {
  return db
    .select({
      id: reports.id,
      category: reports.category,
      regionCode: reports.regionCode,
      regionNameZh: regions.nameZh,
      regionNameEn: regions.nameEn,
      status: reports.status,
      receivedAt: reports.receivedAt,
      acknowledgedAt: reports.acknowledgedAt,
      resolvedAt: reports.resolvedAt,
      answeredAt: reports.answeredAt,
    })
    .from(reports)
    .leftJoin(regions, eq(regions.code, reports.regionCode))
    .where(eq(reports.receiptHash, hash))
    .limit(1);
}

/** The public timeline: status changes and the authority's public texts, never internal notes. */
export function publicTimeline(db: Db, reportId: string) {
  return db
    .select({ at: reportEvents.at, kind: reportEvents.kind, status: reportEvents.toStatus, text: reportEvents.publicText })
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), sql`(${reportEvents.kind} = 'status' OR ${reportEvents.publicText} IS NOT NULL)`))
    .orderBy(asc(reportEvents.id));
}

export interface ReportStatsFilters {
  region?: string;
  category?: ReportCategory;
  year?: number;
}

export function statsWhere(f: ReportStatsFilters): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (f.region) {
    const { min, max } = descendantRange(f.region);
    where.push(between(reports.regionCode, min, max));
  }
  if (f.category) where.push(eq(reports.category, f.category));
  if (f.year !== undefined) where.push(between(reports.receivedMonth, `${f.year}-01`, `${f.year}-12`));
  return and(...where);
}

/**
 * Aggregates for /reports/stats. Only counts and durations leave the database here; the
 * statement list has no column that could carry a report's text or contact.
 */
export async function reportStatistics(db: Db, f: ReportStatsFilters, now: Date) {
  const where = statsWhere(f);
  const nowIso = now.toISOString();
  const countyCode = sql<string>`substr(${reports.regionCode}, 1, 6) || '000000'`;
  const [byStatus, byCategory, byCounty, byMonth, overdue, ackDurations, resolveDurations] = await db.batch([
    db.select({ key: reports.status, n: count() }).from(reports).where(where).groupBy(reports.status),
    db.select({ key: reports.category, n: count() }).from(reports).where(where).groupBy(reports.category),
    db
      .select({ key: countyCode, nameZh: regions.nameZh, nameEn: regions.nameEn, n: count() })
      .from(reports)
      .leftJoin(regions, eq(regions.code, countyCode))
      .where(where)
      .groupBy(countyCode)
      .orderBy(countyCode),
    db
      .select({
        key: reports.receivedMonth,
        n: count(),
        resolved: sql<number>`sum(CASE WHEN ${reports.resolvedAt} IS NOT NULL THEN 1 ELSE 0 END)`,
      })
      .from(reports)
      .where(where)
      .groupBy(reports.receivedMonth)
      .orderBy(reports.receivedMonth),
    db
      .select({
        acknowledgement: sql<number>`coalesce(sum(CASE WHEN ${reports.status} = 'received' AND ${reports.acknowledgementDueAt} < ${nowIso} THEN 1 ELSE 0 END), 0)`,
        resolution: sql<number>`coalesce(sum(CASE WHEN ${reports.status} IN ('received', 'accepted', 'in_progress') AND ${reports.resolutionDueAt} < ${nowIso} THEN 1 ELSE 0 END), 0)`,
      })
      .from(reports)
      .where(where),
    db
      .select({ days: sql<number>`(julianday(${reports.acknowledgedAt}) - julianday(${reports.receivedAt}))` })
      .from(reports)
      .where(and(where, isNotNull(reports.acknowledgedAt))),
    db
      .select({ days: sql<number>`(julianday(${reports.resolvedAt}) - julianday(${reports.receivedAt}))` })
      .from(reports)
      .where(and(where, isNotNull(reports.resolvedAt))),
  ]);
  return { byStatus, byCategory, byCounty, byMonth, overdue: overdue[0] ?? { acknowledgement: 0, resolution: 0 }, ackDurations, resolveDurations };
}

export type ReportStatusCounts = Partial<Record<ReportStatus, number>>;

export interface ReportTransition {
  reportId: string;
  from: ReportStatus;
  to: ReportStatus;
  at: string;
  publicText: string | null;
  internalNote: string | null;
  tokenId: string | null;
}

/**
 * The conditional status change: it changes a row only while the report is still in `from`,
 * so of two administrators racing, one wins and the other's batch is refused (guardChanged).
 */
export function reportStatusUpdate(db: Db, t: ReportTransition) {
  const stamps: Partial<typeof reports.$inferInsert> = {};
  if (t.to === "accepted" || t.to === "rejected") stamps.acknowledgedAt = t.at;
  if (t.to === "resolved") stamps.resolvedAt = t.at;
  if (t.to === "answered") stamps.answeredAt = t.at;
  return db
    .update(reports)
    .set({ status: t.to, updatedAt: t.at, ...stamps })
    .where(and(eq(reports.id, t.reportId), eq(reports.status, t.from)));
}

export function reportEventInsert(db: Db, t: Omit<ReportTransition, "from" | "to"> & { from: ReportStatus | null; to: ReportStatus | null }) {
  return db.insert(reportEvents).values({
    reportId: t.reportId,
    at: t.at,
    kind: t.to ? "status" : "note",
    fromStatus: t.from,
    toStatus: t.to,
    publicText: t.publicText,
    internalNote: t.internalNote,
    tokenId: t.tokenId,
  });
}

export async function reportIdByReceiptHash(db: Db, hash: string): Promise<string | undefined> {
  const rows = await db.select({ id: reports.id }).from(reports).where(eq(reports.receiptHash, hash)).limit(1);
  return rows[0]?.id;
}

// ---- Administration reads: text and contact included, never for public routes ----

export type ReportRow = typeof reports.$inferSelect;
export type ReportKey = [receivedAt: string, id: string];

export interface AdminReportFilters {
  region: string;
  status?: ReportStatus;
  category?: ReportCategory;
  /** Past a deadline and not done, judged at `now`. */
  overdue?: boolean;
}

/** Reports oldest first (a work queue), after `after`. */
export async function listReportsForAdmin(db: Db, f: AdminReportFilters, now: Date, after: ReportKey | undefined, limit: number): Promise<ReportRow[]> {
  return adminReportsQuery(db, f, now, after, limit);
}

/** The query behind listReportsForAdmin (also EXPLAINed by tests/db/query-plans.test.ts). */
export function adminReportsQuery(db: Db, f: AdminReportFilters, now: Date, after: ReportKey | undefined, limit: number) {
  const { min, max } = descendantRange(f.region);
  const nowIso = now.toISOString();
  const where: (SQL | undefined)[] = [between(reports.regionCode, min, max)];
  if (f.status) where.push(eq(reports.status, f.status));
  if (f.category) where.push(eq(reports.category, f.category));
  const overdue = sql`((${reports.status} = 'received' AND ${reports.acknowledgementDueAt} < ${nowIso}) OR (${reports.status} IN ('received', 'accepted', 'in_progress') AND ${reports.resolutionDueAt} < ${nowIso}))`;
  if (f.overdue === true) where.push(overdue);
  if (f.overdue === false) where.push(sql`NOT ${overdue}`);
  if (after) where.push(sql`(${reports.receivedAt}, ${reports.id}) > (${after[0]}, ${after[1]})`);
  return db.select().from(reports).where(and(...where)).orderBy(asc(reports.receivedAt), asc(reports.id)).limit(limit);
}

export async function getReport(db: Db, id: string): Promise<ReportRow | undefined> {
  return (await db.select().from(reports).where(eq(reports.id, id)).limit(1))[0];
}

export async function allReportEvents(db: Db, reportId: string) {
  return db.select().from(reportEvents).where(eq(reportEvents.reportId, reportId)).orderBy(asc(reportEvents.id));
}
