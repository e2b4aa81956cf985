import { and, asc, between, count, eq, gt, inArray, like, or, sql, type SQL } from "drizzle-orm";
import { ancestorCode, descendantRange, REGION_LEVELS, type RegionLevel } from "../../domain/region-codes";
import type { Db } from "../client";
import { ShapeCache } from "../flat-select";
import { readOncePerRender } from "../render-scope";
import { regions, villageStatus } from "../schema";
import { changedSince, type ChangeCursor } from "../../changes/updated-since";
import { regionNameMatch } from "../../search/tokens";

export type RegionRow = typeof regions.$inferSelect;

export interface RegionFilters {
  level?: RegionLevel;
  parent?: string;
  /** Name contains (Chinese or English, case-insensitive for Latin letters). */
  q?: string;
  /** Only this region's descendants (code range). */
  within?: string;
  /** Only these regions (primary-key lookups; a page names the places it shows). */
  codes?: readonly string[];
  /** Changed (updated_at) at or after this instant: change order (`updated_since=`). */
  updatedSince?: string;
}

/** A code, in change order (updated_at, code), or a name search's document id (`q`). */
export type RegionKey = string | ChangeCursor | number;

/** A region as a name search (`q`) returns it: with its search document's id, the paging key. */
export type RegionHit = RegionRow & { searchDoc?: number };

/** Escapes LIKE wildcards so a user's `%` or `_` matches itself. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export async function listRegions(db: Db, filters: RegionFilters, after: RegionKey | undefined, limit: number): Promise<RegionHit[]> {
  if (filters.q && !filters.updatedSince) {
    const statement = regionNameSearchQuery(filters, typeof after === "number" ? after : undefined, limit);
    if (!statement) return [];
    const { results } = await db.$client
      .prepare(statement.sql)
      .bind(...statement.params)
      .all<{ code: string; parent_code: string | null; level: RegionRow["level"]; name_zh: string; name_en: string; is_demo: number; updated_at: string; doc: number }>();
    return results.map((r) => ({ code: r.code, parentCode: r.parent_code, level: r.level, nameZh: r.name_zh, nameEn: r.name_en, isDemo: r.is_demo === 1, updatedAt: r.updated_at, searchDoc: r.doc }));
  }
  return regionsQuery(db, filters, after, limit);
}

/**
 * `q` (name contains) through the search index (worker/search, migration 0010) instead of a
 * LIKE scan of every region: one FTS5 MATCH walked in document-id order (regions by level,
 * then code; villages after them), the other filters checked on the walk, stopped at the
 * page size. The document id is the paging key. Null when the text cannot match anything.
 */
export function regionNameSearchQuery(filters: RegionFilters, afterDoc: number | undefined, limit: number): { sql: string; params: (string | number)[] } | null {
  const match = regionNameMatch(filters.q ?? "", {
    village: filters.level === undefined ? undefined : filters.level === "village",
    below: filters.parent ?? filters.within,
  });
  if (match === null) return null;
  // The MATCH carries the kind facet (regions and villages only); no other term may drive the
  // query: at national scale SQLite otherwise walked every region document by kind, probing
  // the index for each (CROSS JOIN fixes the order: the MATCH in document order, then each
  // hit's document and region by key).
  const where = ["search_fts MATCH ?", "search_fts.rowid > ?"];
  const params: (string | number)[] = [match, afterDoc ?? 0];
  if (filters.level) {
    where.push("r.level = ?");
    params.push(filters.level);
  }
  if (filters.parent) {
    where.push("r.parent_code = ?");
    params.push(filters.parent);
  }
  if (filters.within) {
    const { min, max } = descendantRange(filters.within);
    where.push("r.code >= ? AND r.code <= ?");
    params.push(min, max);
  }
  if (filters.codes) {
    where.push(`r.code IN (${filters.codes.map(() => "?").join(", ")})`);
    params.push(...filters.codes);
  }
  params.push(limit);
  return {
    sql: `SELECT r.code, r.parent_code, r.level, r.name_zh, r.name_en, r.is_demo, r.updated_at, d.id AS doc
    FROM search_fts CROSS JOIN search_docs d ON d.id = search_fts.rowid CROSS JOIN regions r ON r.code = d.ref
    WHERE ${where.join(" AND ")}
    ORDER BY search_fts.rowid LIMIT ?`,
    params,
  };
}

/**
 * The query behind `listRegions` (without `q`, or `q` in change order), unexecuted. Every
 * filter is an index range; `q` here is a LIKE checked on the walk of the updated_at range
 * (`updated_since=` bounds it). Without updated_since, `q` goes through the search index
 * (regionNameSearchQuery).
 */
export function regionsQuery(db: Db, filters: RegionFilters, after: RegionKey | undefined, limit: number) {
  const where: (SQL | undefined)[] = [];
  if (filters.level) {
    // With a parent, the parent's index (a few dozen children) must serve the query; without
    // statistics SQLite would pick the level index and check every village's parent row by
    // row (~300 ms at national scale). The unary + keeps the level term off any index.
    where.push(filters.parent ? sql`+${regions.level} = ${filters.level}` : eq(regions.level, filters.level));
  }
  if (filters.parent) where.push(eq(regions.parentCode, filters.parent));
  if (filters.within) {
    const { min, max } = descendantRange(filters.within);
    where.push(between(regions.code, min, max));
  }
  if (filters.codes) where.push(inArray(regions.code, [...filters.codes]));
  if (filters.q) {
    const pattern = likeContains(filters.q);
    where.push(or(sql`${regions.nameZh} LIKE ${pattern} ESCAPE '\\'`, sql`${regions.nameEn} LIKE ${pattern} ESCAPE '\\'`));
  }
  if (filters.updatedSince) {
    const changed = changedSince(regions.updatedAt, regions.code, filters.updatedSince, typeof after === "object" ? after : undefined);
    return db.select().from(regions).where(and(...where, ...changed.where)).orderBy(...changed.orderBy).limit(limit);
  }
  if (typeof after === "string") where.push(gt(regions.code, after));
  return db
    .select()
    .from(regions)
    .where(and(...where))
    .orderBy(asc(regions.code))
    .limit(limit);
}

const regionShapes = new ShapeCache();

export function getRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  // Read by most public requests (a filter's region check, every region page): building the
  // select with drizzle cost ten times the indexed read itself (bench/app.ts), so the SQL is built once.
  // Within one page render the row is read once for all the page's API reads (db/render-scope.ts).
  return readOncePerRender(db.$client, `region:${code}`, async () => (await regionShapes.run<RegionRow>(db, "one", [code, 1], () => regionQuery(db, code)))[0]);
}

export function regionQuery(db: Db, code: string) {
  return db.select().from(regions).where(eq(regions.code, code)).limit(1);
}

/** Regions that exist among the given codes (for validating many codes in one query). */
export async function existingRegionCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // D1 allows at most 100 bound parameters per statement.
  for (let i = 0; i < codes.length; i += 90) {
    const chunk = codes.slice(i, i + 90);
    const rows = await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, chunk));
    for (const row of rows) found.add(row.code);
  }
  return found;
}

/** The region's ancestors, top down (province first), as stored. */
export async function getAncestors(db: Db, region: RegionRow): Promise<RegionRow[]> {
  const levelIndex = REGION_LEVELS.indexOf(region.level);
  const codes = REGION_LEVELS.slice(0, levelIndex)
    .map((level) => ancestorCode(region.code, level))
    .filter((code) => code !== region.code);
  if (codes.length === 0) return [];
  // Every region page reads its ancestors: the SQL is built once per number of ancestors (1–4).
  const rows = await regionShapes.run<RegionRow>(db, `ancestors:${codes.length}`, codes, () => ancestorsQuery(db, codes));
  return rows.sort((a, b) => REGION_LEVELS.indexOf(a.level) - REGION_LEVELS.indexOf(b.level));
}

export function ancestorsQuery(db: Db, codes: string[]) {
  return db.select().from(regions).where(inArray(regions.code, codes));
}

export interface RegionCounts {
  children: number;
  descendants: Partial<Record<RegionLevel, number>>;
  villages: { total: number; designated_poor: number; exited: number; poor: number };
}

/** Counts of a region's children and descendants; each is an index range count. */
export async function getRegionCounts(db: Db, region: RegionRow): Promise<RegionCounts> {
  const [children, byLevel, villages] = await db.batch(regionCountQueries(db, region.code));
  const descendants: Partial<Record<RegionLevel, number>> = {};
  for (const row of byLevel) descendants[row.level] = row.n;
  const n = (status: string) => villages.find((v) => v.status === status)?.n ?? 0;
  return {
    children: children[0]?.n ?? 0,
    descendants,
    villages: {
      total: villages.reduce((sum, v) => sum + v.n, 0),
      designated_poor: n("poor") + n("exited"),
      poor: n("poor"),
      exited: n("exited"),
    },
  };
}

/** The three count queries behind `getRegionCounts`, unexecuted (one D1 batch). */
export function regionCountQueries(db: Db, code: string) {
  const { min, max } = descendantRange(code);
  return [
    db.select({ n: count() }).from(regions).where(eq(regions.parentCode, code)),
    db
      .select({ level: regions.level, n: count() })
      .from(regions)
      .where(and(inArray(regions.level, ["city", "county", "township", "village"]), between(regions.code, min, max), sql`${regions.code} <> ${code}`))
      .groupBy(regions.level),
    db
      .select({ status: villageStatus.status, n: count() })
      .from(villageStatus)
      .where(between(villageStatus.villageCode, min, max))
      .groupBy(villageStatus.status),
  ] as const;
}
