import { projectGroups } from "../../db/queries/groups";
import { respondGroups } from "../../lib/grouping";
import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { flowLevel, fundTotals, getProject, listFlows, listProjects, projectActivity, projectSortValueOf, regionNames, sourceLinesOf, type FlowKey, type ProjectKey, type ProjectRow, type ProjectSortKey, type SourceLineRow } from "../../db/queries/funds";
import { parseSort, SortCursorSchema } from "../../lib/sorting";
import { isFutureDate, shanghaiDate } from "../../domain/funds/dates";
import { addDays, startOfLocalDay } from "../../domain/notice-window";
import { clock } from "../../lib/clock";
import { publishedHouseholdCount } from "../../domain/funds/household-counts";
import { fundRates, RATE_IDS } from "../../domain/funds/rates";
import { FUND_SOURCE_NAMES, type FundSource } from "../../domain/funds/vocabulary";
import type { AppEnv } from "../../lib/app-env";
import { ApiError, notFound } from "../../lib/errors";
import { respondList, respondOne } from "../../lib/listing";
import { requireRegionParam } from "../region-params";
import { FlowSchema, ProjectSchema, RateSchema } from "./funds.schemas";
import type { flowsRoute, getProjectRoute, listProjectsRoute, summaryRoute } from "./funds.routes";
import { provenanceOf, type Provenance } from "../../schemas/provenance";

const FUNDS = ["fund_projects", "regions"] as const;

function sourceJson(line: SourceLineRow) {
  return { source: line.source as FundSource, budget_fen: line.budgetFen, allocated_fen: line.allocatedFen, disbursed_fen: line.disbursedFen, receipted_fen: line.receiptedFen };
}

export function projectJson(row: ProjectRow, lines: SourceLineRow[]) {
  const households = publishedHouseholdCount(row.beneficiaryHouseholds);
  return {
    id: row.id,
    name_zh: row.nameZh,
    name_en: row.nameEn,
    region: { code: row.regionCode, name_zh: row.regionNameZh, name_en: row.regionNameEn },
    category: row.category,
    year: row.year,
    status: row.status,
    filed_on: row.filedOn,
    planned_start: row.plannedStart,
    planned_completion: row.plannedCompletion,
    actual_start: row.actualStart,
    actual_completion: row.actualCompletion,
    beneficiary_households: households.value,
    beneficiary_households_banded: households.banded,
    budget_fen: row.budgetFen,
    allocated_fen: row.allocatedFen,
    disbursed_fen: row.disbursedFen,
    receipted_fen: row.receiptedFen,
    donated_fen: row.donatedFen,
    sources: lines.map(sourceJson),
    demo: row.isDemo,
    updated_at: row.updatedAt,
    provenance: provenanceOf("administrative", row.isDemo),
  };
}

export const listProjectsHandler: RouteHandler<typeof listProjectsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { within: query.region, year: query.year, category: query.category, status: query.status, source: query.source };
  if (query.group_by) return respondGroups(c, query, query.group_by, projectGroups(filters, { region: query.region, year: query.year, category: query.category, status: query.status, source: query.source }));
  // Source lines are fetched per page and kept for toJson.
  let lines = new Map<string, SourceLineRow[]>();
  const order = parseSort<ProjectSortKey>(query.sort, "id");
  const byId = order.key === "id" && !order.descending;
  return respondList<ProjectRow, ProjectKey>(c, query, {
    dataset: "fund_projects",
    dependsOn: FUNDS,
    filename: "fund-projects",
    // The default order keeps its plain-id cursor; the other orders carry (sort value, id).
    keySchema: byId ? z.string().regex(/^prj_[0-9a-z]+$/) : SortCursorSchema,
    keyOf: (row) => (byId ? row.id : [projectSortValueOf(row, order.key), row.id]),
    page: async (after, limit) => {
      const rows = await listProjects(db, filters, after, limit, order);
      lines = await sourceLinesOf(db, rows.map((r) => r.id));
      return rows;
    },
    toJson: (row) => projectJson(row, lines.get(row.id) ?? []),
    schema: ProjectSchema,
    meta: { filters: { region: query.region, year: query.year, category: query.category, status: query.status, source: query.source } },
  });
};

export const getProjectHandler: RouteHandler<typeof getProjectRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const db = createDb(c.env.DB);
  const project = await getProject(db, id);
  if (!project) throw notFound("project", id);
  return respondOne(c, [...FUNDS, "donations"], async () => {
    const [lines, activity] = await Promise.all([sourceLinesOf(db, [id]), projectActivity(db, id)]);
    return {
      ...projectJson(project, lines.get(id) ?? []),
      allocations: activity.allocations.map((a) => ({
        id: a.id,
        date: a.date,
        amount_fen: a.amountFen,
        source: a.source,
        document_no: a.documentNo,
        reverses: a.reversesId,
        ledger_index: a.ledgerIndex,
        recorded_at: a.recordedAt,
      })),
      disbursements: activity.disbursements.map((d) => ({
        id: d.id,
        date: d.date,
        amount_fen: d.amountFen,
        receipted_fen: d.receiptedFen,
        source: d.source,
        document_no: d.documentNo,
        reverses: d.reversesId,
        ledger_index: d.ledgerIndex,
        recorded_at: d.recordedAt,
      })),
      donations: activity.donationAllocations.map(({ allocation: a }) => ({
        id: a.id,
        donation_id: a.donationId,
        date: a.date,
        amount_fen: a.amountFen,
        reverses: a.reversesId,
        ledger_index: a.ledgerIndex,
        recorded_at: a.recordedAt,
      })),
    };
  });
};

export const summaryHandler: RouteHandler<typeof summaryRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { within: query.region, year: query.year };
  if (query.as_of && isFutureDate(query.as_of, clock(c))) {
    throw new ApiError(400, "invalid_request", "Invalid query: query.as_of — must not be after today (Asia/Shanghai)", [{ path: "query.as_of", message: "must not be after today (Asia/Shanghai)" }]);
  }
  // The end of the as-of day in Asia/Shanghai: rows recorded before it count.
  const past = query.as_of ? { day: query.as_of, end: startOfLocalDay(addDays(query.as_of, 1)).toISOString() } : undefined;
  let asOf: string | null = null;
  let projects = 0;
  type RateRow = ReturnType<typeof fundRates>[number] & { as_of: string | null; region_code: string | null; year: number | null; provenance: Provenance };
  return respondList<RateRow, number>(c, query, {
    dataset: "fund_rates",
    dependsOn: FUNDS,
    filename: "fund-rates",
    keySchema: z.number().int().min(0).max(RATE_IDS.length),
    keyOf: (row) => RATE_IDS.indexOf(row.rate),
    page: async (after, limit) => {
      const totals = await fundTotals(db, filters, past);
      asOf = past ? past.day : totals.lastUpdate ? shanghaiDate(new Date(totals.lastUpdate)) : null;
      projects = totals.projects;
      const rates = fundRates({
        allocatedFen: totals.allocated,
        disbursedFen: totals.disbursed,
        receiptedFen: totals.receipted,
        fundedProjects: totals.funded,
        filedProjects: totals.filed,
        startedProjects: totals.started,
        completedProjects: totals.completed,
      });
      const start = after === undefined ? 0 : after + 1;
      const provenance = provenanceOf("administrative", totals.demoProjects > 0, "Computed from the projects of the project library (administrative records)");
      return rates.slice(start, start + limit).map((r) => ({ ...r, as_of: asOf, region_code: query.region ?? null, year: query.year ?? null, provenance }));
    },
    toJson: (row) => row,
    schema: RateSchema,
    meta: {
      filters: { region: query.region, year: query.year, as_of: query.as_of },
      get as_of() {
        return asOf;
      },
      get projects() {
        return projects;
      },
    },
  });
};

export const flowsHandler: RouteHandler<typeof flowsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const level = flowLevel(query.region);
  const filters = { within: query.region, year: query.year, source: query.source, category: query.category };
  let names = new Map<string, { nameZh: string; nameEn: string }>();
  type Flow = Awaited<ReturnType<typeof listFlows>>[number];
  return respondList<Flow, FlowKey>(c, query, {
    dataset: "fund_flows",
    dependsOn: FUNDS,
    filename: "fund-flows",
    keySchema: z.tuple([z.string(), z.string(), z.string()]),
    keyOf: (row) => [row.source, row.regionCode, row.category],
    page: async (after, limit) => {
      const rows = await listFlows(db, filters, level, after, limit);
      names = await regionNames(db, rows.map((r) => r.regionCode));
      return rows;
    },
    toJson: (row) => ({
      source: row.source as FundSource,
      source_name_zh: FUND_SOURCE_NAMES[row.source as FundSource].zh,
      source_name_en: FUND_SOURCE_NAMES[row.source as FundSource].en,
      region_code: row.regionCode,
      region_name_zh: names.get(row.regionCode)?.nameZh ?? null,
      region_name_en: names.get(row.regionCode)?.nameEn ?? null,
      category: row.category,
      projects: row.projects,
      budget_fen: row.budgetFen,
      allocated_fen: row.allocatedFen,
      disbursed_fen: row.disbursedFen,
      provenance: provenanceOf("administrative", row.demoProjects > 0, "Sum over the projects of the project library (administrative records)"),
    }),
    schema: FlowSchema,
    meta: { level, filters: { region: query.region, year: query.year, source: query.source, category: query.category } },
  });
};
