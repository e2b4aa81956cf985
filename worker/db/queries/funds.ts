/**
 * Reads of the project library and fund flows. Filters are ranges on indexed columns; a
 * project's totals come from its few budget lines in the fund_source_totals view, which sums
 * the allocation and disbursement rows of each line through covering indexes.
 */
import { and, asc, between, eq, gt, gte, inArray, sql, type SQL } from "drizzle-orm";
import { descendantRange, levelOfCode, REGION_LEVELS, type RegionLevel } from "../../domain/region-codes";
import { chunk } from "../batch";
import type { Db } from "../client";
import { keysetAfter, keysetOrder, type SortOrder } from "../../lib/sorting";
import { disbursements, donationAllocations, donations, fundAllocations, fundProjectAmendments, fundProjectBudgetAmendments, fundProjects, fundSourceTotals, regions } from "../schema";

export interface ProjectFilters {
  within?: string;
  year?: number;
  category?: string;
  status?: string;
  source?: string;
  /** Projects changed (updated_at) at or after this instant (`updated_since=`). */
  updatedSince?: string;
}

export function projectWhere(filters: ProjectFilters): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  if (filters.within) {
    const { min, max } = descendantRange(filters.within);
    where.push(between(fundProjects.regionCode, min, max));
  }
  if (filters.year !== undefined) where.push(eq(fundProjects.year, filters.year));
  if (filters.category) where.push(eq(fundProjects.category, filters.category));
  if (filters.updatedSince) where.push(gte(fundProjects.updatedAt, filters.updatedSince));
  if (filters.status) where.push(eq(fundProjects.status, filters.status as "planned"));
  if (filters.source) {
    where.push(sql`EXISTS (SELECT 1 FROM fund_project_sources fs WHERE fs.project_id = ${fundProjects.id} AND fs.source = ${filters.source})`);
  }
  return where;
}

const totals = {
  budgetFen: sql<number>`coalesce(sum(${fundSourceTotals.budgetFen}), 0)`.mapWith(Number),
  allocatedFen: sql<number>`coalesce(sum(${fundSourceTotals.allocatedFen}), 0)`.mapWith(Number),
  disbursedFen: sql<number>`coalesce(sum(${fundSourceTotals.disbursedFen}), 0)`.mapWith(Number),
  receiptedFen: sql<number>`coalesce(sum(${fundSourceTotals.receiptedFen}), 0)`.mapWith(Number),
};

/**
 * Net donations allocated to a project, summed from its donation_allocations rows (reversals
 * are negative rows): a derived total, never a counter (migration 0006).
 */
export const projectDonatedFen = sql<number>`(SELECT coalesce(sum(da.amount_fen), 0) FROM donation_allocations da WHERE da.project_id = ${fundProjects.id})`.mapWith(Number);

/** The decision date of a project's latest amendment (names or budget), through its project index. */
export const projectLastAmendedOn = sql<string | null>`(SELECT max(pa.date) FROM fund_project_amendments pa WHERE pa.project_id = ${fundProjects.id})`;

export type ProjectRow = typeof fundProjects.$inferSelect & {
  donatedFen: number;
  lastAmendedOn: string | null;
  regionNameZh: string;
  regionNameEn: string;
  budgetFen: number;
  allocatedFen: number;
  disbursedFen: number;
  receiptedFen: number;
};
export type SourceLineRow = typeof fundSourceTotals.$inferSelect;

export const PROJECT_SORT_KEYS = ["id", "name", "year"] as const;
/** The public `sort=` keys, and `updated`: the change order of `updated_since=` (not a `sort=` value). */
export type ProjectSortKey = (typeof PROJECT_SORT_KEYS)[number] | "updated";
export type ProjectKey = string | readonly [string | number, string];

const projectSortValue = (key: ProjectSortKey) => (key === "name" ? fundProjects.nameEn : key === "year" ? fundProjects.year : key === "updated" ? fundProjects.updatedAt : fundProjects.id);
/** The cursor value of a row in this order (the same column as the SQL). */
export const projectSortValueOf = (row: ProjectRow, key: ProjectSortKey): string | number => (key === "name" ? row.nameEn : key === "year" ? row.year : key === "updated" ? row.updatedAt : row.id);

/** The ids of one page of projects (index range + keyset): the part of listProjects the query plans check. */
export function projectPageQuery(db: Db, filters: ProjectFilters, after: ProjectKey | undefined, limit: number, order: SortOrder<ProjectSortKey> = { key: "id", descending: false }) {
  const where = projectWhere(filters);
  const value = projectSortValue(order.key);
  if (typeof after === "string") where.push(gt(fundProjects.id, after));
  else if (after !== undefined) where.push(keysetAfter(value, fundProjects.id, order.descending, after));
  return db
    .select({ id: fundProjects.id })
    .from(fundProjects)
    .where(and(...where))
    .orderBy(...keysetOrder(value, fundProjects.id, order.descending))
    .limit(limit);
}

export async function listProjects(db: Db, filters: ProjectFilters, after: ProjectKey | undefined, limit: number, order: SortOrder<ProjectSortKey> = { key: "id", descending: false }): Promise<ProjectRow[]> {
  const value = projectSortValue(order.key);
  // Page the projects first (index range + keyset), then total their source lines.
  const page = projectPageQuery(db, filters, after, limit, order);
  return db
    .select({ ...projectColumns, regionNameZh: regions.nameZh, regionNameEn: regions.nameEn, ...totals })
    .from(fundProjects)
    .innerJoin(regions, eq(regions.code, fundProjects.regionCode))
    .leftJoin(fundSourceTotals, eq(fundSourceTotals.projectId, fundProjects.id))
    .where(inArray(fundProjects.id, page))
    .groupBy(fundProjects.id)
    .orderBy(...keysetOrder(value, fundProjects.id, order.descending));
}

const projectColumns = {
  id: fundProjects.id,
  nameZh: fundProjects.nameZh,
  nameEn: fundProjects.nameEn,
  regionCode: fundProjects.regionCode,
  category: fundProjects.category,
  year: fundProjects.year,
  status: fundProjects.status,
  filedOn: fundProjects.filedOn,
  plannedStart: fundProjects.plannedStart,
  plannedCompletion: fundProjects.plannedCompletion,
  actualStart: fundProjects.actualStart,
  actualCompletion: fundProjects.actualCompletion,
  beneficiaryHouseholds: fundProjects.beneficiaryHouseholds,
  donatedFen: projectDonatedFen,
  lastAmendedOn: projectLastAmendedOn,
  isDemo: fundProjects.isDemo,
  createdAt: fundProjects.createdAt,
  updatedAt: fundProjects.updatedAt,
};

export async function getProject(db: Db, id: string): Promise<ProjectRow | undefined> {
  const rows = await db
    .select({ ...projectColumns, regionNameZh: regions.nameZh, regionNameEn: regions.nameEn, ...totals })
    .from(fundProjects)
    .innerJoin(regions, eq(regions.code, fundProjects.regionCode))
    .leftJoin(fundSourceTotals, eq(fundSourceTotals.projectId, fundProjects.id))
    .where(eq(fundProjects.id, id))
    .groupBy(fundProjects.id);
  return rows[0];
}

/** Source lines of many projects, grouped by project id. */
export async function sourceLinesOf(db: Db, projectIds: readonly string[]): Promise<Map<string, SourceLineRow[]>> {
  const out = new Map<string, SourceLineRow[]>();
  for (const part of chunk([...new Set(projectIds)], 90)) {
    const rows = await db.select().from(fundSourceTotals).where(inArray(fundSourceTotals.projectId, part)).orderBy(asc(fundSourceTotals.projectId), asc(fundSourceTotals.source));
    for (const row of rows) out.set(row.projectId, [...(out.get(row.projectId) ?? []), row]);
  }
  return out;
}

/** Everything recorded against one project (a project has tens of rows, not thousands). */
export async function projectActivity(db: Db, projectId: string) {
  const [allocations, payments, gifts, changes, lines] = await db.batch([
    db.select().from(fundAllocations).where(eq(fundAllocations.projectId, projectId)).orderBy(asc(fundAllocations.date), asc(fundAllocations.id)),
    db.select().from(disbursements).where(eq(disbursements.projectId, projectId)).orderBy(asc(disbursements.date), asc(disbursements.id)),
    db
      .select({ allocation: donationAllocations, donationDate: donations.date, donationChannel: donations.channel })
      .from(donationAllocations)
      .innerJoin(donations, eq(donations.id, donationAllocations.donationId))
      .where(eq(donationAllocations.projectId, projectId))
      .orderBy(asc(donationAllocations.date), asc(donationAllocations.id)),
    // Amendments in the order they were logged, each with the budget lines it changed.
    db.select().from(fundProjectAmendments).where(eq(fundProjectAmendments.projectId, projectId)).orderBy(asc(fundProjectAmendments.ledgerIndex)),
    db.select().from(fundProjectBudgetAmendments).where(eq(fundProjectBudgetAmendments.projectId, projectId)).orderBy(asc(fundProjectBudgetAmendments.ledgerIndex)),
  ]);
  const amendments = changes.map((amendment) => ({ amendment, budget: lines.filter((line) => line.amendmentId === amendment.id) }));
  return { allocations, disbursements: payments, donationAllocations: gifts, amendments };
}

export interface FundTotalsRow {
  allocated: number;
  disbursed: number;
  receipted: number;
  funded: number;
  filed: number;
  started: number;
  completed: number;
  projects: number;
  lastUpdate: string | null;
  demoProjects: number;
}

/**
 * Totals behind the four rates, over the projects matching the filters. With `asOf` (a
 * calendar day in Asia/Shanghai, `end` the instant that day ends) they are recomputed from
 * the append-only money rows as the portal knew them then: rows dated on or before the day
 * and recorded before it ended, projects recorded by then, milestones by their dates. No
 * history is stored, so none can drift from the rows. A cancellation has no date: a project
 * cancelled today is left out of every past day too.
 */
export async function fundTotals(db: Db, filters: ProjectFilters, asOf?: { day: string; end: string }): Promise<FundTotalsRow> {
  return (await fundTotalsQuery(db, filters, asOf))[0]!;
}

/** The statement behind fundTotals (one row), so a monthly series can send many in one D1 batch. */
export function fundTotalsQuery(db: Db, filters: ProjectFilters, asOf?: { day: string; end: string }) {
  const where = and(...projectWhere(filters), asOf ? sql`${fundProjects.createdAt} < ${asOf.end}` : undefined);
  // Each project's money summed through its project index (covering indexes of migration 0006):
  // correlated subqueries rather than a join grouped by project, so SQLite reads only the
  // filtered projects through their filter's index (a GROUP BY walked every project by id).
  const sumOf = (table: "fund_allocations" | "disbursements", column: "amount_fen" | "receipted_fen") =>
    asOf
      ? sql`(SELECT coalesce(sum(m.${sql.raw(column)}), 0) FROM ${sql.raw(table)} m WHERE m.project_id = ${fundProjects.id} AND m.date <= ${asOf.day} AND m.recorded_at < ${asOf.end})`
      : sql`(SELECT coalesce(sum(m.${sql.raw(column)}), 0) FROM ${sql.raw(table)} m WHERE m.project_id = ${fundProjects.id})`;
  const notCancelled = sql`${fundProjects.status} <> 'cancelled'`;
  const perProject = db
    .select({
      status: fundProjects.status,
      filedOn: asOf ? sql<string | null>`CASE WHEN ${fundProjects.filedOn} <= ${asOf.day} THEN ${fundProjects.filedOn} END`.as("filed_on") : fundProjects.filedOn,
      updatedAt: asOf ? sql<string>`${asOf.day}`.as("updated_at") : fundProjects.updatedAt,
      isDemo: fundProjects.isDemo,
      started: (asOf ? sql<number>`${notCancelled} AND ${fundProjects.actualStart} <= ${asOf.day}` : sql<number>`${fundProjects.status} IN ('started', 'completed')`).as("started"),
      completed: (asOf ? sql<number>`${notCancelled} AND ${fundProjects.actualCompletion} <= ${asOf.day}` : sql<number>`${fundProjects.status} = 'completed'`).as("completed"),
      allocated: sql<number>`${sumOf("fund_allocations", "amount_fen")}`.as("allocated"),
      disbursed: sql<number>`${sumOf("disbursements", "amount_fen")}`.as("disbursed"),
      receipted: sql<number>`${sumOf("disbursements", "receipted_fen")}`.as("receipted"),
    })
    .from(fundProjects)
    .where(where)
    .as("per_project");
  return db
    .select({
      allocated: sql<number>`coalesce(sum(${perProject.allocated}), 0)`.mapWith(Number),
      disbursed: sql<number>`coalesce(sum(${perProject.disbursed}), 0)`.mapWith(Number),
      receipted: sql<number>`coalesce(sum(${perProject.receipted}), 0)`.mapWith(Number),
      funded: sql<number>`coalesce(sum(CASE WHEN ${perProject.status} <> 'cancelled' AND ${perProject.allocated} > 0 THEN 1 ELSE 0 END), 0)`.mapWith(Number),
      filed: sql<number>`coalesce(sum(CASE WHEN ${perProject.status} <> 'cancelled' AND ${perProject.allocated} > 0 AND ${perProject.filedOn} IS NOT NULL THEN 1 ELSE 0 END), 0)`.mapWith(Number),
      started: sql<number>`coalesce(sum(CASE WHEN ${perProject.started} THEN 1 ELSE 0 END), 0)`.mapWith(Number),
      completed: sql<number>`coalesce(sum(CASE WHEN ${perProject.completed} THEN 1 ELSE 0 END), 0)`.mapWith(Number),
      projects: sql<number>`count(*)`.mapWith(Number),
      demoProjects: sql<number>`coalesce(sum(${perProject.isDemo}), 0)`.mapWith(Number),
      lastUpdate: sql<string | null>`max(${perProject.updatedAt})`,
    })
    .from(perProject);
}

/** The earliest project year under the filters (where a monthly series starts by default). */
export async function firstProjectYear(db: Db, filters: ProjectFilters): Promise<number | null> {
  const rows = await db.select({ year: sql<number | null>`min(${fundProjects.year})` }).from(fundProjects).where(and(...projectWhere(filters)));
  return rows[0]?.year ?? null;
}

const PREFIX: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 };

/** The level flows are grouped at: the level below the region asked for (provinces if none). */
export function flowLevel(region: string | undefined): RegionLevel {
  if (!region) return "province";
  const level = levelOfCode(region);
  return REGION_LEVELS[Math.min(REGION_LEVELS.indexOf(level) + 1, REGION_LEVELS.length - 1)]!;
}

export interface FlowRow {
  source: string;
  regionCode: string;
  category: string;
  projects: number;
  budgetFen: number;
  allocatedFen: number;
  disbursedFen: number;
  demoProjects: number;
}

export type FlowKey = [string, string, string];

/** Money from each source to each region (at `level`) and category, in key order. */
export async function listFlows(db: Db, filters: ProjectFilters, level: RegionLevel, after: FlowKey | undefined, limit: number): Promise<FlowRow[]> {
  const digits = PREFIX[level];
  const regionExpr = sql<string>`substr(${fundProjects.regionCode}, 1, ${digits}) || substr('000000000000', 1, ${12 - digits})`;
  const where = projectWhere(filters);
  if (after) where.push(sql`(${fundSourceTotals.source}, ${regionExpr}, ${fundProjects.category}) > (${after[0]}, ${after[1]}, ${after[2]})`);
  return db
    .select({
      source: fundSourceTotals.source,
      regionCode: regionExpr,
      category: fundProjects.category,
      projects: sql<number>`count(*)`.mapWith(Number),
      budgetFen: sql<number>`sum(${fundSourceTotals.budgetFen})`.mapWith(Number),
      allocatedFen: sql<number>`sum(${fundSourceTotals.allocatedFen})`.mapWith(Number),
      disbursedFen: sql<number>`sum(${fundSourceTotals.disbursedFen})`.mapWith(Number),
      // How many of the projects summed are demo data (a flow is demo when any is).
      demoProjects: sql<number>`sum(${fundProjects.isDemo})`.mapWith(Number),
    })
    .from(fundProjects)
    .innerJoin(fundSourceTotals, eq(fundSourceTotals.projectId, fundProjects.id))
    .where(and(...where))
    .groupBy(fundSourceTotals.source, regionExpr, fundProjects.category)
    .orderBy(asc(fundSourceTotals.source), asc(regionExpr), asc(fundProjects.category))
    .limit(limit);
}

export async function regionNames(db: Db, codes: readonly string[]): Promise<Map<string, { nameZh: string; nameEn: string }>> {
  const out = new Map<string, { nameZh: string; nameEn: string }>();
  for (const part of chunk([...new Set(codes)], 90)) {
    const rows = await db.select({ code: regions.code, nameZh: regions.nameZh, nameEn: regions.nameEn }).from(regions).where(inArray(regions.code, part));
    for (const row of rows) out.set(row.code, row);
  }
  return out;
}
