import { and, between, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { descendantRange } from "../../domain/region-codes";
import type { Db } from "../client";
import { auditLog } from "../schema";

export interface AuditFilters {
  /** Entries about this region and below (the caller passes the token's scope at most). */
  region: string;
  actor?: string;
  action?: string;
  /** Entries written at or after this instant (ISO 8601 UTC, as created_at is stored). */
  since?: string;
  /** Entries written before this instant. */
  until?: string;
}

/** Newest first; keyset on the id. */
export async function listAuditEntries(db: Db, filters: AuditFilters, before: number | undefined, limit: number) {
  const { min, max } = descendantRange(filters.region);
  const where: (SQL | undefined)[] = [between(auditLog.regionCode, min, max)];
  if (filters.actor) where.push(eq(auditLog.actor, filters.actor));
  if (filters.action) where.push(eq(auditLog.action, filters.action));
  // Checked on the rows the region (or actor) index yields, newest first by id: the log is an
  // administrator's occasional read, not a hot path, and ids grow with created_at.
  if (filters.since) where.push(gte(auditLog.createdAt, filters.since));
  if (filters.until) where.push(lt(auditLog.createdAt, filters.until));
  if (before !== undefined) where.push(lt(auditLog.id, before));
  return db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(limit);
}
export type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>[number];
