import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { listRegisterStatistics, REGISTER_DATASET, type RegisterStatisticsKey, type RegisterStatisticsRow } from "../../db/queries/register";
import { STATISTICS_LEVELS, type StatisticsLevel } from "../../domain/disclosure/categories";
import { levelOfCode } from "../../domain/region-codes";
import type { AppEnv } from "../../lib/app-env";
import { respondList } from "../../lib/listing";
import { MONITORING_METRICS, returnNoticesPath } from "../../monitoring/rules";
import { MonitoringRowSchema } from "../../schemas/monitoring";
import { requireRegionParam } from "../region-params";
import { categoryNames } from "../../domain/disclosure/categories";
import { provenanceOf, REGISTER_TREATMENT } from "../../schemas/provenance";
import type { listMonitoringRoute } from "./monitoring.routes";

/** A published register row as a monitoring row: the same stored figures, flows first, nothing derived. */
export function monitoringJson(row: RegisterStatisticsRow) {
  const names = categoryNames(row.breakdown, row.category);
  return {
    kind: "register-derived" as const,
    year: row.year,
    level: row.level,
    region: { code: row.regionCode, name_zh: row.regionNameZh, name_en: row.regionNameEn },
    breakdown: row.breakdown as "none" | "cause",
    category: row.category,
    category_zh: names.zh,
    category_en: names.en,
    figures: Object.fromEntries(
      MONITORING_METRICS.map((m) => [m, { value: row.figures[m].value, banded: row.figures[m].disclosure === "banded", disclosure: row.figures[m].disclosure }]),
    ),
    release_id: row.releaseId,
    return_notices: returnNoticesPath(row.regionCode, row.year),
    provenance: provenanceOf("register-derived", row.demo, row.demo ? `${REGISTER_TREATMENT}. The register behind it is a synthetic sample, not real households` : undefined),
  };
}

export const listMonitoringHandler: RouteHandler<typeof listMonitoringRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const regionLevel = query.region ? levelOfCode(query.region) : undefined;
  const level: StatisticsLevel = query.level ?? ((STATISTICS_LEVELS as readonly string[]).includes(regionLevel ?? "") ? (regionLevel as StatisticsLevel) : "county");
  const filters = { region: query.region, level, year: query.year, breakdown: query.breakdown ?? "none" };
  return respondList(c, query, {
    dataset: "monitoring",
    dependsOn: ["regions", REGISTER_DATASET],
    filename: "monitoring",
    keySchema: z.tuple([z.string().regex(/^\d{12}$/), z.number().int(), z.string().max(40)]),
    keyOf: (row): RegisterStatisticsKey => [row.regionCode, row.year, row.category],
    // The register statistics' own query: one index range, the stored (already protected) figures.
    page: (after, limit) => listRegisterStatistics(db, filters, after, limit),
    toJson: monitoringJson,
    schema: MonitoringRowSchema,
    meta: {
      filters,
      kind: "register-derived",
      disclosure:
        "The register import's published figures (R2: 0 exact, 1–7 banded, ≥8 rounded to the nearest 5; R3, R4; withheld against subtraction across regions, cuts and years). Flows by cause are published as totals only (withheld here).",
    },
  });
};
