import type { RouteHandler } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { listRegisterStatistics, REGISTER_DATASET, type RegisterStatisticsRow } from "../../db/queries/register";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import { respondList } from "../../lib/listing";
import { checkingVariant, registerChecking } from "../register-checking";
import { MONITORING_METRICS, returnNoticesPath } from "../../monitoring/rules";
import { MonitoringRowSchema } from "../../schemas/monitoring";
import { figureJson, registerKeyOf, registerKeySchema, registerListFilters, registerRowFields } from "../register-rows";
import type { listMonitoringRoute } from "./monitoring.routes";

/** A published register row as a monitoring row: the same stored figures, flows first, nothing derived. */
export function monitoringJson(row: RegisterStatisticsRow) {
  const { release_id, provenance, ...fields } = registerRowFields(row);
  return {
    ...fields,
    breakdown: row.breakdown as "none" | "cause",
    figures: Object.fromEntries(MONITORING_METRICS.map((m) => [m, figureJson(row.figures[m])])),
    release_id,
    return_notices: returnNoticesPath(row.regionCode, row.year),
    provenance,
  };
}

export const listMonitoringHandler: RouteHandler<typeof listMonitoringRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  const [filters, checking] = await Promise.all([registerListFilters(db, query), registerChecking(db, clock(c), { region: query.region, year: query.year })]);
  return respondList(c, query, {
    dataset: "monitoring",
    dependsOn: ["regions", REGISTER_DATASET],
    filename: "monitoring",
    keySchema: registerKeySchema,
    keyOf: registerKeyOf,
    // The register statistics' own query: one index range, the stored (already protected) figures.
    page: (after, limit) => listRegisterStatistics(db, filters, after, limit),
    toJson: monitoringJson,
    schema: MonitoringRowSchema,
    etagVariant: checkingVariant(checking) || undefined,
    meta: {
      // Register imports under way for this region and year (as GET /api/v1/statistics/register says them).
      ...(checking.length > 0 ? { checking } : {}),
      filters,
      kind: "register-derived",
      disclosure:
        "The register import's published figures (R2: 0 exact, 1–7 banded, ≥8 rounded to the nearest 5; R3, R4; withheld against subtraction across regions, cuts and years). Under monitoring = edge + unstable. By cause: the monitoring flows' households (newly identified, returned, monitored, edge, unstable) at county level only; their people, and these flows by cause below county, are withheld by design.",
    },
  });
};
