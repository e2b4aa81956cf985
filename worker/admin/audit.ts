import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import type { AdminPrincipal } from "../lib/app-env";
import type { AuditFacts } from "../writes/plan";

export type { AuditFacts };

/**
 * The latest audit time recorded so far (one step down the audit_log_created index): a new
 * row's `created_at` is never earlier (see auditEntry).
 */
export function latestAuditTimeQuery(db: Db) {
  return db.select({ at: sql<string | null>`max(${auditLog.createdAt})` }).from(auditLog);
}

/**
 * The audit row for an administrative write, as a statement to run IN THE SAME batch as
 * the write: either both are committed or neither.
 *
 * `created_at` is when the row was recorded: the writer's clock, but never earlier than the
 * latest row already in the log. Writers take their clock before their batch commits and two
 * clocks may disagree, so without this a row could commit after another with an earlier time;
 * with it, `created_at` never decreases as the id grows, and the change feed's `since=` (one
 * seek on audit_log_created, then the log by id: changes/feed.ts) starts exactly at the first
 * row recorded at or after the instant, missing none. The demo generator dates its rows with
 * the load time for the same reason (demo/audit.ts); simulated dates stay on the records.
 */
export function auditEntry(db: Db, actor: AdminPrincipal | string, facts: AuditFacts, now = new Date()) {
  return db.insert(auditLog).values({
    actor: typeof actor === "string" ? actor : actor.tokenId,
    action: facts.action,
    targetType: facts.targetType,
    targetId: facts.targetId ?? null,
    regionCode: facts.regionCode ?? null,
    summary: facts.summary.slice(0, 2000),
    createdAt: sql`max(${now.toISOString()}, coalesce((${latestAuditTimeQuery(db)}), ''))`,
  });
}
