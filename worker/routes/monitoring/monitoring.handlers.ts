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
import { registerStatisticJson } from "../register-statistics/register-statistics.handlers";
import type { listMonitoringRoute } from "./monitoring.routes";

/** A published register row as a monitoring row: the same stored figures, flows first, nothing derived. */
export function monitoringJson(row: RegisterStatisticsRow) {
  const published = registerStatisticJson(row);
  return {
    kind: published.kind,
    year: published.year,
    level: published.level,
    region: published.region,
    breakdown: row.breakdown as "none" | "cause",
    category: published.category,
    category_zh: published.category_zh,
    category_en: published.category_en,
    figures: Object.fromEntries(MONITORING_METRICS.map((m) => [m, published.figures[m]])),
    release_id: published.release_id,
    return_notices: returnNoticesPath(row.regionCode, row.year),
    provenance: published.provenance,
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
