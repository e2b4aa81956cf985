import { and, asc, between, eq, gt, gte, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { BREAKDOWNS, METRIC_CODES, STATISTICS_LEVELS, type Breakdown, type Metric, type StatisticsLevel } from "../../domain/disclosure/categories";
import { fromStored, toStored, type PublishedCount } from "../../domain/disclosure/rounding";
import type { PublishedRow } from "../../domain/disclosure/tables";
import { descendantRange } from "../../domain/region-codes";
import { chunk } from "../batch";
import type { Db } from "../client";
import { registerHouseholds, registerOverlapGuard, registerReleases, registerStatistics, regions } from "../schema";

export type ReleaseRow = typeof registerReleases.$inferSelect;
export type HouseholdInsert = typeof registerHouseholds.$inferInsert;

export const REGISTER_DATASET = "register_statistics";

/** Regions among `codes` with their level (chunked: D1 binds at most 100 parameters). */
export async function regionLevels(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 90) {
    const rows = await db.select({ code: regions.code, level: regions.level }).from(regions).where(inArray(regions.code, codes.slice(i, i + 90)));
    for (const row of rows) found.set(row.code, row.level);
  }
  return found;
}

export async function getActiveRelease(db: Db, scopeCode: string, year: number): Promise<ReleaseRow | undefined> {
  const rows = await db
    .select()
    .from(registerReleases)
    .where(and(eq(registerReleases.scopeCode, scopeCode), eq(registerReleases.year, year), eq(registerReleases.status, "active")))
    .limit(1);
  return rows[0];
}

/** Active releases of the year whose scope contains, or lies inside, `scopeCode` (another scope). */
function overlapping(scopeCode: string, year: number, ancestors: readonly string[]) {
  const { min, max } = descendantRange(scopeCode);
  return and(
    eq(registerReleases.year, year),
    eq(registerReleases.status, "active"),
    or(between(registerReleases.scopeCode, min, max), ancestors.length > 0 ? inArray(registerReleases.scopeCode, [...ancestors]) : undefined),
  );
}

export async function overlappingActiveReleases(db: Db, scopeCode: string, year: number, ancestors: readonly string[]): Promise<ReleaseRow[]> {
  return db
    .select()
    .from(registerReleases)
    .where(and(overlapping(scopeCode, year, ancestors), ne(registerReleases.scopeCode, scopeCode)));
}

/**
 * For the activation batch, after the switch: aborts it when another active release of the
 * year overlaps this one (migration 0007), i.e. when an overlapping import won the race.
 */
export function overlapGuardStatement(db: Db, release: { id: string; scopeCode: string; year: number }, ancestors: readonly string[]) {
  const others = db
    .select({ n: sql<number>`count(*)` })
    .from(registerReleases)
    .where(and(overlapping(release.scopeCode, release.year, ancestors), ne(registerReleases.id, release.id)));
  return db.insert(registerOverlapGuard).values({ overlaps: sql`(${others})` });
}

/** The message of the guard above, as D1 reports an aborted batch. */
export const REGISTER_OVERLAP_ABORT = "register_overlap";

export function insertReleaseStatement(db: Db, release: typeof registerReleases.$inferInsert) {
  return db.insert(registerReleases).values(release);
}

/**
 * Rows per bulk statement. Bulk rows travel as ONE bound JSON parameter expanded by
 * json_each: two bound parameters per statement (far below D1's 100) and about 100 KB of
 * JSON (well below D1's 2 MB per value), so a county's register needs tens of statements,
 * not tens of thousands. The table CHECKs still validate every row.
 */
export const BULK_ROWS = 1000;

const HOUSEHOLDS_BULK_SQL = `INSERT INTO register_households
  (release_id, pseudonym, village_code, household_size, cause, measures, identified_year, exit_year, returned_year, monitoring)
  SELECT ?1, ${[0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => `json_extract(value, '$[${i}]')`).join(", ")} FROM json_each(?2)`;

const STATISTICS_BULK_SQL = `INSERT INTO register_statistics (release_id, year, level, region_code, breakdown, category, ${METRIC_CODES.join(", ")})
  SELECT ?1, ?2, ${Array.from({ length: 4 + METRIC_CODES.length }, (_, i) => `json_extract(value, '$[${i}]')`).join(", ")} FROM json_each(?3)`;

/**
 * Households of a release, as bulk statements on the D1 binding itself (drizzle cannot
 * batch a raw statement with parameters).
 */
export function householdInserts(d1: D1Database, releaseId: string, rows: readonly HouseholdInsert[]): D1PreparedStatement[] {
  const statement = d1.prepare(HOUSEHOLDS_BULK_SQL);
  return chunk(rows, BULK_ROWS).map((part) =>
    statement.bind(releaseId, JSON.stringify(part.map((h) => [h.pseudonym, h.villageCode, h.householdSize, h.cause, h.measures, h.identifiedYear, h.exitYear ?? null, h.returnedYear ?? null, h.monitoring]))),
  );
}

/** Published statistics of a release (already in their stored R2 form), as bulk statements. */
export function statisticsInserts(d1: D1Database, releaseId: string, year: number, rows: readonly PublishedRow[]): D1PreparedStatement[] {
  const statement = d1.prepare(STATISTICS_BULK_SQL);
  return chunk(rows, BULK_ROWS).map((part) =>
    statement.bind(releaseId, year, JSON.stringify(part.map((row) => [row.level, row.regionCode, row.breakdown, row.category, ...METRIC_CODES.map((m) => toStored(row.figures[m]))]))),
  );
}

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

/**
 * The switch of the active pointer, for the final batch: the old release (if any) is
 * superseded and the staged one becomes active, in one transaction.
 */
export function activationStatements(db: Db, release: { id: string; scopeCode: string; year: number }, now: string) {
  return [
    db
      .update(registerReleases)
      .set({ status: "superseded" })
      .where(and(eq(registerReleases.scopeCode, release.scopeCode), eq(registerReleases.year, release.year), eq(registerReleases.status, "active"))),
    db
      .update(registerReleases)
      .set({ status: "active", activatedAt: now })
      .where(and(eq(registerReleases.id, release.id), eq(registerReleases.status, "staging"))),
  ] as const;
}

const DELETE_CHUNK = 5000;

/** Deletes one release's households and statistics in bounded chunks (each a short statement). */
export async function deleteReleaseRows(db: Db, releaseId: string): Promise<number> {
  const statements = [
    sql`DELETE FROM register_households WHERE release_id = ${releaseId} AND pseudonym IN
        (SELECT pseudonym FROM register_households WHERE release_id = ${releaseId} LIMIT ${DELETE_CHUNK})`,
    sql`DELETE FROM register_statistics WHERE release_id = ${releaseId} AND (level, breakdown, region_code, category) IN
        (SELECT level, breakdown, region_code, category FROM register_statistics WHERE release_id = ${releaseId} LIMIT ${DELETE_CHUNK})`,
  ];
  let deleted = 0;
  for (const statement of statements) {
    for (;;) {
      const changes = (await db.run(statement)).meta.changes ?? 0;
      deleted += changes;
      if (changes < DELETE_CHUNK) break;
    }
  }
  return deleted;
}

/**
 * Removes the rows of superseded releases of a scope and year, and of staged releases
 * abandoned more than an hour ago (an import that failed half-way: never visible).
 */
export async function cleanUpReleases(db: Db, scopeCode: string, year: number, now = new Date()): Promise<number> {
  const staleBefore = new Date(now.getTime() - 3_600_000).toISOString();
  const stale = await db
    .select({ id: registerReleases.id, status: registerReleases.status })
    .from(registerReleases)
    .where(
      or(
        and(eq(registerReleases.scopeCode, scopeCode), eq(registerReleases.year, year), eq(registerReleases.status, "superseded"), gt(registerReleases.households, 0)),
        and(eq(registerReleases.status, "staging"), lt(registerReleases.createdAt, staleBefore)),
      ),
    );
  let deleted = 0;
  for (const release of stale) {
    deleted += await deleteReleaseRows(db, release.id);
    // A superseded release keeps its metadata (who imported what, when); its rows are gone.
    if (release.status === "superseded") await db.update(registerReleases).set({ households: 0, people: 0, villages: 0, statisticsRows: 0 }).where(eq(registerReleases.id, release.id));
    else await db.delete(registerReleases).where(eq(registerReleases.id, release.id));
  }
  return deleted;
}

export interface RegisterStatisticsFilters {
  region?: string;
  level: StatisticsLevel;
  year?: number;
  breakdown: Breakdown;
  /** Rows of releases activated at or after this instant (`updated_since=`): a release changes as a whole. */
  activatedSince?: string;
}

export type RegisterStatisticsKey = [regionCode: string, year: number, category: string];

export interface RegisterStatisticsRow {
  releaseId: string;
  year: number;
  level: StatisticsLevel;
  regionCode: string;
  regionNameZh: string | null;
  regionNameEn: string | null;
  breakdown: Breakdown;
  category: string;
  figures: Record<Metric, PublishedCount>;
  /** From a release the demo generator imported (a synthetic register). */
  demo: boolean;
}

/**
 * Published statistics of the active releases, in (region_code, year, category) order:
 * an index range on (level, breakdown[, year], region_code) — never a scan of other levels.
 */
/** `created_by` of the releases the demo generator imports (a synthetic register, not real households). */
export const DEMO_REGISTER_IMPORTER = "demo";

export function registerStatisticsQuery(db: Db, filters: RegisterStatisticsFilters, after: RegisterStatisticsKey | undefined, limit: number) {
  const s = registerStatistics;
  const where: (SQL | undefined)[] = [eq(s.level, filters.level), eq(s.breakdown, filters.breakdown)];
  if (filters.region) {
    const { min, max } = descendantRange(filters.region);
    where.push(between(s.regionCode, min, max));
  }
  if (filters.year !== undefined) where.push(eq(s.year, filters.year));
  if (after) {
    const [code, year, category] = after;
    where.push(sql`(${s.regionCode}, ${s.year}, ${s.category}) > (${code}, ${year}, ${category})`);
  }
  return db
    .select({ statistics: s, regionNameZh: regions.nameZh, regionNameEn: regions.nameEn, createdBy: registerReleases.createdBy })
    .from(s)
    .innerJoin(registerReleases, and(eq(registerReleases.id, s.releaseId), eq(registerReleases.status, "active"), filters.activatedSince ? gte(registerReleases.activatedAt, filters.activatedSince) : undefined))
    .leftJoin(regions, eq(regions.code, s.regionCode))
    .where(and(...where))
    .orderBy(asc(s.regionCode), asc(s.year), asc(s.category))
    .limit(limit);
}

export async function listRegisterStatistics(db: Db, filters: RegisterStatisticsFilters, after: RegisterStatisticsKey | undefined, limit: number): Promise<RegisterStatisticsRow[]> {
  const rows = await registerStatisticsQuery(db, filters, after, limit);
  return rows.map(({ statistics, regionNameZh, regionNameEn, createdBy }) => {
    const figures = {} as Record<Metric, PublishedCount>;
    for (const metric of METRIC_CODES) figures[metric] = fromStored((statistics as unknown as Record<string, number>)[camel(metric)]!);
    return {
      releaseId: statistics.releaseId,
      year: statistics.year,
      level: statistics.level,
      regionCode: statistics.regionCode,
      regionNameZh,
      regionNameEn,
      breakdown: statistics.breakdown,
      category: statistics.category,
      figures,
      // The demo generator imports its synthetic register as `demo` (worker/demo/register.ts).
      demo: createdBy === DEMO_REGISTER_IMPORTER,
    };
  });
}

/**
 * One release's published rows (stored form) within a region, for the joint disclosure gate of
 * the next year's import (the attacker holds both years): one primary-key range per level and
 * breakdown (release_id, level, breakdown, region_code), never a scan.
 */
export function releaseRowsQuery(db: Db, releaseId: string, level: StatisticsLevel, breakdown: Breakdown, region: string) {
  const s = registerStatistics;
  const { min, max } = descendantRange(region);
  return db
    .select()
    .from(s)
    .where(and(eq(s.releaseId, releaseId), eq(s.level, level), eq(s.breakdown, breakdown), between(s.regionCode, min, max)))
    .orderBy(asc(s.regionCode), asc(s.category));
}

export async function releaseRows(db: Db, releaseId: string, region: string): Promise<PublishedRow[]> {
  const out: PublishedRow[] = [];
  for (const level of STATISTICS_LEVELS) {
    for (const breakdown of BREAKDOWNS) {
      for (const row of await releaseRowsQuery(db, releaseId, level, breakdown, region)) {
        const figures = {} as Record<Metric, PublishedCount>;
        for (const metric of METRIC_CODES) figures[metric] = fromStored((row as unknown as Record<string, number>)[camel(metric)]!);
        out.push({ level: row.level, regionCode: row.regionCode, breakdown: row.breakdown, category: row.category, figures });
      }
    }
  }
  return out;
}

/** A release as the admin API lists it: metadata only, never a household. */
export type ReleaseListKey = [scopeCode: string, year: number, id: string];

/**
 * Releases in a region (scopes within it), for the admin API's listing: by scope, year and
 * id, keyset-paged (register_releases_scope serves the range).
 */
export function adminReleasesQuery(db: Db, filters: { region: string; year?: number; status?: "staging" | "active" | "superseded" }, after: ReleaseListKey | undefined, limit: number) {
  const r = registerReleases;
  const { min, max } = descendantRange(filters.region);
  const where: (SQL | undefined)[] = [between(r.scopeCode, min, max)];
  if (filters.year !== undefined) where.push(eq(r.year, filters.year));
  if (filters.status) where.push(eq(r.status, filters.status));
  if (after) where.push(sql`(${r.scopeCode}, ${r.year}, ${r.id}) > (${after[0]}, ${after[1]}, ${after[2]})`);
  return db.select().from(r).where(and(...where)).orderBy(asc(r.scopeCode), asc(r.year), asc(r.id)).limit(limit);
}

/**
 * Imports under way: staged releases whose tables are not computed yet (statistics_rows is set
 * once the gate passed: a console import checked and awaiting confirmation is no longer being
 * checked), written within the last hour (older ones are abandoned and go with the next
 * clean-up). Served by the partial index register_releases_staging.
 */
export function checkingReleasesQuery(db: Db, now: Date) {
  const r = registerReleases;
  const since = new Date(now.getTime() - 3_600_000).toISOString();
  return db
    .select({ scopeCode: r.scopeCode, year: r.year, since: r.createdAt })
    .from(r)
    .where(and(eq(r.status, "staging"), gt(r.createdAt, since), eq(r.statisticsRows, 0)))
    .orderBy(asc(r.createdAt))
    .limit(50);
}

export interface CheckingRelease {
  scope_code: string;
  year: number;
  since: string;
}

export async function checkingReleases(db: Db, now: Date): Promise<CheckingRelease[]> {
  return (await checkingReleasesQuery(db, now)).map((r) => ({ scope_code: r.scopeCode, year: r.year, since: r.since }));
}
