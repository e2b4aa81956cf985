/**
 * SQL for the public side of needs: the board, one need with its pledge and delivery, a
 * pledge by its receipt, statistics. Every public read filters and shows a need by its
 * public region (R4: a health need's township, never its village); the village column is
 * selected nowhere here. Only the console's list (staffNeedsQuery) filters on it, for scope.
 */
import { and, asc, between, count, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { changedSince, type ChangeCursor } from "../changes/updated-since";
import { needDeliveries, needPledges, needs, regions } from "../db/schema";
import { ancestorCode, descendantRange, levelOfCode } from "../domain/region-codes";
import { keysetAfter } from "../lib/sorting";
import type { NeedCategory, NeedStatus } from "./rules";

/** Board order as SQL: open first (see BOARD_ORDER); an index on the same expression (migration 0018). */
export const BOARD_RANK = sql<number>`(CASE ${needs.status} WHEN 'open' THEN 0 WHEN 'pledged' THEN 1 WHEN 'delivered' THEN 2 WHEN 'expired' THEN 3 ELSE 4 END)`;

export interface NeedFilters {
  region?: string;
  status?: NeedStatus;
  category?: NeedCategory;
}

function where(f: NeedFilters): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.region) {
    const { min, max } = descendantRange(f.region);
    parts.push(between(needs.publicRegionCode, min, max));
  }
  if (f.status) parts.push(eq(needs.status, f.status));
  if (f.category) parts.push(eq(needs.category, f.category));
  return and(...parts);
}

const shown = alias(regions, "shown");
const township = alias(regions, "township");

/** The public columns of a need (no village code), its regions' names, its pledge and delivery. */
const publicColumns = {
  id: needs.id,
  regionCode: needs.publicRegionCode,
  regionLevel: shown.level,
  regionNameZh: shown.nameZh,
  regionNameEn: shown.nameEn,
  townshipCode: needs.townshipCode,
  townshipNameZh: township.nameZh,
  townshipNameEn: township.nameEn,
  category: needs.category,
  beneficiary: needs.beneficiary,
  description: needs.description,
  items: needs.items,
  amountFen: needs.amountFen,
  deadline: needs.deadline,
  postedOn: needs.postedOn,
  status: needs.status,
  closedReason: needs.closedReason,
  closedOn: needs.closedOn,
  isDemo: needs.isDemo,
  updatedAt: needs.updatedAt,
  rank: BOARD_RANK,
  pledgeId: needPledges.id,
  pledgedOn: needPledges.date,
  donorName: needPledges.donorName,
  pledgeLedgerIndex: needPledges.ledgerIndex,
  deliveryId: needDeliveries.id,
  deliveredOn: needDeliveries.date,
  delivered: needDeliveries.delivered,
  deliveredFen: needDeliveries.amountFen,
  donationId: needDeliveries.donationId,
  inKindRecord: needDeliveries.inKindRecord,
  deliveryLedgerIndex: needDeliveries.ledgerIndex,
};

function publicNeeds(db: Db) {
  return db
    .select(publicColumns)
    .from(needs)
    .innerJoin(shown, eq(shown.code, needs.publicRegionCode))
    .innerJoin(township, eq(township.code, needs.townshipCode))
    .leftJoin(needPledges, eq(needPledges.needId, needs.id))
    .leftJoin(needDeliveries, eq(needDeliveries.needId, needs.id));
}

export type NeedRow = Awaited<ReturnType<typeof getNeed>> & object;
export type NeedKey = [number, string];

export function needsQuery(db: Db, f: NeedFilters, after: NeedKey | undefined, limit: number) {
  return publicNeeds(db)
    .where(and(where(f), after ? keysetAfter(BOARD_RANK, needs.id, false, after) : undefined))
    .orderBy(BOARD_RANK, asc(needs.id))
    .limit(limit);
}

/** Needs changed (updated_at) at or after `since`, in change order (`updated_since=`; index needs_updated). */
export function changedNeedsQuery(db: Db, f: NeedFilters, since: string, after: ChangeCursor | undefined, limit: number) {
  const changed = changedSince(needs.updatedAt, needs.id, since, after);
  return publicNeeds(db)
    .where(and(where(f), ...changed.where))
    .orderBy(...changed.orderBy)
    .limit(limit);
}

export async function listNeeds(db: Db, f: NeedFilters, after: NeedKey | undefined, limit: number) {
  return needsQuery(db, f, after, limit);
}

/**
 * The needs a staff member answers for (the console's list, board order): every need whose
 * village is in their scope, health ones included. R4 files medical and disability needs under
 * their township publicly, so a village clerk's scope matched against the public region would
 * miss the very needs they posted; scope is about whose village it is, so this filters on the
 * village (through the township index: a village's needs are within its township's). The
 * village column is still not selected: the list shows what the public sees.
 */
export function staffNeedsQuery(db: Db, scope: string | undefined, after: NeedKey | undefined, limit: number) {
  let within: SQL | undefined;
  if (scope && levelOfCode(scope) === "village") within = and(eq(needs.townshipCode, ancestorCode(scope, "township")), eq(needs.villageCode, scope));
  // `>= AND <=` rather than BETWEEN keeps both ends of the index range (township_code is also a join key).
  else if (scope) within = and(gte(needs.townshipCode, descendantRange(scope).min), lte(needs.townshipCode, descendantRange(scope).max));
  return publicNeeds(db)
    .where(and(within, after ? keysetAfter(BOARD_RANK, needs.id, false, after) : undefined))
    .orderBy(BOARD_RANK, asc(needs.id))
    .limit(limit);
}

export async function getNeed(db: Db, id: string) {
  return (await publicNeeds(db).where(eq(needs.id, id)).limit(1))[0];
}

/** The need a pledge receipt belongs to (the receipt is stored only as its hash). */
export async function needIdForReceipt(db: Db, hash: string): Promise<{ needId: string; pledgeId: string } | undefined> {
  return (await db.select({ needId: needPledges.needId, pledgeId: needPledges.id }).from(needPledges).where(eq(needPledges.receiptHash, hash)).limit(1))[0];
}

export interface NeedStatsFilters {
  region?: string;
  category?: NeedCategory;
  year?: number;
}

function statsWhere(f: NeedStatsFilters): SQL | undefined {
  const parts: (SQL | undefined)[] = [where({ region: f.region, category: f.category })];
  if (f.year !== undefined) parts.push(between(needs.postedMonth, `${f.year}-01`, `${f.year}-12`));
  return and(...parts);
}

/**
 * Counts by status, category, township and month posted, and each delivered need's days from
 * posting to delivery with its category, township and month (for the medians, overall and per
 * group). Only counts, days and the public grouping keys leave the database.
 */
export async function needStatistics(db: Db, f: NeedStatsFilters) {
  const w = statsWhere(f);
  const matched = sql<number>`sum(CASE WHEN ${needs.status} IN ('pledged', 'delivered') THEN 1 ELSE 0 END)`;
  const delivered = sql<number>`sum(CASE WHEN ${needs.status} = 'delivered' THEN 1 ELSE 0 END)`;
  const [byStatus, byCategory, byTownship, byMonth, days] = await db.batch([
    db.select({ key: needs.status, n: count() }).from(needs).where(w).groupBy(needs.status),
    db.select({ key: needs.category, n: count(), matched, delivered }).from(needs).where(w).groupBy(needs.category).orderBy(needs.category),
    db
      .select({ key: needs.townshipCode, nameZh: regions.nameZh, nameEn: regions.nameEn, n: count(), matched, delivered })
      .from(needs)
      .leftJoin(regions, eq(regions.code, needs.townshipCode))
      .where(w)
      .groupBy(needs.townshipCode)
      .orderBy(needs.townshipCode),
    db.select({ key: needs.postedMonth, n: count(), matched, delivered }).from(needs).where(w).groupBy(needs.postedMonth).orderBy(needs.postedMonth),
    db
      .select({
        category: needs.category,
        township: needs.townshipCode,
        month: needs.postedMonth,
        days: sql<number>`julianday(${needDeliveries.date}) - julianday(${needs.postedOn})`,
      })
      .from(needs)
      .innerJoin(needDeliveries, eq(needDeliveries.needId, needs.id))
      .where(w),
  ]);
  return { byStatus, byCategory, byTownship, byMonth, deliveries: days.map((d) => ({ ...d, days: Number(d.days) })) };
}
