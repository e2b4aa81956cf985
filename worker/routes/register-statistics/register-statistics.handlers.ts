import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { listRegisterStatistics, REGISTER_DATASET, type RegisterStatisticsKey, type RegisterStatisticsRow } from "../../db/queries/register";
import { categoryNames, METRIC_CODES, STATISTICS_LEVELS, type StatisticsLevel } from "../../domain/disclosure/categories";
import type { PublishedCount } from "../../domain/disclosure/rounding";
import { levelOfCode } from "../../domain/region-codes";
import type { AppEnv } from "../../lib/app-env";
import { respondList } from "../../lib/listing";
import { requireRegionParam } from "../region-params";
import { RegisterStatisticSchema } from "./register-statistics.schemas";
import type { listRegisterStatisticsRoute } from "./register-statistics.routes";
import { provenanceOf, REGISTER_TREATMENT } from "../../schemas/provenance";

function figureJson(figure: PublishedCount) {
  return { value: figure.value, banded: figure.disclosure === "banded", disclosure: figure.disclosure };
}

export function registerStatisticJson(row: RegisterStatisticsRow) {
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
    figures: Object.fromEntries(METRIC_CODES.map((m) => [m, figureJson(row.figures[m])])),
    provenance: provenanceOf("register-derived", row.demo, row.demo ? `${REGISTER_TREATMENT}. The register behind it is a synthetic sample, not real households` : undefined),
  };
}


export const listRegisterStatisticsHandler: RouteHandler<typeof listRegisterStatisticsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const regionLevel = query.region ? levelOfCode(query.region) : undefined;
  const level: StatisticsLevel =
    query.level ?? ((STATISTICS_LEVELS as readonly string[]).includes(regionLevel ?? "") ? (regionLevel as StatisticsLevel) : "county");
  const filters = { region: query.region, level, year: query.year, breakdown: query.breakdown ?? "none" };
  return respondList(c, query, {
    dataset: REGISTER_DATASET,
    dependsOn: ["regions", REGISTER_DATASET],
    filename: "register-statistics",
    keySchema: z.tuple([z.string().regex(/^\d{12}$/), z.number().int(), z.string().max(40)]),
    keyOf: (row): RegisterStatisticsKey => [row.regionCode, row.year, row.category],
    page: (after, limit) => listRegisterStatistics(db, filters, after, limit),
    toJson: registerStatisticJson,
    schema: RegisterStatisticSchema,
    meta: {
      filters,
      kind: "register-derived",
      disclosure:
        "R2: 0 exact, 1–7 banded, ≥8 rounded to the nearest 5; R3: villages under 20 households have totals only; R4: illness, disability and the health measure from township level up; withheld: secondary suppression against subtraction.",
    },
  });
};
