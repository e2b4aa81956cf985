import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import type { AdminPrincipal } from "../lib/app-env";
import type { AuditFacts } from "../writes/plan";

export type { AuditFacts };

/**
 * The audit row for an administrative write, as a statement to run IN THE SAME batch as
 * the write: either both are committed or neither.
 */
export function auditEntry(db: Db, actor: AdminPrincipal | string, facts: AuditFacts, now = new Date()) {
  return db.insert(auditLog).values({
    actor: typeof actor === "string" ? actor : actor.tokenId,
    action: facts.action,
    targetType: facts.targetType,
    targetId: facts.targetId ?? null,
    regionCode: facts.regionCode ?? null,
    summary: facts.summary.slice(0, 2000),
    createdAt: now.toISOString(),
  });
}
