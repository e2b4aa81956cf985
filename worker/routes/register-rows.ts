/**
 * What the lists of published register rows share (`/statistics/register` and `/monitoring`
 * read the same stored, already protected figures): the region check, the level a region
 * implies, the keyset over the stored rows and the fields every row carries.
 */
import { z } from "@hono/zod-openapi";
import type { Db } from "../db/client";
import type { RegisterStatisticsFilters, RegisterStatisticsKey, RegisterStatisticsRow } from "../db/queries/register";
import { categoryNames, STATISTICS_LEVELS, type StatisticsLevel } from "../domain/disclosure/categories";
import type { PublishedCount } from "../domain/disclosure/rounding";
import { levelOfCode } from "../domain/region-codes";
import { provenanceOf, REGISTER_TREATMENT } from "../schemas/provenance";
import { requireRegionParam } from "./region-params";

interface RegisterListQuery {
  region?: string;
  level?: StatisticsLevel;
  year?: number;
  breakdown?: RegisterStatisticsFilters["breakdown"];
}

/** The filters of a register list: a region must exist; without a level, a region's own level (county otherwise). */
export async function registerListFilters(db: Db, query: RegisterListQuery): Promise<RegisterStatisticsFilters & { level: StatisticsLevel }> {
  if (query.region) await requireRegionParam(db, "region", query.region);
  const regionLevel = query.region ? levelOfCode(query.region) : undefined;
  const level: StatisticsLevel =
    query.level ?? ((STATISTICS_LEVELS as readonly string[]).includes(regionLevel ?? "") ? (regionLevel as StatisticsLevel) : "county");
  return { region: query.region, level, year: query.year, breakdown: query.breakdown ?? "none" };
}

/** The keyset of the stored rows: region, year, category. */
export const registerKeySchema = z.tuple([z.string().regex(/^\d{12}$/), z.number().int(), z.string().max(40)]);
export const registerKeyOf = (row: RegisterStatisticsRow): RegisterStatisticsKey => [row.regionCode, row.year, row.category];

export function figureJson(figure: PublishedCount) {
  return { value: figure.value, banded: figure.disclosure === "banded", disclosure: figure.disclosure };
}

/** The fields every published register row carries, whichever figures the list shows. */
export function registerRowFields(row: RegisterStatisticsRow) {
  const names = categoryNames(row.breakdown, row.category);
  return {
    kind: "register-derived" as const,
    year: row.year,
    level: row.level,
    region: { code: row.regionCode, name_zh: row.regionNameZh, name_en: row.regionNameEn },
    breakdown: row.breakdown,
    category: row.category,
    category_zh: names.zh,
    category_en: names.en,
    release_id: row.releaseId,
    provenance: provenanceOf("register-derived", row.demo, row.demo ? `${REGISTER_TREATMENT}. The register behind it is a synthetic sample, not real households` : undefined),
  };
}
