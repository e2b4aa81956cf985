/**
 * Corrections: a new entry that reverses a fund allocation, a disbursement, a donation or a
 * donation allocation in full. The original row and leaf stay; the reversing row carries
 * the negated amounts, so every total (a sum of rows) goes back as if it had not happened.
 * One procedure for all four, driven by the table below.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { disbursements, donationAllocations, donationReversals, fundAllocations } from "../db/schema";
import type { IdPrefix } from "../domain/funds/ids";
import type { LedgerEntryType, ReversalReason } from "../domain/ledger";
import {
  appendEvent,
  bumps,
  checkDate,
  FUNDS_DATASETS,
  touchDonation,
  touchProject,
  loadProject,
  nextId,
  reader,
  tipOf,
  writeConflict,
  type DisbursementRecord,
  type DonationAllocationRecord,
  type DonationState,
  type FundAllocationRecord,
  type FundsContext,
  type FundsPlan,
  type FundsRecords,
  type RecordChange,
  type ReversibleKind,
} from "./funds-context";
import { invalid, requireRole, requireScope, WriteRefusal } from "./plan";

export interface ReversalInput {
  id: string;
  date: string;
  reason: ReversalReason;
  /** Kept with the record for administrators; not part of the public leaf. */
  note?: string;
}

/** What a reversal knows of itself once its id and ledger index are fixed. */
interface Reversal {
  id: string;
  date: string;
  /** The reason with the administrator's note, as stored on the row. */
  reason: string;
  ledgerIndex: number;
  recordedAt: string;
}

type Fields = Record<string, string | number | boolean | null | undefined>;

interface ReversalRule<Row extends { id: string }> {
  label: string;
  /** The table a record of this kind lives in, for "already reversed". */
  kind?: ReversibleKind;
  /** Prefix of the reversing row's new id; none when the reversal is keyed by the original. */
  newId?: IdPrefix;
  ledgerType: LedgerEntryType;
  targetType: string;
  load(records: FundsRecords, id: string): Promise<Row | undefined>;
  /** The region the original is in (its project's or village's); null for a general donation. */
  regionOf(ctx: FundsContext, row: Row): Promise<string | null>;
  /** True when the original is itself a reversal. */
  isReversal(row: Row): boolean;
  isReversed(records: FundsRecords, row: Row): Promise<boolean>;
  /** A rule of this kind that must hold before it can be reversed. */
  check?(ctx: FundsContext, row: Row): Promise<void>;
  leafFields(row: Row, input: ReversalInput): Fields;
  /** The reversing row's insert, and the row itself for bulk loaders. */
  insert(db: Db, row: Row, reversal: Reversal): { statement: BatchItem<"sqlite">; record: RecordChange };
  /** The project a reversal changes the totals of, if any. */
  projectOf(row: Row): string | null;
  /** The donation a reversal changes (its allocated amount or its reversal), if any. */
  donationOf?(row: Row): string;
  datasets(row: Row): readonly string[];
}

const projectRegion = async (ctx: FundsContext, projectId: string) => (await loadProject(ctx, projectId, "body.id")).regionCode;

const fundAllocationRule: ReversalRule<FundAllocationRecord> = {
  label: "fund allocation",
  kind: "fund_allocation",
  newId: "fal",
  ledgerType: "fund_allocation_reversal",
  targetType: "fund_allocation",
  load: (records, id) => records.fundAllocation(id),
  regionOf: (ctx, row) => projectRegion(ctx, row.projectId),
  isReversal: (row) => row.reversesId !== null,
  isReversed: (records, row) => records.isReversed("fund_allocation", row.id),
  async check(ctx, row) {
    const line = (await reader(ctx).sourceLine(row.projectId, row.source))!;
    if (line.allocatedFen - row.amountFen < line.disbursedFen) {
      throw new WriteRefusal("unprocessable", "already_disbursed", `Reversing ${row.id} would leave less allocated (${line.allocatedFen - row.amountFen} fen) than already disbursed (${line.disbursedFen} fen); reverse disbursements first.`, [
        { path: "body.id", message: "funds already disbursed" },
      ]);
    }
  },
  leafFields: (row, input) => ({ reverses: row.id, project_id: row.projectId, source: row.source, date: input.date, amount_fen: -row.amountFen, reason: input.reason }),
  insert(db, row, r) {
    const reversal: FundAllocationRecord = { ...row, ...r, amountFen: -row.amountFen, reversesId: row.id };
    return { statement: db.insert(fundAllocations).values(reversal), record: { kind: "fund_allocation", row: reversal } };
  },
  projectOf: (row) => row.projectId,
  datasets: () => FUNDS_DATASETS,
};

const disbursementRule: ReversalRule<DisbursementRecord> = {
  label: "disbursement",
  kind: "disbursement",
  newId: "dsb",
  ledgerType: "disbursement_reversal",
  targetType: "disbursement",
  load: (records, id) => records.disbursement(id),
  regionOf: (ctx, row) => projectRegion(ctx, row.projectId),
  isReversal: (row) => row.reversesId !== null,
  isReversed: (records, row) => records.isReversed("disbursement", row.id),
  leafFields: (row, input) => ({
    reverses: row.id,
    project_id: row.projectId,
    source: row.source,
    date: input.date,
    amount_fen: -row.amountFen,
    receipted_fen: -row.receiptedFen,
    reason: input.reason,
  }),
  insert(db, row, r) {
    const reversal: DisbursementRecord = { ...row, ...r, amountFen: -row.amountFen, receiptedFen: -row.receiptedFen, reversesId: row.id };
    return { statement: db.insert(disbursements).values(reversal), record: { kind: "disbursement", row: reversal } };
  },
  projectOf: (row) => row.projectId,
  datasets: () => FUNDS_DATASETS,
};

const donationAllocationRule: ReversalRule<DonationAllocationRecord> = {
  label: "donation allocation",
  kind: "donation_allocation",
  newId: "dal",
  ledgerType: "donation_allocation_reversal",
  targetType: "donation_allocation",
  load: (records, id) => records.donationAllocation(id),
  regionOf: async (ctx, row) => row.villageCode ?? projectRegion(ctx, row.projectId!),
  isReversal: (row) => row.reversesId !== null,
  isReversed: (records, row) => records.isReversed("donation_allocation", row.id),
  leafFields: (row, input) => ({
    reverses: row.id,
    donation_id: row.donationId,
    project_id: row.projectId ?? undefined,
    village_code: row.villageCode ?? undefined,
    date: input.date,
    amount_fen: -row.amountFen,
    reason: input.reason,
  }),
  insert(db, row, r) {
    const reversal: DonationAllocationRecord = { ...row, ...r, amountFen: -row.amountFen, reversesId: row.id };
    return { statement: db.insert(donationAllocations).values(reversal), record: { kind: "donation_allocation", row: reversal } };
  },
  projectOf: (row) => row.projectId,
  donationOf: (row) => row.donationId,
  datasets: (row) => (row.projectId ? [...FUNDS_DATASETS, "donations"] : ["donations"]),
};

// A donation's reversal is keyed by the donation itself (its leaf's id is the donation's).
const donationRule: ReversalRule<DonationState> = {
  label: "donation",
  ledgerType: "donation_reversal",
  targetType: "donation",
  load: (records, id) => records.donation(id),
  regionOf: async (_ctx, row) => row.regionCode,
  isReversal: () => false,
  isReversed: async (_records, row) => row.reversedAt !== null,
  async check(_ctx, row) {
    if (row.allocatedFen > 0) {
      throw new WriteRefusal("unprocessable", "donation_allocated", `Donation ${row.id} has ${row.allocatedFen} fen allocated; reverse its allocations first.`, [{ path: "body.id", message: "has allocations" }]);
    }
  },
  leafFields: (row, input) => ({ reverses: row.id, date: input.date, amount_fen: -row.amountFen, reason: input.reason }),
  insert(db, row, r) {
    const reversal = { donationId: row.id, date: r.date, amountFen: -row.amountFen, reason: r.reason, ledgerIndex: r.ledgerIndex, recordedAt: r.recordedAt };
    return { statement: db.insert(donationReversals).values(reversal), record: { kind: "donation_reversal", row: reversal } };
  },
  projectOf: () => null,
  donationOf: (row) => row.id,
  datasets: () => ["donations"],
};

const RULES: Record<string, ReversalRule<{ id: string }>> = {
  fal_: fundAllocationRule as unknown as ReversalRule<{ id: string }>,
  dsb_: disbursementRule as unknown as ReversalRule<{ id: string }>,
  don_: donationRule as unknown as ReversalRule<{ id: string }>,
  dal_: donationAllocationRule as unknown as ReversalRule<{ id: string }>,
};

export async function reverseEntry(ctx: FundsContext, input: ReversalInput): Promise<FundsPlan> {
  requireRole(ctx.actor, "editor");
  const rule = RULES[input.id.slice(0, 4)];
  if (!rule) throw invalid([{ path: "body.id", message: "must be the id of a fund allocation (fal_), disbursement (dsb_), donation (don_) or donation allocation (dal_)" }]);
  const { db } = ctx;
  const tip = await tipOf(ctx);
  const records = reader(ctx);
  const original = await rule.load(records, input.id);
  if (!original) throw new WriteRefusal("not_found", "not_found", `No record has the id ${JSON.stringify(input.id)}.`, [{ path: "body.id", message: "unknown id" }]);
  const regionCode = await rule.regionOf(ctx, original);
  if (regionCode) requireScope(ctx.actor, regionCode, "body.id");
  checkDate(input.date, "body.date", ctx.now);
  if (rule.isReversal(original)) {
    throw new WriteRefusal("unprocessable", "not_reversible", `${original.id} is itself a reversal; record a new entry instead.`, [{ path: "body.id", message: "is a reversal" }]);
  }
  if (await rule.isReversed(records, original)) throw new WriteRefusal("conflict", "already_reversed", `${original.id} has already been reversed.`, [{ path: "body.id", message: "already reversed" }]);
  await rule.check?.(ctx, original);

  const id = rule.newId ? nextId(ctx, rule.newId) : original.id;
  const ledger = await appendEvent(ctx, tip, rule.ledgerType, id, rule.leafFields(original, input));
  const { recordedAt } = ledger;
  const reversal: Reversal = { id, date: input.date, reason: input.note ? `${input.reason}: ${input.note}` : input.reason, ledgerIndex: ledger.index, recordedAt };
  const { statement, record } = rule.insert(db, original, reversal);
  const projectId = rule.projectOf(original);
  const project = projectId ? await reader(ctx).project(projectId) : undefined;
  return {
    body: { data: { id, reverses: original.id, ledger_index: ledger.index, tree_head: ledger.treeHead } },
    records: [record, ...(project ? [{ kind: "project" as const, row: { ...project, updatedAt: recordedAt } }] : [])],
    statements: [
      ...ledger.statements,
      statement,
      ...(projectId ? [touchProject(db, projectId, recordedAt)] : []),
      ...(rule.donationOf ? [touchDonation(db, rule.donationOf(original), recordedAt)] : []),
      ...bumps(db, rule.datasets(original), ctx.now),
    ],
    ...ledger.part,
    conflict: writeConflict(),
    audit: {
      action: "ledger.reverse",
      regionCode: regionCode ?? ctx.actor.regionCode,
      targetType: rule.targetType,
      targetId: id,
      summary: rule.newId ? `Reversed ${rule.label} ${original.id} (${input.reason}) with ${id}` : `Reversed ${rule.label} ${original.id} (${input.reason})`,
    },
  };
}
