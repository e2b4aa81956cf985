/**
 * The change feed: what changed in the public datasets, read from the audit log every
 * administrative write appends in its own batch (admin/execute.ts), so the feed is the same
 * record the writes are, not a second bookkeeping.
 *
 * Order is the audit row id: D1 assigns it when the batch commits, so a row written while a
 * client pages is appended after every row it has seen and can never be skipped behind its
 * cursor. `since` (an instant) only chooses where a first request starts: the lowest id among
 * the rows recorded at or after it (firstIdSinceQuery), and the feed walks ids from there, so
 * every change recorded at or after `since` is listed even when writers' clocks disagree
 * (rows after it with an earlier time are listed too: at least once, never missed). A poller
 * keeps the last `next`/cursor and continues from it.
 *
 * Only public datasets' actions are listed (never reports, objections, staff or tokens),
 * with the dataset, the public id, what happened and a link — no actor and no summary text.
 */
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { auditLog, needs, notices } from "../db/schema";

export const CHANGE_KINDS = ["created", "published", "updated", "cancelled", "closed", "announced", "superseded", "replaced", "recorded", "reversed"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

interface AuditFacts {
  targetId: string | null;
  regionCode: string | null;
}

/** How one audit action shows in the feed: its dataset, what happened, and where to read the row. */
interface ActionRule {
  dataset: string;
  kind: ChangeKind;
  link: (f: AuditFacts) => string;
}

const NATIONAL = "000000000000";
const byRegion = (path: string) => (f: AuditFacts) => (f.regionCode ? `${path}?region=${f.regionCode}` : path);
const item = (path: string) => (f: AuditFacts) => `${path}/${f.targetId}`;

/**
 * Every audit action of a public dataset. Drafts (`notice.create`, `notice.edit`) are not
 * public and are left out. Money rows are written once: a correction is a `reversed` row.
 * fund_rates, fund_rates_monthly and fund_flows are computed from fund_projects: a change
 * there changes them too.
 */
export const PUBLIC_ACTIONS: Record<string, ActionRule> = {
  // A load of many regions (or villages' statuses) is one change naming their lowest common region.
  "regions.load": { dataset: "regions", kind: "updated", link: (f) => (f.regionCode && f.regionCode !== NATIONAL ? `/api/v1/regions/${f.regionCode}` : "/api/v1/regions") },
  "village_status.set_many": { dataset: "villages", kind: "updated", link: (f) => (f.regionCode && f.regionCode !== NATIONAL ? `/api/v1/villages?region=${f.regionCode}` : "/api/v1/villages") },
  "village_status.set": { dataset: "villages", kind: "updated", link: item("/api/v1/regions") },
  "official_figures.publish": { dataset: "official_figures", kind: "published", link: byRegion("/api/v1/statistics/official") },
  // A new import for a region and year replaces that release's figures.
  "register.import": { dataset: "register_statistics", kind: "replaced", link: byRegion("/api/v1/statistics/register") },
  "funds.project.create": { dataset: "fund_projects", kind: "created", link: item("/api/v1/funds/projects") },
  "funds.project.status": { dataset: "fund_projects", kind: "updated", link: item("/api/v1/funds/projects") },
  "funds.project.cancel": { dataset: "fund_projects", kind: "cancelled", link: item("/api/v1/funds/projects") },
  "funds.allocate": { dataset: "fund_projects", kind: "recorded", link: byRegion("/api/v1/funds/projects") },
  "funds.disburse": { dataset: "fund_projects", kind: "recorded", link: byRegion("/api/v1/funds/projects") },
  "donations.record": { dataset: "donations", kind: "created", link: item("/api/v1/donations") },
  "donations.allocate": { dataset: "donations", kind: "recorded", link: byRegion("/api/v1/donations") },
  "ledger.reverse": { dataset: "ledger", kind: "reversed", link: () => "/api/v1/ledger/entries" },
  "notice.open": { dataset: "notices", kind: "published", link: item("/api/v1/notices") },
  "notice.close": { dataset: "notices", kind: "closed", link: item("/api/v1/notices") },
  // Household items are withdrawn from public view when the result is announced.
  "notice.announce": { dataset: "notices", kind: "announced", link: item("/api/v1/notices") },
  "needs.post": { dataset: "needs", kind: "created", link: item("/api/v1/needs") },
  "needs.pledge": { dataset: "needs", kind: "updated", link: item("/api/v1/needs") },
  "needs.deliver": { dataset: "needs", kind: "updated", link: item("/api/v1/needs") },
  // An expired or withdrawn need leaves the open board: a public change like a delivery.
  "needs.expired": { dataset: "needs", kind: "closed", link: item("/api/v1/needs") },
  "needs.withdrawn": { dataset: "needs", kind: "closed", link: item("/api/v1/needs") },
  "accountability.record": { dataset: "accountability", kind: "created", link: item("/api/v1/accountability/cases") },
  "contacts.replace": { dataset: "contacts", kind: "replaced", link: (f) => `/api/v1/contacts?region=${f.targetId}` },
  "snapshot.record": { dataset: "snapshots", kind: "created", link: item("/api/v1/snapshots") },
};
const ACTIONS = Object.keys(PUBLIC_ACTIONS);

export interface Change {
  /** Audit row id and the part of it (a correction's opening is two changes: published, superseded). */
  key: [number, number];
  dataset: string;
  id: string | null;
  kind: ChangeKind;
  at: string;
  region_code: string | null;
  link: string;
}

/**
 * The lowest audit id among the rows recorded at or after `since` (null if none). Not the first
 * row in time order: writers stamp created_at with their own clock before their batch commits,
 * and two clocks may disagree (or a loader may date its rows), so a row with a later time can
 * have a smaller id; starting at the earliest-timed row would skip it. A range read of the
 * covering index audit_log_created (created_at, id) from `since` on: a poll's recent `since`
 * reads a few entries; an old one reads what its pages will list anyway.
 */
export function firstIdSinceQuery(db: Db, since: string) {
  // `id + 0`: a bare min(id) lets SQLite walk the rowid from the start, testing every row's time.
  return db.select({ id: sql<number | null>`min(${auditLog.id} + 0)` }).from(auditLog).where(gte(auditLog.createdAt, since));
}

/**
 * Public audit rows from `fromId` on, in id order, with the notice a published correction
 * supersedes and, for a need, the region it is public under. A need's audit row holds its
 * village (staff scope), but a medical or disability need is public under its township only
 * (privacy rule R4): the feed names the need's `public_region_code`, never the audit row's.
 */
export function changesQuery(db: Db, fromId: number, limit: number) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetId: auditLog.targetId,
      regionCode: auditLog.regionCode,
      createdAt: auditLog.createdAt,
      supersedes: notices.supersedesId,
      needRegion: needs.publicRegionCode,
    })
    .from(auditLog)
    .leftJoin(notices, and(eq(sql`${auditLog.action}`, "notice.open"), eq(notices.id, auditLog.targetId)))
    .leftJoin(needs, and(sql`${auditLog.action} LIKE 'needs.%'`, eq(needs.id, auditLog.targetId)))
    .where(and(gte(auditLog.id, fromId), inArray(auditLog.action, ACTIONS)))
    .orderBy(asc(auditLog.id))
    .limit(limit);
}

/**
 * Changes after `after` (exclusive; or from the first row at or after `since`), at most `limit`.
 * An audit row gives one change, or two for a correction's opening (the new notice published,
 * the old one superseded), so a page is cut on the (id, part) key.
 */
export async function listChanges(db: Db, since: string | undefined, after: [number, number] | undefined, limit: number): Promise<Change[]> {
  let fromId = after ? after[0] : 0;
  if (!after && since) {
    const first = (await firstIdSinceQuery(db, since))[0]?.id;
    if (first === null || first === undefined) return [];
    fromId = first;
  }
  // limit audit rows give at least limit changes after the first row's parts.
  const rows = await changesQuery(db, fromId, limit + 1);
  const changes: Change[] = [];
  for (const row of rows) {
    const rule = PUBLIC_ACTIONS[row.action]!;
    // A need's change names where the need is public (R4), and nothing when that is unknown.
    const facts = { targetId: row.targetId, regionCode: row.action.startsWith("needs.") ? row.needRegion : row.regionCode };
    changes.push({ key: [row.id, 0], dataset: rule.dataset, id: row.targetId, kind: rule.kind, at: row.createdAt, region_code: facts.regionCode, link: rule.link(facts) });
    if (row.supersedes) {
      changes.push({ key: [row.id, 1], dataset: "notices", id: row.supersedes, kind: "superseded", at: row.createdAt, region_code: row.regionCode, link: `/api/v1/notices/${row.supersedes}` });
    }
  }
  const later = after ? changes.filter((c) => c.key[0] > after[0] || (c.key[0] === after[0] && c.key[1] > after[1])) : changes;
  return later.slice(0, limit);
}
