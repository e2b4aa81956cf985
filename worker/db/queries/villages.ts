import { and, asc, eq, gt, gte, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { descendantRange } from "../../domain/region-codes";
import type { Db } from "../client";
import { ShapeCache } from "../flat-select";
import { keysetAfter, keysetOrder, type SortOrder } from "../../lib/sorting";
import { regions, villageStatus } from "../schema";

export type VillageStatus = (typeof villageStatus.$inferSelect)["status"];

export interface VillageFilters {
  /** A county, township or any ancestor code: villages below it. */
  within?: string[];
  status?: VillageStatus;
  designatedYear?: number;
  exitYear?: number;
  /** Status changed (village_status.updated_at) at or after this instant (`updated_since=`). */
  updatedSince?: string;
}

const township = alias(regions, "township");
const county = alias(regions, "county");

export interface VillageRow {
  code: string;
  nameZh: string;
  nameEn: string;
  isDemo: boolean;
  townshipCode: string;
  townshipNameZh: string | null;
  townshipNameEn: string | null;
  countyCode: string;
  countyNameZh: string | null;
  countyNameEn: string | null;
  designatedYear: number | null;
  exitYear: number | null;
  status: VillageStatus;
  updatedAt: string;
}

/**
 * Villages in code order after `after`. Filters are ranges on the primary key or on an
 * index ending in the village code, so a page never scans the table
 * (tests/db/query-plans.test.ts checks the plans).
 */
const villageShapes = new ShapeCache();

export async function listVillages(db: Db, filters: VillageFilters, after: string | undefined, limit: number): Promise<VillageRow[]> {
  // The hot read (pages, the export): SQL text cached per filter shape, rows as arrays decoded once per column.
  const params: unknown[] = [];
  for (const code of filters.within ?? []) {
    const { min, max } = descendantRange(code);
    params.push(min, max);
  }
  if (filters.status) params.push(filters.status);
  if (filters.designatedYear !== undefined) params.push(filters.designatedYear);
  if (filters.exitYear !== undefined) params.push(filters.exitYear);
  if (after !== undefined) params.push(after);
  params.push(limit);
  const key = [filters.within?.length ?? 0, !!filters.status, filters.designatedYear !== undefined, filters.exitYear !== undefined, after !== undefined].join(",");
  return villageShapes.run<VillageRow>(db, key, params, () => villagesQuery(db, filters, after, limit));
}

/** The conditions of the documented filters (shared by the list and its group_by). */
export function villageWhere(filters: VillageFilters): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  for (const code of filters.within ?? []) {
    const { min, max } = descendantRange(code);
    // `>= AND <=`, not BETWEEN: with BETWEEN, SQLite bounds the (status|year, village_code)
    // index from below only when village_code is also the join key, and a county page with
    // few matches then reads on through the rest of the index (17 ms instead of 0.1 ms
    // at national scale; tests/db/query-plans.test.ts guards it).
    where.push(gte(villageStatus.villageCode, min), lte(villageStatus.villageCode, max));
  }
  if (filters.status) where.push(eq(villageStatus.status, filters.status));
  if (filters.designatedYear !== undefined) where.push(eq(villageStatus.designatedYear, filters.designatedYear));
  if (filters.exitYear !== undefined) where.push(eq(villageStatus.exitYear, filters.exitYear));
  if (filters.updatedSince) where.push(gte(villageStatus.updatedAt, filters.updatedSince));
  return where;
}

/** The query behind `listVillages`, unexecuted (its SQL is checked by the query-plan test and the bench). */
export function villagesQuery(db: Db, filters: VillageFilters, after: string | undefined, limit: number) {
  const where = villageWhere(filters);
  if (after !== undefined) where.push(gt(villageStatus.villageCode, after));
  return villageRows(db)
    .where(and(...where))
    .orderBy(asc(villageStatus.villageCode))
    .limit(limit);
}

export const VILLAGE_SORT_KEYS = ["code", "name", "designated_year", "exit_year"] as const;
/** The public `sort=` keys, and `updated`: the change order of `updated_since=` (not a `sort=` value). */
export type VillageSortKey = (typeof VILLAGE_SORT_KEYS)[number] | "updated";

/** The sort value of each key; each has an index ending in the village code (migration 0011). */
function villageSortValue(key: VillageSortKey) {
  switch (key) {
    case "code":
      return villageStatus.villageCode;
    case "name":
      return regions.nameEn;
    case "designated_year":
      return sql<number>`coalesce(${villageStatus.designatedYear}, 0)`;
    case "exit_year":
      return sql<number>`coalesce(${villageStatus.exitYear}, 0)`;
    case "updated":
      return villageStatus.updatedAt;
  }
}

/** Its cursor value for a row (the same expression as the SQL). */
export function villageSortKeyOf(row: VillageRow, key: VillageSortKey): string | number {
  if (key === "code") return row.code;
  if (key === "updated") return row.updatedAt;
  return key === "name" ? row.nameEn : key === "designated_year" ? (row.designatedYear ?? 0) : (row.exitYear ?? 0);
}

/** Villages in another order than by code, keyset-paged on (sort value, code). */
export function sortedVillagesQuery(db: Db, filters: VillageFilters, order: SortOrder<VillageSortKey>, after: readonly [string | number, string] | undefined, limit: number) {
  const value = villageSortValue(order.key);
  // By name the walk is on regions (name_en, code) WHERE level = 'village': the same code from the other side of the join.
  const id = order.key === "name" ? regions.code : villageStatus.villageCode;
  const where = villageWhere(filters);
  if (order.key === "name") where.push(eq(regions.level, "village"));
  if (after) where.push(keysetAfter(value, id, order.descending, after));
  return villageRows(db)
    .where(and(...where))
    .orderBy(...keysetOrder(value, id, order.descending))
    .limit(limit);
}

function villageRows(db: Db) {
  const townshipCode = sql<string>`substr(${villageStatus.villageCode}, 1, 9) || '000'`;
  const countyCode = sql<string>`substr(${villageStatus.villageCode}, 1, 6) || '000000'`;
  return db
    .select({
      code: villageStatus.villageCode,
      nameZh: regions.nameZh,
      nameEn: regions.nameEn,
      isDemo: regions.isDemo,
      townshipCode,
      townshipNameZh: township.nameZh,
      townshipNameEn: township.nameEn,
      countyCode,
      countyNameZh: county.nameZh,
      countyNameEn: county.nameEn,
      designatedYear: villageStatus.designatedYear,
      exitYear: villageStatus.exitYear,
      status: villageStatus.status,
      updatedAt: villageStatus.updatedAt,
    })
    .from(villageStatus)
    .innerJoin(regions, eq(regions.code, villageStatus.villageCode))
    .leftJoin(township, eq(township.code, townshipCode))
    .leftJoin(county, eq(county.code, countyCode))
    .$dynamic();
}

/** group_by dimensions of /api/v1/villages. */
export const VILLAGE_GROUPS = {
  county: { value: sql<string>`substr(${villageStatus.villageCode}, 1, 6) || '000000'`, region: true },
  township: { value: sql<string>`substr(${villageStatus.villageCode}, 1, 9) || '000'`, region: true },
  status: { value: villageStatus.status },
  designated_year: { value: villageStatus.designatedYear },
  exit_year: { value: villageStatus.exitYear },
} as const;
