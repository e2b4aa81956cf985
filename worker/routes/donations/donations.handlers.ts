import { donationGroups } from "../../db/queries/groups";
import { respondGroups } from "../../lib/grouping";
import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { donationAllocationsOf, donationSortValue, getDonation, listDonations, projectsProgress, type DonationKey, type DonationRow, type DonationSortKey } from "../../db/queries/donations";
import { parseSort, SortCursorSchema } from "../../lib/sorting";
import { provenEntries } from "../../lib/ledger-proofs";
import type { AppEnv } from "../../lib/app-env";
import type { FundSource } from "../../domain/funds/vocabulary";
import { ApiError, notFound } from "../../lib/errors";
import { respondList, respondOne } from "../../lib/listing";
import { requireRegionParam } from "../region-params";
import type { getDonationRoute, listDonationsRoute } from "./donations.routes";
import { DonationSchema } from "./donations.schemas";
import { provenanceOf } from "../../schemas/provenance";
import { CHANGE_ORDER, changeMeta, updatedSince } from "../../changes/updated-since";
import { clock } from "../../lib/clock";

export function donationJson(row: DonationRow) {
  return {
    id: row.id,
    date: row.date,
    amount_fen: row.amountFen,
    channel: row.channel,
    donor: { named: row.donorName !== null, name: row.donorName },
    target: { type: row.targetType, region_code: row.targetRegion, project_id: row.targetProject },
    region_code: row.regionCode,
    allocated_fen: row.allocatedFen,
    unallocated_fen: row.reversedAt ? 0 : row.amountFen - row.allocatedFen,
    reversed: row.reversedAt !== null,
    reversed_at: row.reversedAt,
    ledger_index: row.ledgerIndex,
    recorded_at: row.recordedAt,
    updated_at: row.updatedAt,
    demo: row.isDemo,
    provenance: provenanceOf("administrative", row.isDemo, "Recorded by the receiving office; every record is a ledger entry"),
  };
}

export const listDonationsHandler: RouteHandler<typeof listDonationsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  if (query.from && query.to && query.to < query.from) {
    throw new ApiError(400, "invalid_request", "Invalid query: query.to — must not be before from", [{ path: "query.to", message: "must not be before from" }]);
  }
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const since = updatedSince(query);
  const filters = { target: query.target, within: query.region, project: query.project, from: query.from, to: query.to, updatedSince: since };
  if (query.group_by) return respondGroups(c, query, query.group_by, donationGroups(filters, { target: query.target, region: query.region, project: query.project, from: query.from, to: query.to, updated_since: since }));
  const order = since ? CHANGE_ORDER : parseSort<DonationSortKey>(query.sort, "date");
  return respondList<DonationRow, DonationKey>(c, query, {
    dataset: "donations",
    filename: "donations",
    keySchema: SortCursorSchema,
    keyOf: (row) => [donationSortValue(row, order.key), row.id],
    page: (after, limit) => listDonations(db, filters, after, limit, order),
    toJson: donationJson,
    schema: DonationSchema,
    meta: { filters: { target: query.target, within: query.region, project: query.project, from: query.from, to: query.to, updated_since: since }, sort: query.sort ?? "date", ...changeMeta(since, clock(c)) },
  });
};

export const getDonationHandler: RouteHandler<typeof getDonationRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const db = createDb(c.env.DB);
  const donation = await getDonation(db, id);
  if (!donation) throw notFound("donation", id);
  return respondOne(c, ["donations", "fund_projects", "ledger"], async () => {
    const allocations = await donationAllocationsOf(db, id);
    const projectIds = allocations.flatMap((a) => (a.allocation.projectId ? [a.allocation.projectId] : []));
    if (donation.targetProject) projectIds.push(donation.targetProject);
    const progress = await projectsProgress(db, projectIds);
    const indexes = [donation.ledgerIndex, ...(donation.reversalLedgerIndex !== null ? [donation.reversalLedgerIndex] : []), ...allocations.map((a) => a.allocation.ledgerIndex)];
    const ledger = await provenEntries(db, indexes);
    return {
      ...donationJson(donation),
      allocations: allocations.map(({ allocation: a, projectNameZh, projectNameEn, villageNameZh, villageNameEn }) => ({
        id: a.id,
        date: a.date,
        amount_fen: a.amountFen,
        reverses: a.reversesId,
        project: a.projectId ? { id: a.projectId, name_zh: projectNameZh, name_en: projectNameEn } : null,
        village: a.villageCode ? { code: a.villageCode, name_zh: villageNameZh, name_en: villageNameEn } : null,
        ledger_index: a.ledgerIndex,
      })),
      projects: progress.projects.map((p) => ({
        id: p.id,
        name_zh: p.nameZh,
        name_en: p.nameEn,
        region_code: p.regionCode,
        category: p.category,
        status: p.status,
        planned_completion: p.plannedCompletion,
        actual_start: p.actualStart,
        actual_completion: p.actualCompletion,
        budget_fen: p.budgetFen,
        allocated_fen: p.allocatedFen,
        disbursed_fen: p.disbursedFen,
        receipted_fen: p.receiptedFen,
        donated_fen: p.donatedFen,
        disbursements: progress.disbursements
          .filter((d) => d.projectId === p.id)
          .map((d) => ({
            id: d.id,
            date: d.date,
            amount_fen: d.amountFen,
            receipted_fen: d.receiptedFen,
            source: d.source as FundSource,
            document_no: d.documentNo,
            reverses: d.reversesId,
            ledger_index: d.ledgerIndex,
            recorded_at: d.recordedAt,
          })),
      })),
      ledger,
    };
  });
};
