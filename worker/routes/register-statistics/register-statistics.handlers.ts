import type { RouteHandler } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { pollSince, updatedSince } from "../../changes/updated-since";
import { clock } from "../../lib/clock";
import { listRegisterStatistics, REGISTER_DATASET, type RegisterStatisticsRow } from "../../db/queries/register";
import { METRIC_CODES } from "../../domain/disclosure/categories";
import type { AppEnv } from "../../lib/app-env";
import { respondList } from "../../lib/listing";
import { checkingVariant, registerChecking } from "../register-checking";
import { figureJson, registerKeyOf, registerKeySchema, registerListFilters, registerRowFields } from "../register-rows";
import { RegisterStatisticSchema } from "./register-statistics.schemas";
import type { listRegisterStatisticsRoute } from "./register-statistics.routes";

export function registerStatisticJson(row: RegisterStatisticsRow) {
  const { release_id, provenance, ...fields } = registerRowFields(row);
  return { ...fields, release_id, figures: Object.fromEntries(METRIC_CODES.map((m) => [m, figureJson(row.figures[m])])), provenance };
}

export const listRegisterStatisticsHandler: RouteHandler<typeof listRegisterStatisticsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  const since = updatedSince(query);
  const [filters, checking] = await Promise.all([registerListFilters(db, query), registerChecking(db, clock(c), { region: query.region, year: query.year })]);
  return respondList(c, query, {
    dataset: REGISTER_DATASET,
    dependsOn: ["regions", REGISTER_DATASET],
    filename: "register-statistics",
    keySchema: registerKeySchema,
    keyOf: registerKeyOf,
    page: (after, limit) => listRegisterStatistics(db, { ...filters, activatedSince: since }, after, limit),
    toJson: registerStatisticJson,
    schema: RegisterStatisticSchema,
    etagVariant: checkingVariant(checking) || undefined,
    meta: {
      // Imports under way for this region and year (the disclosure gate may take minutes).
      ...(checking.length > 0 ? { checking } : {}),
      filters: { ...filters, updated_since: since },
      ...(since ? { poll_since: pollSince(clock(c)) } : {}),
      kind: "register-derived",
      disclosure:
        "R2: 0 exact, 1–7 banded, ≥8 rounded to the nearest 5; R3: villages under 20 households have totals only; R4: illness, disability and the health measure from township level up; withheld: secondary suppression against subtraction.",
    },
  });
};
