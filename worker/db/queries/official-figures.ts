import { and, asc, between, eq, gt, type SQL } from "drizzle-orm";
import { descendantRange } from "../../domain/region-codes";
import { keysetAfter, keysetOrder, type SortOrder } from "../../lib/sorting";
import type { Db } from "../client";
import { changedSince, type ChangeCursor } from "../../changes/updated-since";
import { officialFigures, regions, sources } from "../schema";

export interface OfficialFigureFilters {
  region?: string;
  year?: number;
  metric?: string;
}

export async function listOfficialFigures(db: Db, filters: OfficialFigureFilters, after: number | undefined, limit: number) {
  return officialFiguresQuery(db, filters, after, limit);
}

/** `sort=` keys of /statistics/official besides the default id order. */
export const OFFICIAL_FIGURE_SORT_KEYS = ["id", "year", "value"] as const;
export type OfficialFigureSortKey = (typeof OFFICIAL_FIGURE_SORT_KEYS)[number];
export type OfficialFigureSortCursor = readonly [value: number, id: number];

/**
 * Official figures in another order than by id, keyset-paged on (sort value, id) through
 * official_figures_year (year, id) and official_figures_value (value, id, migration 0021).
 */
export function sortedOfficialFiguresQuery(db: Db, filters: OfficialFigureFilters, order: SortOrder<OfficialFigureSortKey>, after: OfficialFigureSortCursor | undefined, limit: number) {
  const column = order.key === "year" ? officialFigures.year : order.key === "value" ? officialFigures.value : officialFigures.id;
  return officialFiguresSelect(db, filters, after ? keysetAfter(column, officialFigures.id, order.descending, after) : undefined)
    .orderBy(...keysetOrder(column, officialFigures.id, order.descending))
    .limit(limit);
}

/** Figures published (updated_at) at or after `since`, in change order (`updated_since=`; index official_figures_updated). */
export function changedOfficialFiguresQuery(db: Db, filters: OfficialFigureFilters, since: string, after: ChangeCursor | undefined, limit: number) {
  const changed = changedSince(officialFigures.updatedAt, officialFigures.id, since, after);
  return officialFiguresSelect(db, filters, and(...changed.where))
    .orderBy(...changed.orderBy)
    .limit(limit);
}

export const officialFigureSortValue = (row: OfficialFigureRow, key: OfficialFigureSortKey): number => (key === "year" ? row.year : key === "value" ? row.value : row.id);

/** The query behind `listOfficialFigures`, unexecuted (its SQL is checked by the query-plan test). */
export function officialFiguresQuery(db: Db, filters: OfficialFigureFilters, after: number | undefined, limit: number) {
  return officialFiguresSelect(db, filters, after !== undefined ? gt(officialFigures.id, after) : undefined)
    .orderBy(asc(officialFigures.id))
    .limit(limit);
}

function officialFiguresSelect(db: Db, filters: OfficialFigureFilters, after: SQL | undefined) {
  const where: (SQL | undefined)[] = [after];
  if (filters.region) {
    const { min, max } = descendantRange(filters.region);
    where.push(between(officialFigures.regionCode, min, max));
  }
  if (filters.year !== undefined) where.push(eq(officialFigures.year, filters.year));
  if (filters.metric) where.push(eq(officialFigures.metric, filters.metric));
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
      updatedAt: officialFigures.updatedAt,
      source: sources,
    })
    .from(officialFigures)
    .innerJoin(regions, eq(regions.code, officialFigures.regionCode))
    .innerJoin(sources, eq(sources.id, officialFigures.sourceId))
    .where(and(...where));
}
export type OfficialFigureRow = Awaited<ReturnType<typeof listOfficialFigures>>[number];
