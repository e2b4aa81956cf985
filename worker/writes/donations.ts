/** Donations received (the id is the donor's public receipt id). */
import { donations } from "../db/schema";
import type { DonationChannel } from "../domain/funds/vocabulary";
import {
  appendEvent,
  bumps,
  checkDate,
  loadProject,
  loadRegion,
  nextId,
  refuseCancelled,
  tipOf,
  writeConflict,
  yuan,
  type DonationRecord,
  type FundsContext,
  type FundsPlan,
} from "./funds-context";
import { requireRole, requireScope } from "./plan";

export interface DonationInput {
  date: string;
  amount_fen: number;
  channel: DonationChannel;
  /** Only when the donor chose to be named; anonymous otherwise. */
  donor_name?: string | null;
  target: { type: "general" } | { type: "region"; region_code: string } | { type: "project"; project_id: string };
  demo?: boolean;
}

export async function recordDonation(ctx: FundsContext, input: DonationInput): Promise<FundsPlan> {
  requireRole(ctx.actor, "editor");
  const { db } = ctx;
  const tip = await tipOf(ctx);
  let regionCode: string | null = null;
  let targetRegion: string | null = null;
  let targetProject: string | null = null;
  if (input.target.type === "region") {
    const region = await loadRegion(ctx, input.target.region_code, "body.target.region_code");
    requireScope(ctx.actor, region.code, "body.target.region_code");
    regionCode = targetRegion = region.code;
  } else if (input.target.type === "project") {
    const project = await loadProject(ctx, input.target.project_id, "body.target.project_id");
    requireScope(ctx.actor, project.regionCode, "body.target.project_id");
    refuseCancelled(project, "body.target.project_id", "; it cannot receive donations");
    targetProject = project.id;
    regionCode = project.regionCode;
  }
  checkDate(input.date, "body.date", ctx.now);
  const id = nextId(ctx, "don");
  const ledger = await appendEvent(ctx, tip, "donation", id, {
    date: input.date,
    amount_fen: input.amount_fen,
    channel: input.channel,
    target_type: input.target.type,
    target_region: targetRegion ?? undefined,
    target_project: targetProject ?? undefined,
    donor_named: Boolean(input.donor_name),
  });
  const { recordedAt } = ledger;
  const donation: DonationRecord = {
    id,
    date: input.date,
    amountFen: input.amount_fen,
    channel: input.channel,
    donorName: input.donor_name ?? null,
    targetType: input.target.type,
    targetRegion,
    targetProject,
    regionCode,
    ledgerIndex: ledger.index,
    recordedAt,
    isDemo: input.demo ?? false,
    updatedAt: recordedAt,
  };
  return {
    body: { data: { id, ledger_index: ledger.index, receipt_url: `/api/v1/donations/${id}`, tree_head: ledger.treeHead } },
    records: [{ kind: "donation", row: donation }],
    statements: [...ledger.statements, db.insert(donations).values(donation), ...bumps(db, ["donations"], ctx.now)],
    ...ledger.part,
    conflict: writeConflict(),
    audit: {
      action: "donations.record",
      // General donations are recorded at the writer's own scope (they target no region).
      regionCode: regionCode ?? ctx.actor.regionCode,
      targetType: "donation",
      targetId: id,
      summary: `Recorded donation ${id}: ${yuan(input.amount_fen)} yuan by ${input.channel}, target ${input.target.type}${regionCode ? ` ${targetProject ?? regionCode}` : ""}`,
    },
  };
}
