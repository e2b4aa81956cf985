import { and, asc, between, eq, gt, type SQL } from "drizzle-orm";
import { descendantRange } from "../../domain/region-codes";
import type { Db } from "../client";
import { officialFigures, regions, sources } from "../schema";

export interface OfficialFigureFilters {
  region?: string;
  year?: number;
  metric?: string;
}

export async function listOfficialFigures(db: Db, filters: OfficialFigureFilters, after: number | undefined, limit: number) {
  return officialFiguresQuery(db, filters, after, limit);
}

/** The query behind `listOfficialFigures`, unexecuted (its SQL is checked by the query-plan test). */
export function officialFiguresQuery(db: Db, filters: OfficialFigureFilters, after: number | undefined, limit: number) {
  const where: (SQL | undefined)[] = [];
  if (filters.region) {
    const { min, max } = descendantRange(filters.region);
    where.push(between(officialFigures.regionCode, min, max));
  }
  if (filters.year !== undefined) where.push(eq(officialFigures.year, filters.year));
  if (filters.metric) where.push(eq(officialFigures.metric, filters.metric));
  if (after !== undefined) where.push(gt(officialFigures.id, after));
  return db
    .select({
      id: officialFigures.id,
      regionCode: officialFigures.regionCode,
      regionNameZh: regions.nameZh,
      regionNameEn: regions.nameEn,
      year: officialFigures.year,
      periodFrom: officialFigures.periodFrom,
      metric: officialFigures.metric,
      value: officialFigures.value,
      unit: officialFigures.unit,
      noteZh: officialFigures.noteZh,
      noteEn: officialFigures.noteEn,
      source: sources,
    })
    .from(officialFigures)
    .innerJoin(regions, eq(regions.code, officialFigures.regionCode))
    .innerJoin(sources, eq(sources.id, officialFigures.sourceId))
    .where(and(...where))
    .orderBy(asc(officialFigures.id))
    .limit(limit);
}
export type OfficialFigureRow = Awaited<ReturnType<typeof listOfficialFigures>>[number];
