/**
 * What the console shows, read within the staff member's region scope. Each list is bounded
 * (a scope's working set, newest first) and ranges over region_code, the leading column of
 * the notices_region and reports_region indexes.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { descendantRange } from "../domain/region-codes";
import { NATIONAL_SCOPE } from "../writes/plan";

export function scopeRange(scope: string) {
  return scope === NATIONAL_SCOPE ? { min: "000000000000", max: "999999999999" } : descendantRange(scope);
}

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
}

const LIST_LIMIT = 200;

/** Notices in scope that are not finished (drafts, open, closed), then the latest finished ones. */
export async function consoleNotices(db: Db, scope: string): Promise<ConsoleNoticeRow[]> {
  const { min, max } = scopeRange(scope);
  return db.all<ConsoleNoticeRow>(sql`
    SELECT n.id, n.type, n.region_code, r.name_zh AS region_name_zh, r.name_en AS region_name_en, n.title_zh, n.title_en, n.status,
      n.period_end, n.closes_at, n.item_count, n.updated_at,
      (SELECT count(*) FROM objections o WHERE o.notice_id = n.id AND o.status = 'received') AS unanswered
    FROM notices n LEFT JOIN regions r ON r.code = n.region_code
    WHERE n.region_code BETWEEN ${min} AND ${max}
    ORDER BY CASE n.status WHEN 'draft' THEN 0 WHEN 'open' THEN 1 WHEN 'closed' THEN 2 ELSE 3 END, n.updated_at DESC
    LIMIT ${LIST_LIMIT}`);
}

export interface ReportDue {
  id: string;
  category: string;
  region_code: string;
  status: string;
  acknowledgement_due_at: string;
  resolution_due_at: string;
}

/** Reports in scope still waiting for acknowledgement or an answer, the earliest due first. */
export async function reportsDue(db: Db, scope: string): Promise<ReportDue[]> {
  const { min, max } = scopeRange(scope);
  return db.all<ReportDue>(sql`
    SELECT id, category, region_code, status, acknowledgement_due_at, resolution_due_at
    FROM reports
    WHERE region_code BETWEEN ${min} AND ${max} AND status NOT IN ('rejected', 'answered')
    ORDER BY CASE status WHEN 'received' THEN acknowledgement_due_at ELSE resolution_due_at END
    LIMIT ${LIST_LIMIT}`);
}
