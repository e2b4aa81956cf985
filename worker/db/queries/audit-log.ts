import { and, between, desc, eq, lt, type SQL } from "drizzle-orm";
import { descendantRange } from "../../domain/region-codes";
import type { Db } from "../client";
import { auditLog } from "../schema";

export interface AuditFilters {
  /** Entries about this region and below (the caller passes the token's scope at most). */
  region: string;
  actor?: string;
  action?: string;
}

/** Newest first; keyset on the id. */
export async function listAuditEntries(db: Db, filters: AuditFilters, before: number | undefined, limit: number) {
  const { min, max } = descendantRange(filters.region);
  const where: (SQL | undefined)[] = [between(auditLog.regionCode, min, max)];
  if (filters.actor) where.push(eq(auditLog.actor, filters.actor));
  if (filters.action) where.push(eq(auditLog.action, filters.action));
  if (before !== undefined) where.push(lt(auditLog.id, before));
  return db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(limit);
}
export type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>[number];
