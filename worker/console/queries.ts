/**
 * What the console's notices list, to-do page and staff list show, read within the staff
 * member's region scope, a page at a time by keyset (processes/paging.ts: `?cursor=` carries
 * the last row's key; no OFFSET, no cap). Each list ranges over region_code (`>= AND <=`, both
 * ends of the notices_region, reports_region and staff_region index ranges) and is ordered by
 * a key ending in the id, so a page goes on exactly where the last one stopped.
 */
import { and, asc, desc, eq, gt, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { staff } from "../auth/schema";
import type { Db } from "../db/client";
import { notices, regions, reports } from "../db/schema";
import { descendantRange } from "../domain/region-codes";
import type { NoticeStatus } from "../domain/notice-lifecycle";
import { keysetAfter } from "../lib/sorting";
import { NATIONAL_SCOPE } from "../writes/plan";

export function scopeRange(scope: string) {
  return scope === NATIONAL_SCOPE ? { min: "000000000000", max: "999999999999" } : descendantRange(scope);
}

const within = (column: typeof notices.regionCode | typeof reports.regionCode | typeof staff.regionCode, scope: string) => {
  const { min, max } = scopeRange(scope);
  return and(gte(column, min), lte(column, max));
};

export interface ConsoleNoticeRow {
  id: string;
  type: string;
  region_code: string;
  region_name_zh: string | null;
  region_name_en: string | null;
  title_zh: string;
  title_en: string | null;
  status: string;
  period_end: string | null;
  closes_at: string | null;
  unanswered: number;
  item_count: number;
  updated_at: string;
  rank: number;
}

/** Unfinished first: drafts, open, closed, then the finished ones (announced, superseded). */
const NOTICE_RANK = sql<number>`(CASE ${notices.status} WHEN 'draft' THEN 0 WHEN 'open' THEN 1 WHEN 'closed' THEN 2 ELSE 3 END)`;
const UNANSWERED = sql<number>`(SELECT count(*) FROM objections o WHERE o.notice_id = ${notices.id} AND o.status = 'received')`;

/** A notice's place in the console's order: its rank, updated_at (latest first), id (descending). */
export type NoticeKey = [rank: number, updatedAt: string, id: string];
export const NoticeCursor = z.tuple([z.number().int().min(0).max(3), z.string(), z.string()]);
export const noticeKeyOf = (n: ConsoleNoticeRow): NoticeKey => [n.rank, n.updated_at, n.id];

/** Which notices a list holds: all in scope, or one of the to-do groups. */
export interface NoticeSelection {
  statuses?: NoticeStatus[];
  /** Open notices whose objection period has ended by this instant (to close). */
  closedBy?: string;
  /** Only notices with objections still unanswered. */
  unanswered?: boolean;
}

export function consoleNoticesQuery(db: Db, scope: string, selection: NoticeSelection, after: NoticeKey | undefined, limit: number) {
  const [rank, updatedAt, id] = after ?? [];
  const afterKey: SQL | undefined = after
    ? sql`(${NOTICE_RANK} > ${rank} OR (${NOTICE_RANK} = ${rank} AND (${notices.updatedAt} < ${updatedAt} OR (${notices.updatedAt} = ${updatedAt} AND ${notices.id} < ${id}))))`
    : undefined;
  return db
    .select({
      id: notices.id,
      type: notices.type,
      region_code: notices.regionCode,
      region_name_zh: regions.nameZh,
      region_name_en: regions.nameEn,
      title_zh: notices.titleZh,
      title_en: notices.titleEn,
      status: notices.status,
      period_end: notices.periodEnd,
      closes_at: notices.closesAt,
      item_count: notices.itemCount,
      updated_at: notices.updatedAt,
      unanswered: UNANSWERED.mapWith(Number),
      rank: NOTICE_RANK.mapWith(Number),
    })
    .from(notices)
    .leftJoin(regions, eq(regions.code, notices.regionCode))
    .where(
      and(
        within(notices.regionCode, scope),
        selection.statuses ? (selection.statuses.length === 1 ? eq(notices.status, selection.statuses[0]!) : inArray(notices.status, selection.statuses)) : undefined,
        selection.closedBy ? lte(notices.closesAt, selection.closedBy) : undefined,
        selection.unanswered ? sql`EXISTS (SELECT 1 FROM objections o WHERE o.notice_id = ${notices.id} AND o.status = 'received')` : undefined,
        afterKey,
      ),
    )
    .orderBy(asc(NOTICE_RANK), desc(notices.updatedAt), desc(notices.id))
    .limit(limit);
}

/** One page of a scope's notices (all, or a to-do group), in the console's order. */
export async function consoleNotices(db: Db, scope: string, selection: NoticeSelection, after: NoticeKey | undefined, limit: number): Promise<ConsoleNoticeRow[]> {
  return consoleNoticesQuery(db, scope, selection, after, limit);
}

export interface ReportDue {
  id: string;
  category: string;
  region_code: string;
  status: string;
  acknowledgement_due_at: string;
  resolution_due_at: string;
  due_at: string;
}

/** A report's next deadline: acknowledgement while received, resolution afterwards. */
const REPORT_DUE = sql<string>`(CASE ${reports.status} WHEN 'received' THEN ${reports.acknowledgementDueAt} ELSE ${reports.resolutionDueAt} END)`;
export type ReportDueKey = [dueAt: string, id: string];
export const ReportDueCursor = z.tuple([z.string(), z.string()]);
export const reportDueKeyOf = (r: ReportDue): ReportDueKey => [r.due_at, r.id];

/** Reports in scope still waiting for acknowledgement or an answer, due in (after, by], the earliest due first. */
export function reportsDueQuery(db: Db, scope: string, due: { after?: string; by: string }, after: ReportDueKey | undefined, limit: number) {
  return db
    .select({
      id: reports.id,
      category: reports.category,
      region_code: reports.regionCode,
      status: reports.status,
      acknowledgement_due_at: reports.acknowledgementDueAt,
      resolution_due_at: reports.resolutionDueAt,
      due_at: REPORT_DUE,
    })
    .from(reports)
    .where(
      and(
        within(reports.regionCode, scope),
        inArray(reports.status, ["received", "accepted", "in_progress", "resolved"]),
        due.after ? gt(REPORT_DUE, due.after) : undefined,
        lte(REPORT_DUE, due.by),
        after ? keysetAfter(REPORT_DUE, reports.id, false, after) : undefined,
      ),
    )
    .orderBy(asc(REPORT_DUE), asc(reports.id))
    .limit(limit);
}

export async function reportsDue(db: Db, scope: string, due: { after?: string; by: string }, after: ReportDueKey | undefined, limit: number): Promise<ReportDue[]> {
  return reportsDueQuery(db, scope, due, after, limit);
}

/** An account's place in the staff list: by region, then id. */
export type StaffKey = [regionCode: string, id: string];
export const StaffCursor = z.tuple([z.string().regex(/^\d{12}$/), z.string()]);

/**
 * The account's id, qualified: in a one-table select drizzle writes a column bare ("id"),
 * which inside the passkeys subquery would mean the passkey's own id.
 */
const STAFF_ID = sql.raw('"staff"."id"');

/** Accounts within a scope (the staff screen), by region then id, with their passkeys (a JSON array). */
export function staffListQuery(db: Db, scope: string, after: StaffKey | undefined, limit: number) {
  return db
    .select({
      id: staff.id,
      name: staff.name,
      role: staff.role,
      regionCode: staff.regionCode,
      createdAt: staff.createdAt,
      createdBy: staff.createdBy,
      revokedAt: staff.revokedAt,
      accessEmail: staff.accessEmail,
      passkeys: sql<string>`(SELECT json_group_array(json_object('id', p.id, 'label', p.label, 'created_at', p.created_at, 'last_used_at', p.last_used_at, 'revoked_at', p.revoked_at)) FROM staff_passkeys p WHERE p.staff_id = ${STAFF_ID})`,
    })
    .from(staff)
    .where(and(within(staff.regionCode, scope), after ? keysetAfter(staff.regionCode, staff.id, false, after) : undefined))
    .orderBy(asc(staff.regionCode), asc(staff.id))
    .limit(limit);
}

export const staffKeyOf = (s: { regionCode: string; id: string }): StaffKey => [s.regionCode, s.id];
