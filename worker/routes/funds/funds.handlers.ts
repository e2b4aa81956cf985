import { projectGroups } from "../../db/queries/groups";
import { respondGroups } from "../../lib/grouping";
import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { firstProjectYear, flowLevel, fundTotals, fundTotalsQuery, getProject, listFlows, listProjects, projectActivity, projectSortValueOf, regionNames, sourceLinesOf, type FlowKey, type ProjectKey, type ProjectRow, type ProjectSortKey, type SourceLineRow } from "../../db/queries/funds";
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
import { FlowSchema, MonthlyRateSchema, ProjectSchema, RateSchema } from "./funds.schemas";
import type { flowsRoute, getProjectRoute, listProjectsRoute, monthlyRatesRoute, summaryRoute } from "./funds.routes";
import { addMonths, lastDayOf, monthSpan } from "../../domain/funds/months";
import { pollSince, updatedSince } from "../../changes/updated-since";
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
    last_amended_on: row.lastAmendedOn,
    demo: row.isDemo,
    updated_at: row.updatedAt,
    provenance: provenanceOf("administrative", row.isDemo),
  };
}

export const listProjectsHandler: RouteHandler<typeof listProjectsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const since = updatedSince(query);
  const filters = { within: query.region, year: query.year, category: query.category, status: query.status, source: query.source, updatedSince: since };
  if (query.group_by) return respondGroups(c, query, query.group_by, projectGroups(filters, { region: query.region, year: query.year, category: query.category, status: query.status, source: query.source }));
  // Source lines are fetched per page and kept for toJson.
  let lines = new Map<string, SourceLineRow[]>();
  const order = since ? { key: "updated" as const, descending: false } : parseSort<ProjectSortKey>(query.sort, "id");
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
    meta: { filters: { region: query.region, year: query.year, category: query.category, status: query.status, source: query.source, updated_since: since }, ...(since ? { poll_since: pollSince(clock(c)) } : {}) },
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
      amendments: activity.amendments.map(({ amendment: a, budget }) => ({
        id: a.id,
        date: a.date,
        reason_zh: a.reasonZh,
        reason_en: a.reasonEn,
        previous_name_zh: a.previousNameZh,
        name_zh: a.nameZh,
        previous_name_en: a.previousNameEn,
        name_en: a.nameEn,
        budget: budget.map((line) => ({ source: line.source as FundSource, previous_budget_fen: line.previousBudgetFen, budget_fen: line.budgetFen, ledger_index: line.ledgerIndex })),
        ledger_index: a.ledgerIndex,
        recorded_at: a.recordedAt,
      })),
    };
  });
};

const badQuery = (name: string, message: string) => new ApiError(400, "invalid_request", `Invalid query: query.${name} — ${message}`, [{ path: `query.${name}`, message }]);

/** The end of an as-of day in Asia/Shanghai: rows recorded before it count (the summary's and the series' one rule). */
const asOfDay = (day: string) => ({ day, end: startOfLocalDay(addDays(day, 1)).toISOString() });

const ratesOf = (totals: Awaited<ReturnType<typeof fundTotals>>) =>
  fundRates({
    allocatedFen: totals.allocated,
    disbursedFen: totals.disbursed,
    receiptedFen: totals.receipted,
    fundedProjects: totals.funded,
    filedProjects: totals.filed,
    startedProjects: totals.started,
    completedProjects: totals.completed,
  });

const RATES_PROVENANCE = "Computed from the projects of the project library (administrative records)";

export const summaryHandler: RouteHandler<typeof summaryRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { within: query.region, year: query.year };
  if (query.as_of && isFutureDate(query.as_of, clock(c))) throw badQuery("as_of", "must not be after today (Asia/Shanghai)");
  const past = query.as_of ? asOfDay(query.as_of) : undefined;
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
      const rates = ratesOf(totals);
      const start = after === undefined ? 0 : after + 1;
      const provenance = provenanceOf("administrative", totals.demoProjects > 0, RATES_PROVENANCE);
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

/**
 * The four rates month by month: row n is rate n % 4 of month n / 4 counted from `from`, so
 * the cursor is that row number and a page computes only its own months — each month one
 * fundTotals statement at the end of its last day, all of a page's months in one D1 batch.
 * The current month stands at today, so the answer also varies by the Shanghai date.
 */
export const monthlyRatesHandler: RouteHandler<typeof monthlyRatesRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { within: query.region, year: query.year };
  const today = shanghaiDate(clock(c));
  const thisMonth = today.slice(0, 7);
  if (query.to && query.to > thisMonth) throw badQuery("to", "must not be after the current month (Asia/Shanghai)");
  const to = query.to ?? thisMonth;
  const from = query.from ?? `${Math.min(Number(to.slice(0, 4)), (await firstProjectYear(db, filters)) ?? Number(to.slice(0, 4)))}-01`;
  if (from > to) throw badQuery("from", "must not be after `to`");
  const rowCount = monthSpan(from, to) * RATE_IDS.length;
  type MonthRow = z.infer<typeof MonthlyRateSchema> & { n: number };
  return respondList<MonthRow, number>(c, query, {
    dataset: "fund_rates_monthly",
    dependsOn: FUNDS,
    filename: "fund-rates-monthly",
    keySchema: z.number().int().min(0),
    keyOf: (row) => row.n,
    etagVariant: today,
    page: async (after, limit) => {
      const start = after === undefined ? 0 : after + 1;
      const end = Math.min(start + limit, rowCount);
      if (start >= end) return [];
      const months = Array.from({ length: Math.floor((end - 1) / RATE_IDS.length) - Math.floor(start / RATE_IDS.length) + 1 }, (_, i) => addMonths(from, Math.floor(start / RATE_IDS.length) + i));
      const days = months.map((month) => (month === thisMonth ? today : lastDayOf(month)));
      const [first, ...rest] = days.map((day) => fundTotalsQuery(db, filters, asOfDay(day)));
      const totals = await db.batch([first!, ...rest]);
      const rows = months.flatMap((month, i) => {
        const t = totals[i]![0]!;
        const provenance = provenanceOf("administrative", t.demoProjects > 0, RATES_PROVENANCE);
        return ratesOf(t).map((r, k) => ({
          n: (Math.floor(start / RATE_IDS.length) + i) * RATE_IDS.length + k,
          month,
          as_of: days[i]!,
          ...r,
          region_code: query.region ?? null,
          year: query.year ?? null,
          projects: t.projects,
          provenance,
        }));
      });
      return rows.filter((row) => row.n >= start && row.n < end);
    },
    toJson: ({ n: _n, ...row }) => row,
    schema: MonthlyRateSchema,
    meta: { filters: { region: query.region, year: query.year }, from, to, months: monthSpan(from, to) },
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
