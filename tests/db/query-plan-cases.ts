/**
 * The SQL behind every documented filter of the public list and lookup endpoints, built by
 * the same query modules the handlers call. Shared by tests/db/query-plans.test.ts (demo data
 * in workerd's D1) and the bench (national-scale SQLite file), which both EXPLAIN them.
 */
import type { Db } from "../../worker/db/client";
import { getDatasetVersionsQuery } from "../../worker/db/queries/dataset-versions";
import { changedOfficialFiguresQuery, officialFiguresQuery, sortedOfficialFiguresQuery } from "../../worker/db/queries/official-figures";
import { contactsQuery } from "../../worker/contacts/queries";
import { ancestorsQuery, regionCountQueries, regionNameSearchQuery, regionQuery, regionsQuery, type RegionFilters } from "../../worker/db/queries/regions";
import { sortedVillagesQuery, villagesQuery } from "../../worker/db/queries/villages";
import { donationsQuery } from "../../worker/db/queries/donations";
import { fundTotalsQuery, projectPageQuery } from "../../worker/db/queries/funds";
import { changesQuery, firstIdSinceQuery } from "../../worker/changes/feed";
import { existingRegionsQuery } from "../../worker/writes/regions";
import { adminReleasesQuery, checkingReleasesQuery, registerStatisticsQuery, releaseRowsQuery } from "../../worker/db/queries/register";

import { noticesQuery } from "../../worker/db/queries/notices";
import { adminReportsQuery, publicTimeline, reportForReceiptQuery } from "../../worker/db/queries/reports";
import { PLACES } from "../../worker/demo/official-figures";
import { searchQuery } from "../../worker/search";
import { changedNeedsQuery, needsQuery, staffNeedsQuery } from "../../worker/needs/queries";
import { changedCasesQuery, listCases, staffCasesQuery } from "../../worker/accountability/queries";
import { CHANGE_ORDER } from "../../worker/changes/updated-since";
import { latestMonitoringYearQuery } from "../../worker/monitoring/queries";
import { donationAllocationsPage, projectAllocationsPage, projectDisbursementsPage } from "../../worker/console/funds/money-rows";
import { consoleNoticesQuery, reportsDueQuery, staffListQuery } from "../../worker/console/queries";

export interface PlanCase {
  name: string;
  sql: string;
  params: unknown[];
  /** The column a region-code range (BETWEEN min AND max) filters, when the case has one. */
  range?: string;
  /** The index that must serve the case (the filter's own index), when it is not the primary key. */
  index?: string;
}

/** A township and a village of the demo data (Nanling, synthetic). */
export const NANLING_TOWNSHIP = "340223101000";
const AFTER_VILLAGE = "340223101201";
/** An `updated_since=` instant and a later cursor's updated_at. */
const SINCE = "2026-11-20T00:00:00.000Z";
const LATER = "2026-11-21T00:00:00.000Z";

interface ToSql {
  toSQL(): { sql: string; params: unknown[] };
}

export function queryPlanCases(db: Db): PlanCase[] {
  const cases: [string, ToSql, string?, string?][] = [
    // GET /api/v1/villages: each documented filter, alone, combined and on a later page.
    ["villages?county", villagesQuery(db, { within: [PLACES.nanling] }, undefined, 101), "village_code"],
    ["villages?county&cursor", villagesQuery(db, { within: [PLACES.nanling] }, AFTER_VILLAGE, 101), "village_code"],
    ["villages?township", villagesQuery(db, { within: [NANLING_TOWNSHIP] }, undefined, 101), "village_code"],
    ["villages?status", villagesQuery(db, { status: "exited" }, undefined, 101), undefined, "village_status_status"],
    ["villages?status&cursor", villagesQuery(db, { status: "exited" }, AFTER_VILLAGE, 101), undefined, "village_status_status"],
    ["villages?designated_year", villagesQuery(db, { designatedYear: 2014 }, undefined, 101), undefined, "village_status_designated"],
    ["villages?exit_year", villagesQuery(db, { exitYear: 2016 }, undefined, 101), undefined, "village_status_exit"],
    ["villages?exit_year&cursor", villagesQuery(db, { exitYear: 2016 }, AFTER_VILLAGE, 101), undefined, "village_status_exit"],
    ["villages?county&status", villagesQuery(db, { within: [PLACES.nanling], status: "exited" }, undefined, 101), "village_code"],
    ["villages?county&township", villagesQuery(db, { within: [PLACES.nanling, NANLING_TOWNSHIP] }, undefined, 101), "village_code"],
    ["villages?county&exit_year", villagesQuery(db, { within: [PLACES.wuwei], exitYear: 2016 }, undefined, 101), "village_code"],
    ["villages?cursor (export page)", villagesQuery(db, {}, AFTER_VILLAGE, 1000)],
    // sort= (issue 14): each order walks its own index, from the cursor on.
    ["villages?sort=name", sortedVillagesQuery(db, {}, { key: "name", descending: false }, undefined, 101), undefined, "regions_level_name"],
    ["villages?sort=-name&cursor", sortedVillagesQuery(db, {}, { key: "name", descending: true }, ["Taoyuan", AFTER_VILLAGE], 101), undefined, "regions_level_name"],
    ["villages?sort=-exit_year&cursor", sortedVillagesQuery(db, {}, { key: "exit_year", descending: true }, [2016, AFTER_VILLAGE], 101), undefined, "village_status_exit_sort"],
    ["villages?sort=designated_year", sortedVillagesQuery(db, {}, { key: "designated_year", descending: false }, undefined, 101), undefined, "village_status_designated_sort"],
    ["villages?county&sort=name", sortedVillagesQuery(db, { within: [PLACES.nanling] }, { key: "name", descending: false }, undefined, 101), "village_code"],
    ["donations?sort=-amount&cursor", donationsQuery(db, {}, [100_000, "don_x"], 101, { key: "amount", descending: true }), undefined, "donations_amount"],
    ["donations?sort=-date", donationsQuery(db, {}, undefined, 101, { key: "date", descending: true }), undefined, "donations_date"],
    // GET /api/v1/regions (q is a name-contains search: see query-plans.test.ts).
    ["regions?level", regionsQuery(db, { level: "county" }, undefined, 101), undefined, "regions_level"],
    ["regions?level&cursor", regionsQuery(db, { level: "village" }, AFTER_VILLAGE, 101), undefined, "regions_level"],
    ["regions?parent", regionsQuery(db, { parent: PLACES.nanling }, undefined, 101), undefined, "regions_parent"],
    ["regions?parent&cursor", regionsQuery(db, { parent: NANLING_TOWNSHIP }, AFTER_VILLAGE, 101), undefined, "regions_parent"],
    ["regions?level&parent", regionsQuery(db, { level: "township", parent: PLACES.nanling }, undefined, 101), undefined, "regions_parent"],
    ["regions?level=village&parent", regionsQuery(db, { level: "village", parent: NANLING_TOWNSHIP }, undefined, 101), undefined, "regions_parent"],
    ["regions?cursor", regionsQuery(db, {}, AFTER_VILLAGE, 101)],
    ["regions?codes", regionsQuery(db, { codes: ["340000000000", PLACES.wuhu, PLACES.nanling] }, undefined, 101)],
    // GET /api/v1/regions/{code}: the region, its parent chain and the counts below it.
    ["regions/{code}", regionQuery(db, PLACES.wuhu)],
    ["regions/{code} ancestors", ancestorsQuery(db, ["340000000000", PLACES.wuhu, PLACES.nanling])],
    ...regionCountQueries(db, PLACES.wuhu).map((query, i): [string, ToSql, string?, string?] => [
      `regions/{code} counts: ${["children", "descendants by level", "villages by status"][i]}`,
      query,
      [undefined, "code", "village_code"][i],
      ["regions_parent", "regions_level", undefined][i],
    ]),
    // GET /api/v1/statistics/official.
    ["statistics/official?region", officialFiguresQuery(db, { region: PLACES.wuhu }, undefined, 101), "region_code", "official_figures_region"],
    ["statistics/official?region&cursor", officialFiguresQuery(db, { region: "340000000000" }, 3, 101), "region_code", "official_figures_region"],
    ["statistics/official?year", officialFiguresQuery(db, { year: 2017 }, undefined, 101), undefined, "official_figures_year"],
    ["statistics/official?metric", officialFiguresQuery(db, { metric: "exited_villages" }, undefined, 101), undefined, "official_figures_metric"],
    ["statistics/official?region&year&metric", officialFiguresQuery(db, { region: PLACES.wuhu, year: 2017, metric: "exited_villages" }, undefined, 101), "region_code"],
    ["statistics/official?cursor", officialFiguresQuery(db, {}, 3, 101)],
    // sort= on official figures (issue 14): each order walks its own index from the cursor on.
    ["statistics/official?sort=-year&cursor", sortedOfficialFiguresQuery(db, {}, { key: "year", descending: true }, [2016, 40], 101), undefined, "official_figures_year"],
    ["statistics/official?sort=value", sortedOfficialFiguresQuery(db, {}, { key: "value", descending: false }, undefined, 101), undefined, "official_figures_value"],
    ["statistics/official?sort=-value&cursor", sortedOfficialFiguresQuery(db, {}, { key: "value", descending: true }, [1000, 12], 101), undefined, "official_figures_value"],
    ["statistics/official?metric&sort=-value", sortedOfficialFiguresQuery(db, { metric: "exited_people" }, { key: "value", descending: true }, undefined, 101)],
    ["statistics/official?region&sort=-id", sortedOfficialFiguresQuery(db, { region: PLACES.wuhu }, { key: "id", descending: true }, undefined, 101), "region_code", "official_figures_region"],
    // GET /api/v1/contacts (issue 15 §4): a region and below, who answers for a village, a role.
    ["contacts?region", contactsQuery(db, { region: PLACES.nanling }, undefined, 101), "region_code", "office_contacts_region"],
    ["contacts?region&cursor", contactsQuery(db, { region: NANLING_TOWNSHIP }, 40, 101), "region_code", "office_contacts_region"],
    ["contacts?for", contactsQuery(db, { for: AFTER_VILLAGE }, undefined, 101), undefined, "office_contacts_region"],
    ["contacts?role&cursor", contactsQuery(db, { role: "county_office" }, 3, 101), undefined, "office_contacts_role"],
    ["contacts?cursor", contactsQuery(db, {}, 3, 101)],
    // GET /api/v1/statistics/register: precomputed rows, one index range per request.
    ["statistics/register?region", registerStatisticsQuery(db, { region: PLACES.wuhu, level: "county", breakdown: "none" }, undefined, 101), "region_code"],
    ["statistics/register?region&year", registerStatisticsQuery(db, { region: PLACES.wuhu, level: "county", breakdown: "none", year: 2017 }, undefined, 101), "region_code"],
    ["statistics/register?region&level&breakdown", registerStatisticsQuery(db, { region: PLACES.nanling, level: "township", breakdown: "cause", year: 2017 }, undefined, 101), "region_code"],
    ["statistics/register?region&level&cursor", registerStatisticsQuery(db, { region: PLACES.nanling, level: "village", breakdown: "none" }, [AFTER_VILLAGE, 2016, "total"], 101), "region_code"],
    ["statistics/register?level&breakdown", registerStatisticsQuery(db, { level: "village", breakdown: "household_size" }, undefined, 101)],
    // A register import's joint disclosure gate reads the previous year's release: one primary-key range per level and breakdown.
    ["register import: previous release's rows", releaseRowsQuery(db, "rel_0123456789abcdef01234567", "village", "none", PLACES.nanling), "region_code"],
    // Register imports under way (statistics meta.checking, /api/v1/health): the partial index of staged releases only.
    ["health / statistics/register meta.checking", checkingReleasesQuery(db, new Date("2026-12-02T12:00:00Z")), undefined, "register_releases_staging"],
    // GET /api/v1/admin/imports/releases: a region's releases by scope, year and id, keyset-paged.
    ["admin/imports/releases?region", adminReleasesQuery(db, { region: PLACES.wuhu }, undefined, 101), "scope_code", "register_releases_scope"],
    ["admin/imports/releases?region&year&cursor", adminReleasesQuery(db, { region: PLACES.nanling, year: 2017 }, [PLACES.nanling, 2017, "rel_0"], 101), "scope_code", "register_releases_scope"],
    // GET /api/v1/monitoring reads the same queries; a return-to-poverty notice's link, one region's latest year.
    ["notices/{id} monitoring link", latestMonitoringYearQuery(db, AFTER_VILLAGE, "village", 2026), undefined, "register_statistics_region"],

    // Notices, objections and reports (issue 6): each documented filter, and the receipt lookups.
    ...noticePlanCases(db),
    // Needs and accountability cases (issue 15): the board and the case list by region, and a later page.
    ["needs?region", needsQuery(db, { region: NANLING_TOWNSHIP }, undefined, 101), "public_region_code"],
    ["needs?region&cursor", needsQuery(db, { region: PLACES.nanling }, [0, "ned_x"], 101), "public_region_code"],
    ["accountability/cases?region", listCases(db, { region: PLACES.cili }, undefined, 101), "region_code"],
    ["accountability/cases?region&cursor", listCases(db, { region: PLACES.cili }, ["2017-06-01", "acc_x"], 101), "region_code"],
    // The console's lists of the same (a staff member's scope; a village clerk's through the township index).
    ["admin/needs (village scope)", staffNeedsQuery(db, AFTER_VILLAGE, undefined, 101), undefined, "needs_township"],
    ["admin/needs (county scope)&cursor", staffNeedsQuery(db, PLACES.cili, [1, "ned_x"], 101), "township_code"],
    ["admin/cases (county scope)&cursor", staffCasesQuery(db, PLACES.cili, ["2017-06-01", "acc_x"], 101), "region_code"],
    // The console's notices list, to-do groups and staff list (keyset pages, no cap), first and later pages.
    ["admin/notices (county scope)", consoleNoticesQuery(db, PLACES.nanling, {}, undefined, 101), "region_code"],
    ["admin/notices (county scope)&cursor", consoleNoticesQuery(db, PLACES.nanling, {}, [1, LATER, "ntc_x"], 101), "region_code"],
    ["admin/notices (national scope)&cursor", consoleNoticesQuery(db, "000000000000", {}, [3, LATER, "ntc_x"], 101), "region_code"],
    ["admin to-do: notices to close&cursor", consoleNoticesQuery(db, PLACES.nanling, { statuses: ["open"], closedBy: LATER }, [1, LATER, "ntc_x"], 101), "region_code"],
    ["admin to-do: unanswered objections&cursor", consoleNoticesQuery(db, PLACES.nanling, { unanswered: true }, [2, LATER, "ntc_x"], 101), "region_code"],
    ["admin to-do: drafts", consoleNoticesQuery(db, NANLING_TOWNSHIP, { statuses: ["draft"] }, undefined, 101), "region_code"],
    ["admin to-do: reports overdue&cursor", reportsDueQuery(db, PLACES.nanling, { by: LATER }, [SINCE, "rpt_x"], 101), "region_code"],
    ["admin to-do: reports due soon", reportsDueQuery(db, PLACES.nanling, { after: SINCE, by: LATER }, undefined, 101), "region_code"],
    ["admin/staff (city scope)", staffListQuery(db, "340200000000", undefined, 101), "region_code"],
    ["admin/staff (city scope)&cursor", staffListQuery(db, "340200000000", ["340223000000", "stf_x"], 101), "region_code"],
    // The console's funds lists (issue 12): a scope's projects newest first, its donations latest first, from a cursor on.
    ["admin/funds/projects (county scope)", projectPageQuery(db, { within: PLACES.nanling }, undefined, 101, { key: "year", descending: true }), "region_code"],
    ["admin/funds/projects (county scope)&cursor", projectPageQuery(db, { within: PLACES.nanling }, [2018, "prj_x"], 101, { key: "year", descending: true }), "region_code"],
    ["admin/funds/projects (national scope)&cursor", projectPageQuery(db, {}, [2018, "prj_x"], 101, { key: "year", descending: true }), undefined, "fund_projects_year"],
    ["admin/funds/donations (county scope)&cursor", donationsQuery(db, { within: PLACES.nanling }, ["2018-06-01", "don_x"], 101, { key: "date", descending: true }), "region_code"],
    // A project's and a donation's money rows on their console pages, latest first, from a cursor on.
    ["admin/funds/projects/{id} allocations&cursor", projectAllocationsPage(db, "prj_x", ["2018-06-01", "fal_x"], 101), undefined, "fund_allocations_project"],
    ["admin/funds/projects/{id} disbursements&cursor", projectDisbursementsPage(db, "prj_x", ["2018-06-01", "dsb_x"], 101), undefined, "disbursements_project"],
    ["admin/funds/donations/{id} allocations&cursor", donationAllocationsPage(db, "don_x", ["2018-06-01", "dal_x"], 101), undefined, "donation_allocations_donation_totals"],
    ["admin/funds/donations (national scope)&cursor", donationsQuery(db, {}, ["2018-06-01", "don_x"], 101, { key: "date", descending: true }), undefined, "donations_date"],
    // GET /api/v1/funds/summary and /funds/rates/monthly (issue 13): the totals behind the four rates,
    // live (each project's budget lines through the fund_source_totals view) and as of a day (each
    // project's money rows through their project index), for a region range, a year, or both.
    ["fundTotals?region", fundTotalsQuery(db, { within: PLACES.tongren }), "region_code", "fund_projects_region"],
    ["fundTotals?region&year", fundTotalsQuery(db, { within: PLACES.tongren, year: 2018 }), "region_code"],
    ["fundTotals?year", fundTotalsQuery(db, { year: 2018 }), undefined, "fund_projects_year"],
    ["fundTotals?region&as_of (a month of the series)", fundTotalsQuery(db, { within: PLACES.tongren }, { day: "2018-06-30", end: "2018-06-30T16:00:00.000Z" }), "region_code", "fund_projects_region"],
    ["fundTotals?year&as_of", fundTotalsQuery(db, { year: 2018 }, { day: "2018-06-30", end: "2018-06-30T16:00:00.000Z" }), undefined, "fund_projects_year"],
    // GET /api/v1/changes (issue 13): where `since` starts (the lowest id recorded at or after it,
    // a range of the covering index), then the audit log by id.
    ["changes?since (start)", firstIdSinceQuery(db, "2026-11-20T00:00:00.000Z"), undefined, "audit_log_created"],
    ["changes?cursor", changesQuery(db, 42, 101)],
    // The region write's read of what is there (writes/regions.ts): primary-key lookups, ≤90 codes.
    ["regions load (existing rows)", existingRegionsQuery(db, [PLACES.nanling, PLACES.wuwei]), undefined],
    // updated_since= (issue 13): rows changed since an instant, in (updated_at, id) order, from the cursor on.
    ["funds/projects?updated_since", projectPageQuery(db, { updatedSince: "2026-11-20T00:00:00.000Z" }, undefined, 101, { key: "updated", descending: false }), undefined, "fund_projects_updated"],
    ["funds/projects?updated_since&cursor", projectPageQuery(db, { updatedSince: "2026-11-20T00:00:00.000Z" }, ["2026-11-21T00:00:00.000Z", "prj_x"], 101, { key: "updated", descending: false }), undefined, "fund_projects_updated"],
    ["notices?updated_since&cursor", noticesQuery(db, { updatedSince: "2026-11-20T00:00:00.000Z" }, new Date("2026-11-22T00:00:00Z"), ["2026-11-21T00:00:00.000Z", "ntc_x"], 101, { key: "updated", descending: false }), undefined, "notices_updated"],
    // updated_since= on the other lists (issue 13, migration 0028): each walks its (updated_at, key) index.
    ["regions?updated_since", regionsQuery(db, { updatedSince: SINCE }, undefined, 101), undefined, "regions_updated"],
    ["regions?updated_since&cursor", regionsQuery(db, { updatedSince: SINCE }, [LATER, AFTER_VILLAGE], 101), undefined, "regions_updated"],
    ["villages?updated_since&cursor", sortedVillagesQuery(db, { updatedSince: SINCE }, CHANGE_ORDER, [LATER, AFTER_VILLAGE], 101), undefined, "village_status_updated"],
    ["statistics/official?updated_since&cursor", changedOfficialFiguresQuery(db, {}, SINCE, [LATER, 3], 101), undefined, "official_figures_updated"],
    ["donations?updated_since&cursor", donationsQuery(db, { updatedSince: SINCE }, [LATER, "don_x"], 101, CHANGE_ORDER), undefined, "donations_updated"],
    ["needs?updated_since&cursor", changedNeedsQuery(db, {}, SINCE, [LATER, "ned_x"], 101), undefined, "needs_updated"],
    ["contacts?updated_since&cursor", contactsQuery(db, { updatedSince: SINCE }, [LATER, 3], 101), undefined, "office_contacts_updated"],
    ["accountability/cases?updated_since&cursor", changedCasesQuery(db, {}, SINCE, [LATER, "acc_x"], 101), undefined, "accountability_cases_recorded"],
    // Register statistics by release: the list's own index range, each row's release by its key.
    ["statistics/register?region&updated_since", registerStatisticsQuery(db, { region: PLACES.wuhu, level: "county", breakdown: "none", activatedSince: SINCE }, undefined, 101), "region_code"],
    // Every list's ETag reads the dataset versions first.
    ["dataset versions (ETag)", getDatasetVersionsQuery(db, ["regions", "villages"])],
  ];
  return [
    ...cases.map(([name, query, range, index]) => ({ name, ...query.toSQL(), ...(range ? { range } : {}), ...(index ? { index } : {}) })),
    ...searchPlanCases(),
    ...regionNameSearchCases(),
  ];
}

/** GET /api/v1/search: each match tier is an FTS5 MATCH walked in id order, never a table scan. */
export function searchPlanCases(): PlanCase[] {
  const cases: [string, string, Parameters<typeof searchQuery>[1], Parameters<typeof searchQuery>[2]][] = [
    ["search?q (1 character)", "陵", {}, undefined],
    ["search?q (2 characters)", "南陵", {}, undefined],
    ["search?q (4 characters)&type", "桃园新村", { kind: "village" }, undefined],
    ["search?q (pinyin initials)&region", "nl", { region: PLACES.nanling }, undefined],
    ["search?q (spaced pinyin)&cursor", "nan ling", {}, { tier: 2, id: 50_000_000_000_000 }],
    ["search?q (Chinese and Latin)", "南陵 2016", { region: PLACES.wuhu }, undefined],
  ];
  return cases.map(([name, q, filters, after]) => ({ name, ...searchQuery(q, filters, after, 101)! }));
}

/** GET /api/v1/regions?q=: the search index's MATCH walked in document order, each hit's region by its key. */
export function regionNameSearchCases(): PlanCase[] {
  const cases: [string, RegionFilters, number | undefined][] = [
    ["regions?q (Chinese)", { q: "南陵" }, undefined],
    ["regions?q (1 character)&cursor", { q: "村" }, 50_000],
    ["regions?q (pinyin)&level", { q: "nanling", level: "county" }, undefined],
    ["regions?q&parent", { q: "桃", parent: NANLING_TOWNSHIP }, undefined],
  ];
  return cases.map(([name, filters, after]) => ({ name, ...regionNameSearchQuery(filters, after, 101)! }));
}

/** The region-name search's plan the bench prints (was a LIKE scan of every region before the search index served it). */
export function nameSearchCase(): PlanCase {
  return regionNameSearchCases()[0]!;
}

/**
 * Plan lines that read a whole table: `SCAN t` without an index. `SCAN t USING [COVERING]
 * INDEX i` walks an index in the order of the paging key and stops at LIMIT.
 */
export function fullScans(planDetails: readonly string[]): string[] {
  // `SCAN t VIRTUAL TABLE INDEX n:M…` is an FTS5 MATCH: it reads the query's doclists, not the
  // table. `SCAN (subquery-n)` reads a co-routine's own rows, which its LIMIT bounds.
  return planDetails.filter(
    (d) => /^SCAN /.test(d) && !/ USING (COVERING )?INDEX /.test(d) && !/ VIRTUAL TABLE INDEX \d+:M/.test(d) && !/^SCAN \(subquery-\d+\)$/.test(d) && d !== "SCAN CONSTANT ROW",
  );
}

/**
 * A region-code range the index walks from its lower bound only: the upper bound is then
 * checked row by row, and a page with fewer matches than its limit reads on to the end of
 * the index. (SQLite does this for BETWEEN on the second column of an index when the
 * column is also a join key; `>= AND <=` keeps both bounds.)
 */
export function unboundedRanges(planCase: PlanCase, planDetails: readonly string[]): string[] {
  const column = planCase.range;
  if (!column) return [];
  return planDetails.filter((d) => d.includes(`${column}>?`) && !d.includes(`${column}>? AND ${column}<?`));
}

/**
 * The case's own index missing from the plan: SQLite without statistics may serve a filter
 * pair from the less selective index (regions by level, then check the parent row by row).
 */
export function missingIndex(planCase: PlanCase, planDetails: readonly string[]): string[] {
  if (!planCase.index) return [];
  const used = planDetails.some((d) => new RegExp(` INDEX ${planCase.index}( |$)`).test(d));
  return used ? [] : [`expected index ${planCase.index}`];
}

/** GET /api/v1/notices filters, the report receipt lookup and timeline, the admin report queue. */
function noticePlanCases(db: Db): [string, ToSql, string?, string?][] {
  const now = new Date("2026-11-22T00:00:00Z");
  const after: [string, string] = ["2026-11-20T01:00:00.000Z", "ntc_demo01"];
  return [
    ["notices?region", noticesQuery(db, { region: PLACES.nanling }, now, undefined, 101), "region_code"],
    ["notices?region&cursor", noticesQuery(db, { region: NANLING_TOWNSHIP }, now, after, 101), "region_code"],
    ["notices?type", noticesQuery(db, { type: "household_exit" }, now, undefined, 101)],
    ["notices?status=open", noticesQuery(db, { status: "open" }, now, undefined, 101)],
    ["notices?status=closed", noticesQuery(db, { status: "closed" }, now, undefined, 101)],
    ["notices?status=announced", noticesQuery(db, { status: "announced" }, now, undefined, 101)],
    ["notices?published_from&published_to", noticesQuery(db, { publishedFrom: "2026-11-01T00:00:00.000Z", publishedBefore: "2026-11-20T00:00:00.000Z" }, now, undefined, 101)],
    ["notices?cursor", noticesQuery(db, {}, now, after, 101)],
    // sort= on notices (issue 14): by the end of the objection period, both directions.
    ["notices?sort=closes", noticesQuery(db, {}, now, undefined, 101, { key: "closes", descending: false }), undefined, "notices_closes"],
    ["notices?sort=-closes&cursor", noticesQuery(db, {}, now, after, 101, { key: "closes", descending: true }), undefined, "notices_closes"],
    ["notices?sort=published&cursor", noticesQuery(db, {}, now, after, 101, { key: "published", descending: false }), undefined, "notices_published"],
    ["notices?region&sort=closes", noticesQuery(db, { region: PLACES.nanling }, now, undefined, 101, { key: "closes", descending: false }), "region_code"],
    // A region page's notices (site/src/lib/notices-data.ts regionNotices): open by deadline, upcoming, the newest page.
    ["notices?region&status=open&sort=closes", noticesQuery(db, { region: PLACES.nanling, status: "open" }, now, undefined, 51, { key: "closes", descending: false }), "region_code"],
    ["notices?region&status=upcoming", noticesQuery(db, { region: PLACES.nanling, status: "upcoming" }, now, undefined, 51), "region_code"],
    ["reports/{receipt}", reportForReceiptQuery(db, "0".repeat(64))],
    ["reports/{receipt} timeline", publicTimeline(db, "rpt_demo01")],
    ["admin/reports?region", adminReportsQuery(db, { region: PLACES.nanling }, now, undefined, 101), "region_code"],
    ["admin/reports?region&status&cursor", adminReportsQuery(db, { region: PLACES.cili, status: "answered" }, now, ["2026-01-01T00:00:00.000Z", "rpt_demo01"], 101), "region_code"],
  ];
}
