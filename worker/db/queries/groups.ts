/**
 * The group_by dimensions and measures of the statistical endpoints (worker/lib/grouping.ts
 * runs them). Counts and money sums only; nothing register-derived is offered here:
 * a project's beneficiary households (rule R2) are never summed, and the register
 * statistics keep their released cuts (privacy.md R5).
 */
import { and, eq, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { countRows, sumOf, type GroupSpec } from "../../lib/grouping";
import { donations, fundProjects, fundSourceTotals, reports, villageStatus } from "../schema";
import { donationWhere, type DonationFilters } from "./donations";
import { projectWhere, type ProjectFilters } from "./funds";
import { statsWhere, type ReportStatsFilters } from "./reports";
import { VILLAGE_GROUPS, villageWhere, type VillageFilters } from "./villages";

const countyOf = (code: SQLiteColumn) => sql<string>`substr(${code}, 1, 6) || '000000'`;

export function villageGroups(filters: VillageFilters, meta: Record<string, unknown>): GroupSpec {
  return {
    dataset: "villages",
    dependsOn: ["regions", "villages"],
    filename: "villages",
    dimensions: VILLAGE_GROUPS,
    measures: { villages: countRows() },
    from: villageStatus,
    where: and(...villageWhere(filters)),
    filters: meta,
  };
}

export const PROJECT_GROUPS = {
  source: { value: fundSourceTotals.source },
  category: { value: fundProjects.category },
  year: { value: fundProjects.year },
  county: { value: countyOf(fundProjects.regionCode), region: true },
  region: { value: fundProjects.regionCode, region: true },
  status: { value: fundProjects.status },
} as const;

/** Budget lines of the filtered projects; with `source`, only that source's lines. */
export function projectGroups(filters: ProjectFilters, meta: Record<string, unknown>): GroupSpec {
  return {
    dataset: "fund_projects",
    dependsOn: ["regions", "fund_projects", "fund_flows"],
    filename: "fund-projects",
    dimensions: PROJECT_GROUPS,
    measures: {
      projects: sql<number>`count(DISTINCT ${fundProjects.id})`,
      budget_fen: sumOf(fundSourceTotals.budgetFen),
      allocated_fen: sumOf(fundSourceTotals.allocatedFen),
      disbursed_fen: sumOf(fundSourceTotals.disbursedFen),
      receipted_fen: sumOf(fundSourceTotals.receiptedFen),
    },
    from: fundSourceTotals,
    join: { table: fundProjects, on: eq(fundProjects.id, fundSourceTotals.projectId) },
    where: and(...projectWhere(filters), filters.source ? eq(fundSourceTotals.source, filters.source) : undefined),
    filters: meta,
  };
}

export const DONATION_GROUPS = {
  month: { value: sql<string>`substr(${donations.date}, 1, 7)` },
  channel: { value: donations.channel },
  target_type: { value: donations.targetType },
  county: { value: countyOf(donations.regionCode), region: true },
} as const;

// Money rows are written once (migration 0006): what a donation has allocated and whether it
// was reversed are derived from the rows written after it.
const donationAllocatedFen = sql<number>`(SELECT coalesce(sum(x.amount_fen), 0) FROM donation_allocations x WHERE x.donation_id = ${donations.id})`;
const donationNotReversed = sql`NOT EXISTS (SELECT 1 FROM donation_reversals r WHERE r.donation_id = ${donations.id})`;

/** Donations not reversed (a reversed gift is not money received). */
export function donationGroups(filters: DonationFilters, meta: Record<string, unknown>): GroupSpec {
  return {
    dataset: "donations",
    dependsOn: ["regions", "donations"],
    filename: "donations",
    dimensions: DONATION_GROUPS,
    // demo_donations: how many of the group's rows are demo data, so a total can say so (the
    // home page labels its donation totals honestly without reading every donation).
    measures: { donations: countRows(), amount_fen: sumOf(donations.amountFen), allocated_fen: sumOf(donationAllocatedFen), demo_donations: sumOf(donations.isDemo) },
    from: donations,
    where: and(...donationWhere(filters), donationNotReversed),
    filters: meta,
  };
}

export const REPORT_GROUPS = {
  status: { value: reports.status },
  category: { value: reports.category },
  county: { value: countyOf(reports.regionCode), region: true },
  month: { value: reports.receivedMonth },
} as const;

/** Counts of reports only: the statement has no column that could carry a text or contact. */
export function reportGroups(filters: ReportStatsFilters, meta: Record<string, unknown>): GroupSpec {
  return {
    dataset: "reports",
    dependsOn: ["regions", "reports"],
    filename: "reports",
    dimensions: REPORT_GROUPS,
    measures: { reports: countRows() },
    from: reports,
    where: statsWhere(filters),
    filters: meta,
  };
}
