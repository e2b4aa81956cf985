import { and, asc, between, eq, gt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { descendantRange } from "../../domain/region-codes";
import type { Db } from "../client";
import { regions, villageStatus } from "../schema";

export type VillageStatus = (typeof villageStatus.$inferSelect)["status"];

export interface VillageFilters {
  /** A county, township or any ancestor code: villages below it. */
  within?: string[];
  status?: VillageStatus;
  designatedYear?: number;
  exitYear?: number;
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
}

/**
 * Villages in code order after `after`. Filters are ranges on the primary key or on an
 * index ending in the village code, so a page never scans the table (see bench/plans).
 */
export async function listVillages(db: Db, filters: VillageFilters, after: string | undefined, limit: number): Promise<VillageRow[]> {
  const where: (SQL | undefined)[] = [];
  for (const code of filters.within ?? []) {
    const { min, max } = descendantRange(code);
    where.push(between(villageStatus.villageCode, min, max));
  }
  if (filters.status) where.push(eq(villageStatus.status, filters.status));
  if (filters.designatedYear !== undefined) where.push(eq(villageStatus.designatedYear, filters.designatedYear));
  if (filters.exitYear !== undefined) where.push(eq(villageStatus.exitYear, filters.exitYear));
  if (after !== undefined) where.push(gt(villageStatus.villageCode, after));

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
    })
    .from(villageStatus)
    .innerJoin(regions, eq(regions.code, villageStatus.villageCode))
    .leftJoin(township, eq(township.code, townshipCode))
    .leftJoin(county, eq(county.code, countyCode))
    .where(and(...where))
    .orderBy(asc(villageStatus.villageCode))
    .limit(limit);
}
