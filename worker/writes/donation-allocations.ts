/** Allocations that split a donation across projects or villages, within the donor's target. */
import { donationAllocations } from "../db/schema";
import { isWithin, levelOfCode } from "../domain/region-codes";
import {
  appendEvent,
  bumps,
  checkDate,
  FUNDS_DATASETS,
  touchDonation,
  touchProject,
  loadProject,
  loadRegion,
  nextId,
  reader,
  refuseCancelled,
  tipOf,
  writeConflict,
  yuan,
  type DonationAllocationRecord,
  type FundsContext,
  type FundsPlan,
  type ProjectRecord,
} from "./funds-context";
import { invalid, requireRole, requireScope, unknownRecord, WriteRefusal } from "./plan";

export interface DonationAllocationInput {
  project_id?: string;
  village_code?: string;
  date: string;
  amount_fen: number;
}

export async function allocateDonation(ctx: FundsContext, donationId: string, input: DonationAllocationInput): Promise<FundsPlan> {
  requireRole(ctx.actor, "editor");
  const { db } = ctx;
  const tip = await tipOf(ctx);
  const donation = await reader(ctx).donation(donationId);
  if (!donation) throw unknownRecord("donation", donationId);
  if ((input.project_id === undefined) === (input.village_code === undefined)) {
    throw invalid([{ path: "body", message: "give exactly one of project_id and village_code" }]);
  }
  let regionCode: string;
  let project: ProjectRecord | undefined;
  if (input.project_id !== undefined) {
    project = await loadProject(ctx, input.project_id, "body.project_id");
    requireScope(ctx.actor, project.regionCode, "body.project_id");
    refuseCancelled(project, "body.project_id", "");
    regionCode = project.regionCode;
  } else {
    const village = await loadRegion(ctx, input.village_code!, "body.village_code");
    if (levelOfCode(village.code) !== "village") throw invalid([{ path: "body.village_code", message: "must be a village code" }]);
    requireScope(ctx.actor, village.code, "body.village_code");
    regionCode = village.code;
  }
  const projectId = project?.id ?? null;
  const villageCode = project ? null : regionCode;
  checkDate(input.date, "body.date", ctx.now);
  if (input.date < donation.date) throw invalid([{ path: "body.date", message: `must not be before the donation (${donation.date})` }]);
  if (donation.reversedAt) throw new WriteRefusal("conflict", "donation_reversed", `Donation ${donation.id} was reversed; it cannot be allocated.`, [{ path: "path.id", message: "reversed" }]);
  // A targeted donation goes only where the donor asked.
  const targetPath = input.project_id ? "body.project_id" : "body.village_code";
  if (donation.targetType === "project" && projectId !== donation.targetProject) {
    throw new WriteRefusal("unprocessable", "outside_target", `Donation ${donation.id} is for project ${donation.targetProject} only.`, [{ path: targetPath, message: "outside the donor's target" }]);
  }
  if (donation.targetType === "region" && !isWithin(regionCode, donation.targetRegion!)) {
    throw new WriteRefusal("unprocessable", "outside_target", `Donation ${donation.id} is for region ${donation.targetRegion} and below only.`, [{ path: targetPath, message: "outside the donor's target region" }]);
  }
  const remaining = donation.amountFen - donation.allocatedFen;
  if (input.amount_fen > remaining) {
    throw new WriteRefusal("unprocessable", "over_allocation", `The allocation of ${input.amount_fen} fen exceeds what remains of donation ${donation.id}: ${remaining} fen.`, [
      { path: "body.amount_fen", message: `at most ${remaining} fen remain unallocated` },
    ]);
  }
  const id = nextId(ctx, "dal");
  const ledger = await appendEvent(ctx, tip, "donation_allocation", id, { donation_id: donation.id, project_id: projectId ?? undefined, village_code: villageCode ?? undefined, date: input.date, amount_fen: input.amount_fen });
  const { recordedAt } = ledger;
  const allocation: DonationAllocationRecord = { id, donationId: donation.id, projectId, villageCode, date: input.date, amountFen: input.amount_fen, reversesId: null, reason: null, ledgerIndex: ledger.index, recordedAt };
  return {
    body: { data: { id, donation_id: donation.id, ledger_index: ledger.index, unallocated_fen: remaining - input.amount_fen, tree_head: ledger.treeHead } },
    records: [{ kind: "donation_allocation", row: allocation }, ...(project ? [{ kind: "project" as const, row: { ...project, updatedAt: recordedAt } }] : [])],
    statements: [
      ...ledger.statements,
      db.insert(donationAllocations).values(allocation),
      ...(projectId ? [touchProject(db, projectId, recordedAt), ...bumps(db, FUNDS_DATASETS, ctx.now)] : []),
      touchDonation(db, donation.id, recordedAt),
      ...bumps(db, ["donations"], ctx.now),
    ],
    ...ledger.part,
    conflict: writeConflict(),
    audit: {
      action: "donations.allocate",
      regionCode,
      targetType: "donation_allocation",
      targetId: id,
      summary: `Allocated ${yuan(input.amount_fen)} yuan of donation ${donation.id} to ${projectId ?? villageCode}`,
    },
  };
}
