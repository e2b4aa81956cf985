/**
 * Regions are reference data (12-digit division codes, names, the parent chain): loaded in
 * slices by the system (the demo generator; a division list's yearly update: `npm run admin --
 * import regions`) or by an administrator of a city or above (POST /api/v1/admin/regions). One
 * write creates or updates many regions in ONE atomic batch: the rows (inserts of at most 100
 * bound parameters each, an update per changed region; a region whose fields are unchanged
 * keeps its `updated_at`), the version bump of `regions` and one audit row (`regions.load`)
 * naming the regions' lowest common ancestor, so the change feed lists the load. Regions are never
 * deleted here: notices, figures and money rows refer to them.
 */
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { chunk, chunkedInserts } from "../db/batch";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { regions } from "../db/schema";
import { ancestorCode, isRegionCode, isWithin, levelOfCode, REGION_LEVELS, type RegionLevel } from "../domain/region-codes";
import { invalid, NATIONAL_SCOPE, requireRole, requireScope, WriteRefusal, type Actor, type RefusalDetail, type WriteContext, type WritePlan } from "./plan";

export interface RegionInput {
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  name_zh: string;
  name_en: string;
  /** Synthetic regions say so in every row (the demo generator sets it). */
  demo?: boolean;
}

export interface RegionsResult {
  data: { regions: number; created: number; updated: number; unchanged: number; scope: string };
}

/** At most this many regions per write (one batch): the national demo loads in slices. */
export const MAX_REGIONS_PER_WRITE = 20_000;

/** Columns one region row binds (code, parent, level, two names, demo, updated_at). */
const REGION_COLUMNS = 7;

/** The lowest region containing every code (the whole country when they span provinces). */
export function commonAncestor(codes: readonly string[]): string {
  if (codes.length === 0) return NATIONAL_SCOPE;
  let prefix = codes[0]!;
  for (const code of codes) {
    let i = 0;
    while (i < prefix.length && prefix[i] === code[i]) i++;
    prefix = prefix.slice(0, i);
  }
  // Cut back to a level boundary (2, 4, 6, 9 or 12 digits).
  const boundary = [12, 9, 6, 4, 2, 0].find((n) => n <= prefix.length)!;
  return prefix.slice(0, boundary).padEnd(12, "0");
}

const LEVEL_RANK = Object.fromEntries(REGION_LEVELS.map((l, i) => [l, i])) as Record<RegionLevel, number>;

/** The level directly above (a region's parent is exactly one level up). */
function parentLevelOf(level: Exclude<RegionLevel, "province">): RegionLevel {
  return REGION_LEVELS[LEVEL_RANK[level] - 1]!;
}

/** The parent's code by the code's structure: the code cut back to the level above. */
function parentCodeOf(code: string, level: Exclude<RegionLevel, "province">): string {
  return ancestorCode(code, parentLevelOf(level));
}

/** Rules of one region row, with answers that name the field (`body.regions.<i>.<field>`). */
function regionProblems(r: RegionInput, i: number): RefusalDetail[] {
  const at = (field: string, message: string) => ({ path: `body.regions.${i}.${field}`, message });
  if (!isRegionCode(r.code)) return [at("code", "must be a 12-digit division code")];
  const problems: RefusalDetail[] = [];
  if (levelOfCode(r.code) !== r.level) problems.push(at("level", `code ${r.code} denotes a ${levelOfCode(r.code)}`));
  if (r.level === "province" && r.parent_code !== null) problems.push(at("parent_code", "must be null for a province"));
  if (r.level !== "province") {
    if (r.parent_code === null || !isRegionCode(r.parent_code)) problems.push(at("parent_code", "must be the 12-digit code of the region above"));
    else if (r.parent_code === r.code || !isWithin(r.code, r.parent_code) || LEVEL_RANK[levelOfCode(r.parent_code)] >= LEVEL_RANK[r.level]) {
      problems.push(at("parent_code", `must be a region above ${r.code} whose code it extends`));
    } else if (r.parent_code !== parentCodeOf(r.code, r.level)) {
      // Exactly one level up: a village's parent is its township, never its county.
      problems.push(at("parent_code", `must be the ${parentLevelOf(r.level)} directly above, ${parentCodeOf(r.code, r.level)}: ${r.parent_code} is a ${levelOfCode(r.parent_code)}, two or more levels up`));
    }
  }
  if (r.name_zh.trim() === "") problems.push(at("name_zh", "must not be empty"));
  if (r.name_en.trim() === "") problems.push(at("name_en", "must not be empty"));
  return problems;
}

/**
 * Division codes are a city's business at the lowest: an administrator scoped to a county,
 * township or village does not load regions, even within its own scope.
 */
function requireCityScope(actor: Actor): void {
  if (actor.regionCode === NATIONAL_SCOPE || LEVEL_RANK[levelOfCode(actor.regionCode)] <= LEVEL_RANK.city) return;
  throw new WriteRefusal("forbidden", "out_of_scope", `Regions are loaded by an administrator of a city, a province or the country; this ${actor.kind} is scoped to a ${levelOfCode(actor.regionCode)} (${actor.regionCode}).`, [
    { path: "header.authorization", message: `scope ${actor.regionCode} is below city level` },
  ]);
}

/**
 * Creates or updates regions in one atomic batch. Parents must exist already or come earlier
 * in the same write; the actor needs the admin role and a scope covering every region.
 */
export async function loadRegions(ctx: WriteContext, input: readonly RegionInput[]): Promise<WritePlan<RegionsResult>> {
  requireRole(ctx.actor, "admin");
  requireCityScope(ctx.actor);
  const { db, now } = ctx;
  if (input.length === 0) throw invalid([{ path: "body.regions", message: "must list at least one region" }]);
  if (input.length > MAX_REGIONS_PER_WRITE) throw invalid([{ path: "body.regions", message: `at most ${MAX_REGIONS_PER_WRITE} regions per load` }]);
  const problems: RefusalDetail[] = [];
  const seen = new Map<string, number>();
  input.forEach((r, i) => {
    requireScope(ctx.actor, r.code, `body.regions.${i}.code`);
    problems.push(...regionProblems(r, i));
    if (seen.has(r.code)) problems.push({ path: `body.regions.${i}.code`, message: `repeats regions.${seen.get(r.code)}` });
    else seen.set(r.code, i);
  });
  if (problems.length > 0) throw invalid(problems.slice(0, 20));

  // What is there already: the regions themselves (new or changed?) and parents loaded before.
  const parents = [...new Set(input.flatMap((r) => (r.parent_code && !seen.has(r.parent_code) ? [r.parent_code] : [])))];
  const existing = new Map<string, RegionRowFields>();
  for (const part of chunk([...seen.keys(), ...parents], 90)) {
    for (const row of await existingRegionsQuery(db, part)) existing.set(row.code, row);
  }
  input.forEach((r, i) => {
    const stored = r.parent_code && !seen.has(r.parent_code) ? existing.get(r.parent_code) : undefined;
    if (r.parent_code && !seen.has(r.parent_code) && !stored) problems.push({ path: `body.regions.${i}.parent_code`, message: "unknown region: load the parent first or in the same list" });
    // The stored parent's level too (rows loaded before the code rule held): one level up.
    else if (stored && r.level !== "province" && stored.level !== parentLevelOf(r.level)) problems.push({ path: `body.regions.${i}.parent_code`, message: `region ${stored.code} is stored as a ${stored.level}, not the ${parentLevelOf(r.level)} directly above` });
    else if (r.parent_code && seen.has(r.parent_code) && seen.get(r.parent_code)! > i) problems.push({ path: `body.regions.${i}.parent_code`, message: "list a parent before its children" });
  });
  if (problems.length > 0) throw invalid(problems.slice(0, 20));

  const at = now.toISOString();
  const rows = input.map((r) => ({ code: r.code, parentCode: r.parent_code, level: r.level, nameZh: r.name_zh, nameEn: r.name_en, isDemo: r.demo ?? false, updatedAt: at }));
  const createdRows: typeof rows = [];
  const changedRows: typeof rows = [];
  for (const row of rows) {
    const old = existing.get(row.code);
    if (!old) createdRows.push(row);
    else if (old.parentCode !== row.parentCode || old.level !== row.level || old.nameZh !== row.nameZh || old.nameEn !== row.nameEn || old.isDemo !== row.isDemo) changedRows.push(row);
  }
  const [created, updated] = [createdRows.length, changedRows.length];
  const unchanged = rows.length - created - updated;
  const scope = commonAncestor(rows.map((r) => r.code));
  const body = { data: { regions: rows.length, created, updated, unchanged, scope } };
  if (created + updated === 0) {
    return { body, statements: [], audit: null, conflict: new WriteRefusal("conflict", "conflict", "The regions changed meanwhile; reload and try again.") };
  }
  return {
    body,
    statements: [...regionStatements(db, createdRows, changedRows), bumpDatasetVersion(db, "regions", now)],
    conflict: new WriteRefusal("conflict", "conflict", "The regions changed meanwhile; reload and try again."),
    audit: {
      action: "regions.load",
      targetType: "region",
      targetId: scope,
      regionCode: scope,
      summary: `Loaded ${rows.length} region(s) in ${scope}: ${created} new, ${updated} changed, ${unchanged} unchanged`,
    },
  };
}

type RegionRowFields = { code: string; parentCode: string | null; level: string; nameZh: string; nameEn: string; isDemo: boolean };

/** The stored fields of these regions (a primary-key lookup; ≤100 codes). */
export function existingRegionsQuery(db: Db, codes: string[]) {
  return db
    .select({ code: regions.code, parentCode: regions.parentCode, level: regions.level, nameZh: regions.nameZh, nameEn: regions.nameEn, isDemo: regions.isDemo })
    .from(regions)
    .where(inArray(regions.code, codes));
}

/**
 * Inserts of the new regions (at most 100 bound parameters each) and one UPDATE per changed
 * region, so an unchanged region keeps its `updated_at` (updated_since= does not re-list it).
 * Not an upsert: the search index's triggers (INSERT OR IGNORE into search_queue) would take
 * the upsert's conflict policy and fail on a region already queued. A region inserted by a
 * racing load between the read and this batch fails the batch on the primary key.
 */
function regionStatements(db: Db, created: (typeof regions.$inferInsert)[], changed: (typeof regions.$inferInsert)[]) {
  return [
    ...chunkedInserts(created, REGION_COLUMNS, (part) => db.insert(regions).values(part)),
    ...changed.map((r) =>
      db.update(regions).set({ parentCode: r.parentCode, level: r.level, nameZh: r.nameZh, nameEn: r.nameEn, isDemo: r.isDemo, updatedAt: r.updatedAt }).where(eq(regions.code, r.code)),
    ),
  ];
}
