import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { changeMeta, updatedSince } from "../../changes/updated-since";
import { clock } from "../../lib/clock";
import { caseStatistics, changedCasesQuery, getCase, listCases, type CaseKey, type CaseRow } from "../../accountability/queries";
import { CASE_OUTCOMES, CASE_PROBLEMS } from "../../accountability/rules";
import { createDb } from "../../db/client";
import type { AppEnv } from "../../lib/app-env";
import { edgeCached } from "../../lib/edge-cache";
import { notFound } from "../../lib/errors";
import { respondList, respondOne } from "../../lib/listing";
import { CaseSchema } from "../../schemas/accountability";
import { requireRegionParam } from "../region-params";
import type { caseStatsRoute, getCaseRoute, listCasesRoute } from "./accountability.routes";
import { provenanceOf } from "../../schemas/provenance";

export function caseJson(row: CaseRow) {
  return {
    id: row.id,
    region: { code: row.regionCode, level: row.regionLevel as "county" | "township" | "village", name_zh: row.regionNameZh, name_en: row.regionNameEn },
    county_code: row.countyCode,
    closed_on: row.closedOn,
    year: row.year,
    problem: row.problem,
    outcome: row.outcome,
    people_disciplined: row.peopleDisciplined,
    people_referred: row.peopleReferred,
    recovered_fen: row.recoveredFen,
    returned_fen: row.returnedFen,
    official_position: row.officialPosition,
    official_name: row.officialName,
    bulletin_title: row.bulletinTitle,
    bulletin_url: row.bulletinUrl,
    bulletin_date: row.bulletinDate,
    updated_at: row.recordedAt,
    demo: row.isDemo,
    provenance: provenanceOf("administrative", row.isDemo, "Published by the discipline-inspection office; names only as its public bulletin gives them"),
  };
}

export const listCasesHandler: RouteHandler<typeof listCasesRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { region: query.region, year: query.year, problem: query.problem, outcome: query.outcome };
  const since = updatedSince(query);
  return respondList<CaseRow, CaseKey>(c, query, {
    dataset: "accountability",
    // Its own dataset too: dependsOn replaces it in the ETag and the edge-cache key.
    dependsOn: ["regions", "accountability"],
    filename: "accountability-cases",
    keySchema: z.tuple([z.string(), z.string()]),
    // In change order the cursor is (recorded_at, id): the same shape as (closed_on, id).
    keyOf: (row) => [since ? row.recordedAt : row.closedOn, row.id],
    page: (after, limit) => (since ? changedCasesQuery(db, filters, since, after, limit) : listCases(db, filters, after, limit)),
    toJson: caseJson,
    schema: CaseSchema,
    meta: { filters: { ...filters, updated_since: since }, ...changeMeta(since, clock(c)) },
  });
};

export const getCaseHandler: RouteHandler<typeof getCaseRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const db = createDb(c.env.DB);
  const row = await getCase(db, id);
  if (!row) throw notFound("case", id);
  return respondOne(c, ["accountability", "regions"], async () => caseJson(row));
};

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export const caseStatsHandler: RouteHandler<typeof caseStatsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { region: query.region, year: query.year };
  return edgeCached(c, { datasets: ["accountability", "regions"], variant: "json" }, async () => {
    const s = await caseStatistics(db, filters);
    const rows = s.byCountyYear.map((r) => {
      const mine = <T extends { county: string; year: number }>(x: T) => x.county === r.county && x.year === r.year;
      const byProblem = zeros(CASE_PROBLEMS);
      for (const p of s.byProblem.filter(mine)) byProblem[p.key] = p.n;
      const byOutcome = zeros(CASE_OUTCOMES);
      for (const o of s.byOutcome.filter(mine)) byOutcome[o.key] = o.n;
      return {
        county: { code: r.county, name_zh: r.nameZh, name_en: r.nameEn },
        year: r.year,
        cases: r.cases,
        people_disciplined: Number(r.disciplined),
        people_referred: Number(r.referred),
        recovered_fen: Number(r.recovered),
        returned_fen: Number(r.returned),
        by_problem: byProblem,
        by_outcome: byOutcome,
      };
    });
    const sum = (k: "cases" | "people_disciplined" | "people_referred" | "recovered_fen" | "returned_fen") => rows.reduce((a, r) => a + r[k], 0);
    return c.json(
      {
        data: rows,
        meta: { totals: { cases: sum("cases"), people_disciplined: sum("people_disciplined"), people_referred: sum("people_referred"), recovered_fen: sum("recovered_fen"), returned_fen: sum("returned_fen") }, filters },
      },
      200,
    );
  });
};
