import { and, desc, eq, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { registerReleases, registerStatistics } from "../db/schema";
import { STATISTICS_LEVELS, TOTAL, type StatisticsLevel } from "../domain/disclosure/categories";
import { ancestorCode, levelOfCode } from "../domain/region-codes";
import { monitoringPaths, returnNoticesPath } from "./rules";

/**
 * The query behind latestMonitoringYear, unexecuted (tests/db/query-plans): one index range
 * on register_statistics_region (level, breakdown, region_code, year), newest year first.
 */
export function latestMonitoringYearQuery(db: Db, region: string, level: StatisticsLevel, year: number) {
  const s = registerStatistics;
  return db
    .select({ year: s.year })
    .from(s)
    .innerJoin(registerReleases, and(eq(registerReleases.id, s.releaseId), eq(registerReleases.status, "active")))
    .where(and(eq(s.level, level), eq(s.breakdown, "none"), eq(s.regionCode, region), lte(s.year, year), eq(s.category, TOTAL)))
    .orderBy(desc(s.year))
    .limit(1);
}

/**
 * The latest year, at most `year`, for which an active register release publishes figures
 * of the region itself (its totals row): what a return-to-poverty notice links to. Null for
 * a region above county level or without a release up to that year.
 */
export async function latestMonitoringYear(db: Db, region: string, year: number): Promise<number | null> {
  const level = levelOfCode(region);
  if (!(STATISTICS_LEVELS as readonly string[]).includes(level)) return null;
  const rows = await latestMonitoringYearQuery(db, region, level as StatisticsLevel, year);
  return rows[0]?.year ?? null;
}

/**
 * Where a return-to-poverty notice points: the monitoring figures of its region for the
 * year it was published (Asia/Shanghai), or — while that year's register is not imported —
 * the latest year before it that has figures (`figures_year`). A village without figures of
 * its own (no registered household in any release) points at its township, then county
 * (`figures_region`): at most three index lookups.
 */
export async function monitoringLink(db: Db, region: string, year: number) {
  let figuresRegion: string | null = null;
  let figuresYear: number | null = null;
  for (const code of regionAndParents(region)) {
    figuresYear = await latestMonitoringYear(db, code, year);
    if (figuresYear !== null) {
      figuresRegion = code;
      break;
    }
  }
  const paths = monitoringPaths(figuresRegion ?? region, figuresYear ?? undefined);
  return { region_code: region, year, figures_region: figuresRegion, figures_year: figuresYear, api: paths.api, page: paths.page, return_notices: returnNoticesPath(region, year) };
}

/**
 * The region, then its township and county (only the levels register figures exist at). A
 * village starts at its township: villages publish registered and exited households only
 * (issue 16), so a village's own row never holds the returns a notice is about.
 */
function regionAndParents(region: string): string[] {
  const level = levelOfCode(region);
  if (level === "village") return [ancestorCode(region, "township"), ancestorCode(region, "county")];
  const chain = [region];
  if (level === "township") chain.push(ancestorCode(region, "county"));
  return chain;
}
