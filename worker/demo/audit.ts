/**
 * The demo generator's audit rows. Every demo write goes through the write functions the
 * admin API runs (worker/writes/), and its audit facts are recorded as they would be there,
 * in the same batch, naming the honest actor `demo-generator` (never a token or a person), so a
 * fresh database has an audit log and /api/v1/changes lists the demo's records.
 *
 * The rows are dated when the demo was loaded, not with each write's simulated clock (the
 * funds demo replays 2017–2019, the needs the past year, the notices their last 90 days): an
 * audit row records when the database recorded the write, and a row backdated to 2017 would be
 * missed by a client that polled /changes before the load (the feed's since= itself is right
 * either way: changes/feed.ts firstIdSinceQuery). The simulated dates stay on the records.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { auditEntry } from "../admin/audit";
import type { Db } from "../db/client";
import { systemActor, type AuditFacts } from "../writes/plan";

/** The system actor every demo write acts as: national scope, admin role. */
export const DEMO_ACTOR = systemActor("demo-generator");

/** The audit row of one planned demo write (none when the write changes nothing). */
export function demoAudit(db: Db, audit: AuditFacts | null, loadedAt: Date): BatchItem<"sqlite">[] {
  return audit ? [auditEntry(db, DEMO_ACTOR.id, audit, loadedAt)] : [];
}
