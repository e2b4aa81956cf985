/**
 * A project's allocations and disbursements and a donation's allocations, as the console's
 * project and donation pages list them: latest date first (then id), 100 a page by keyset
 * (`?allocations=`, `?disbursements=` on a project's page, `?cursor=` on a donation's), each
 * row with whether a reversal names it (the reversal's `reverses_id` is unique and indexed).
 * Reversals are rows of the same lists. A project's or a donation's rows are read through its
 * own index range (project_id or donation_id), never the whole table.
 */
import { and, desc, eq, getTableColumns, or, lt, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { z } from "zod";
import type { Db } from "../../db/client";
import { disbursements, donationAllocations, fundAllocations, fundProjects, regions } from "../../db/schema";

/** A money row's key in these lists: [date, id]. */
export type MoneyKey = [string, string];
export const moneyCursor = (prefix: "fal" | "dsb" | "dal"): z.ZodType<MoneyKey> => z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{4,36}$`))]);
export const moneyKeyOf = (row: { date: string; id: string }): MoneyKey => [row.date, row.id];

/** Rows before `after` in (date, id) descending order. */
const before = (date: SQLiteColumn, id: SQLiteColumn, after: MoneyKey | undefined): SQL | undefined =>
  after === undefined ? undefined : or(lt(date, after[0]), and(eq(date, after[0]), lt(id, after[1])));

/**
 * Whether a reversal names the row. The outer row's id is written out qualified: drizzle leaves
 * a lone table's columns unqualified, and inside this subquery a bare "id" would be r's own.
 */
const reversedIn = (table: "fund_allocations" | "disbursements" | "donation_allocations") =>
  sql<boolean>`EXISTS (SELECT 1 FROM ${sql.raw(table)} r WHERE r.reverses_id = ${sql.raw(`"${table}"."id"`)})`.mapWith((v) => Number(v) === 1);

export function projectAllocationsPage(db: Db, projectId: string, after: MoneyKey | undefined, limit: number) {
  return db
    .select({ ...getTableColumns(fundAllocations), reversed: reversedIn("fund_allocations") })
    .from(fundAllocations)
    .where(and(eq(fundAllocations.projectId, projectId), before(fundAllocations.date, fundAllocations.id, after)))
    .orderBy(desc(fundAllocations.date), desc(fundAllocations.id))
    .limit(limit);
}

export function projectDisbursementsPage(db: Db, projectId: string, after: MoneyKey | undefined, limit: number) {
  return db
    .select({ ...getTableColumns(disbursements), reversed: reversedIn("disbursements") })
    .from(disbursements)
    .where(and(eq(disbursements.projectId, projectId), before(disbursements.date, disbursements.id, after)))
    .orderBy(desc(disbursements.date), desc(disbursements.id))
    .limit(limit);
}

export function donationAllocationsPage(db: Db, donationId: string, after: MoneyKey | undefined, limit: number) {
  return db
    .select({ ...getTableColumns(donationAllocations), reversed: reversedIn("donation_allocations"), projectNameZh: fundProjects.nameZh, villageNameZh: regions.nameZh })
    .from(donationAllocations)
    .leftJoin(fundProjects, eq(fundProjects.id, donationAllocations.projectId))
    .leftJoin(regions, eq(regions.code, donationAllocations.villageCode))
    .where(and(eq(donationAllocations.donationId, donationId), before(donationAllocations.date, donationAllocations.id, after)))
    .orderBy(desc(donationAllocations.date), desc(donationAllocations.id))
    .limit(limit);
}
