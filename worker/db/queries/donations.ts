/** Reads of donations and their allocations. */
import { and, asc, between, eq, getTableColumns, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { descendantRange } from "../../domain/region-codes";
import { chunk } from "../batch";
import type { Db } from "../client";
import { keysetAfter, keysetOrder, type SortOrder } from "../../lib/sorting";
import { projectDonatedFen } from "./funds";
import { disbursements, donationAllocations, donationReversals, donations, fundProjects, fundSourceTotals, regions } from "../schema";

/**
 * A donation with what is derived from the rows written after it: the net amount allocated
 * (its donation_allocations, reversals negative) and its reversal row, if any.
 */
const donationColumns = {
  ...getTableColumns(donations),
  allocatedFen: sql<number>`(SELECT coalesce(sum(x.amount_fen), 0) FROM donation_allocations x WHERE x.donation_id = ${donations.id})`.mapWith(Number),
  reversedAt: donationReversals.recordedAt,
  reversalDate: donationReversals.date,
  reversalReason: donationReversals.reason,
  reversalLedgerIndex: donationReversals.ledgerIndex,
};

function selectDonations(db: Db) {
  return db.select(donationColumns).from(donations).leftJoin(donationReversals, eq(donationReversals.donationId, donations.id));
}

export type DonationRow = Awaited<ReturnType<typeof selectDonations>>[number];

export interface DonationFilters {
  target?: "general" | "region" | "project";
  within?: string;
  project?: string;
  from?: string;
  to?: string;
  /** Recorded, allocated or reversed (updated_at) at or after this instant (`updated_since=`). */
  updatedSince?: string;
}

export type DonationKey = [string | number, string];

/** Donations in (date, id) order; every filter is a range on an index ending in (date, id). */
export async function listDonations(db: Db, filters: DonationFilters, after: DonationKey | undefined, limit: number, order: SortOrder<DonationSortKey> = { key: "date", descending: false }): Promise<DonationRow[]> {
  return donationsQuery(db, filters, after, limit, order);
}

export const DONATION_SORT_KEYS = ["date", "amount"] as const;
/** The public `sort=` keys, and `updated`: the change order of `updated_since=` (not a `sort=` value). */
export type DonationSortKey = (typeof DONATION_SORT_KEYS)[number] | "updated";

/** The query behind `listDonations`, unexecuted: (date, id) or (amount_fen, id), each with its index. */
export function donationsQuery(db: Db, filters: DonationFilters, after: DonationKey | undefined, limit: number, order: SortOrder<DonationSortKey>) {
  const value = order.key === "amount" ? donations.amountFen : order.key === "updated" ? donations.updatedAt : donations.date;
  const where = donationWhere(filters);
  if (after) where.push(keysetAfter(value, donations.id, order.descending, after));
  return selectDonations(db)
    .where(and(...where))
    .orderBy(...keysetOrder(value, donations.id, order.descending))
    .limit(limit);
}

export const donationSortValue = (row: DonationRow, key: DonationSortKey): string | number => (key === "amount" ? row.amountFen : key === "updated" ? row.updatedAt : row.date);

/** The conditions of the documented filters (shared by the list and its group_by). */
export function donationWhere(filters: DonationFilters): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  if (filters.target) where.push(eq(donations.targetType, filters.target));
  if (filters.within) {
    const { min, max } = descendantRange(filters.within);
    where.push(between(donations.regionCode, min, max));
  }
  if (filters.project) where.push(eq(donations.targetProject, filters.project));
  if (filters.from) where.push(gte(donations.date, filters.from));
  if (filters.to) where.push(lte(donations.date, filters.to));
  if (filters.updatedSince) where.push(gte(donations.updatedAt, filters.updatedSince));
  return where;
}

export async function getDonation(db: Db, id: string): Promise<DonationRow | undefined> {
  return (await selectDonations(db).where(eq(donations.id, id)).limit(1))[0];
}

/** A donation's allocations, with the project or village each went to. */
export async function donationAllocationsOf(db: Db, donationId: string) {
  return db
    .select({
      allocation: donationAllocations,
      projectNameZh: fundProjects.nameZh,
      projectNameEn: fundProjects.nameEn,
      villageNameZh: regions.nameZh,
      villageNameEn: regions.nameEn,
    })
    .from(donationAllocations)
    .leftJoin(fundProjects, eq(fundProjects.id, donationAllocations.projectId))
    .leftJoin(regions, eq(regions.code, donationAllocations.villageCode))
    .where(eq(donationAllocations.donationId, donationId))
    .orderBy(asc(donationAllocations.date), asc(donationAllocations.id));
}

/** Progress and disbursements of the projects a donation went to. */
export async function projectsProgress(db: Db, projectIds: readonly string[]) {
  const ids = [...new Set(projectIds)];
  if (ids.length === 0) return { projects: [], disbursements: [] };
  const projects = [];
  const payments = [];
  for (const part of chunk(ids, 90)) {
    const [p, d] = await db.batch([
      db
        .select({
          id: fundProjects.id,
          nameZh: fundProjects.nameZh,
          nameEn: fundProjects.nameEn,
          regionCode: fundProjects.regionCode,
          category: fundProjects.category,
          status: fundProjects.status,
          plannedCompletion: fundProjects.plannedCompletion,
          actualStart: fundProjects.actualStart,
          actualCompletion: fundProjects.actualCompletion,
          donatedFen: projectDonatedFen,
          budgetFen: sql<number>`coalesce(sum(${fundSourceTotals.budgetFen}), 0)`.mapWith(Number),
          allocatedFen: sql<number>`coalesce(sum(${fundSourceTotals.allocatedFen}), 0)`.mapWith(Number),
          disbursedFen: sql<number>`coalesce(sum(${fundSourceTotals.disbursedFen}), 0)`.mapWith(Number),
          receiptedFen: sql<number>`coalesce(sum(${fundSourceTotals.receiptedFen}), 0)`.mapWith(Number),
        })
        .from(fundProjects)
        .leftJoin(fundSourceTotals, eq(fundSourceTotals.projectId, fundProjects.id))
        .where(inArray(fundProjects.id, part))
        .groupBy(fundProjects.id),
      db.select().from(disbursements).where(inArray(disbursements.projectId, part)).orderBy(asc(disbursements.date), asc(disbursements.id)),
    ]);
    projects.push(...p);
    payments.push(...d);
  }
  return { projects, disbursements: payments };
}
