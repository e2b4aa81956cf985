/**
 * Needs matched with donors: an information administrator posts a need, a donor pledges
 * (a public write), the administrator records the delivery or closes the need. Rules in
 * worker/needs/rules.ts. Every pledge and delivery appends its ledger entry in the same
 * batch as its row (see funds-context.ts for why the tip is read first), so the ledger
 * vouches for them (worker/ledger/rows.ts) and a donor can check them in the browser.
 *
 * Status changes are conditional UPDATEs followed by a guard: of two racing writes (two
 * donors pledging to the same need, a withdrawal racing a delivery) one wins and the other's
 * whole batch is refused with a 409; nothing half-written.
 */
import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { guardChanged } from "../admin/guard";
import type { Db } from "../db/client";
import { getDonation } from "../db/queries/donations";
import { getRegion } from "../db/queries/regions";
import { needDeliveries, needPledges, needs } from "../db/schema";
import { localDateOf } from "../domain/notice-window";
import { isWithin } from "../domain/region-codes";
import { isCalendarDate, isFutureDate } from "../domain/funds/dates";
import { moveProblem, NEED_MOVES, publicRegionOf, type NeedCategory, type NeedCloseReason, type NeedMove, type NeedStatus } from "../needs/rules";
import { appendEvent, bumps, nextId, tipOf, writeConflict, yuan, type FundsContext, type RegionRecord } from "./funds-context";
import type { AppendedEntry, LedgerTip, SignedHead } from "../db/queries/ledger";
import { invalid, requireRole, requireScope, WriteRefusal, type AuditFacts, type WritePlan } from "./plan";

export type NeedRecord = typeof needs.$inferSelect;
export type PledgeRecord = typeof needPledges.$inferSelect;
export type DeliveryRecord = typeof needDeliveries.$inferSelect;

/** Datasets every needs write changes (the board, the statistics, the ledger's pages). */
export const NEEDS_DATASETS = ["needs"] as const;

/** Where needs writes read what they check: D1, or memory in the demo generator. */
export interface NeedsRecords {
  region(code: string): Promise<RegionRecord | undefined>;
  need(id: string): Promise<NeedRecord | undefined>;
  pledgeOf(needId: string): Promise<PledgeRecord | undefined>;
  /**
   * The region a recorded donation is public under (its target region, or its target
   * project's region; null for a general donation), or undefined when there is no such donation.
   */
  donationRegion(id: string): Promise<string | null | undefined>;
}

export function d1NeedsRecords(db: Db): NeedsRecords {
  return {
    region: (code) => getRegion(db, code),
    need: async (id) => (await db.select().from(needs).where(eq(needs.id, id)).limit(1))[0],
    pledgeOf: async (needId) => (await db.select().from(needPledges).where(eq(needPledges.needId, needId)).limit(1))[0],
    donationRegion: async (id) => {
      const donation = await getDonation(db, id);
      return donation ? donation.regionCode : undefined;
    },
  };
}

export interface NeedsContext extends FundsContext {
  needsRecords?: NeedsRecords;
}

/** A needs write as planned; bulk loaders chain the ledger tip and replay the rows. */
export interface NeedsPlan<Body extends object = object> extends WritePlan<Body> {
  audit: AuditFacts;
  entries: AppendedEntry[];
  tip?: LedgerTip;
  head?: SignedHead;
  /** The need as it is after this write (bulk loaders keep it in memory). */
  need: NeedRecord;
  pledge?: PledgeRecord;
}

const recordsOf = (ctx: NeedsContext) => ctx.needsRecords ?? d1NeedsRecords(ctx.db);

const statusConflict = (id: string, from: readonly NeedStatus[]) =>
  new WriteRefusal("conflict", "need_status_changed", `Need ${id} is no longer ${from.join(" or ")}: someone else changed it at the same moment. Reload it.`, [
    { path: "param.id", message: "status changed meanwhile" },
  ]);

/** A need the actor may act on: 404 before scope, so other regions' ids stay unknown. */
async function loadNeed(ctx: NeedsContext, id: string): Promise<NeedRecord> {
  const need = await recordsOf(ctx).need(id);
  if (!need) throw new WriteRefusal("not_found", "not_found", `Need ${JSON.stringify(id)} does not exist.`, [{ path: "param.id", message: "unknown need" }]);
  if (ctx.actor.kind !== "public") requireScope(ctx.actor, need.villageCode, "param.id");
  return need;
}

/** Refuses a move the need's status does not allow: a 409 naming the need (nothing written). */
function requireMove(need: NeedRecord, move: NeedMove): void {
  const problem = moveProblem(move, need.status);
  if (problem) {
    throw new WriteRefusal("conflict", "invalid_need_transition", `Need ${need.id} is ${need.status}; ${problem}.`, [{ path: "param.id", message: problem }]);
  }
}

/** The conditional status change and its guard (see the module comment). */
function moveStatus(db: Db, need: NeedRecord, move: NeedMove, at: string, set: Partial<NeedRecord> = {}): BatchItem<"sqlite">[] {
  const from = NEED_MOVES[move].from;
  return [
    db
      .update(needs)
      .set({ status: NEED_MOVES[move].to, updatedAt: at, ...set })
      .where(and(eq(needs.id, need.id), sql`${needs.status} IN (${sql.join(from.map((s) => sql`${s}`), sql`, `)})`)),
    guardChanged(db),
  ];
}

function checkEventDate(date: string, path: string, now: Date): void {
  if (!isCalendarDate(date)) throw invalid([{ path, message: "must be a real date (YYYY-MM-DD)" }]);
  if (isFutureDate(date, now)) throw invalid([{ path, message: "must not be in the future (Asia/Shanghai)" }]);
}

export interface NeedInput {
  village_code: string;
  category: NeedCategory;
  beneficiary: "household" | "village";
  description: string;
  items?: string;
  amount_fen?: number;
  deadline: string;
  demo?: boolean;
}

/** Posts a need (no ledger entry: a need is an ask, not a money event). */
export async function postNeed(ctx: NeedsContext, input: NeedInput): Promise<NeedsPlan> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const village = await recordsOf(ctx).region(input.village_code);
  if (!village) throw new WriteRefusal("not_found", "region_not_found", `No region has the code ${input.village_code}.`, [{ path: "body.village_code", message: "unknown region code" }]);
  if (village.level !== "village" || !village.parentCode) throw invalid([{ path: "body.village_code", message: `must be a village (this is a ${village.level})` }]);
  requireScope(ctx.actor, village.code, "body.village_code");
  if (input.items === undefined && input.amount_fen === undefined) throw invalid([{ path: "body.items", message: "give the items needed, an amount_fen, or both" }]);
  const postedOn = localDateOf(now);
  if (!isCalendarDate(input.deadline)) throw invalid([{ path: "body.deadline", message: "must be a real date (YYYY-MM-DD)" }]);
  if (input.deadline < postedOn) throw invalid([{ path: "body.deadline", message: `must not be before today (${postedOn}, Asia/Shanghai)` }]);
  const at = now.toISOString();
  const need: NeedRecord = {
    id: nextId(ctx, "ned"),
    villageCode: village.code,
    townshipCode: village.parentCode,
    publicRegionCode: publicRegionOf(input.category, village.code, village.parentCode),
    category: input.category,
    beneficiary: input.beneficiary,
    description: input.description,
    items: input.items ?? null,
    amountFen: input.amount_fen ?? null,
    deadline: input.deadline,
    postedOn,
    postedMonth: postedOn.slice(0, 7),
    status: "open",
    closedReason: null,
    closedOn: null,
    isDemo: input.demo ?? false,
    createdAt: at,
    updatedAt: at,
  };
  return {
    body: { data: { id: need.id, status: need.status, public_region_code: need.publicRegionCode, posted_on: postedOn } },
    statements: [db.insert(needs).values(need), ...bumps(db, NEEDS_DATASETS, now)],
    entries: [],
    need,
    conflict: writeConflict(),
    audit: {
      action: "needs.post",
      targetType: "need",
      targetId: need.id,
      regionCode: village.code,
      summary: `Posted need ${need.id} (${input.category}${input.amount_fen ? `, ${yuan(input.amount_fen)} yuan` : ""}), deadline ${input.deadline}`,
    },
  };
}

export interface PledgeInput {
  /** Only when the donor chose to be named; anonymous otherwise. Never in the ledger. */
  donor_name?: string | null;
  /** SHA-256 of the receipt shown once (domain/receipts.ts); null for demo pledges. */
  receipt_hash: string | null;
  demo?: boolean;
}

/** A donor pledges to an open need: the pledge row, its ledger entry and the status, in one batch. */
export async function pledgeToNeed(ctx: NeedsContext, needId: string, input: PledgeInput): Promise<NeedsPlan> {
  const { db, now } = ctx;
  const tip = await tipOf(ctx);
  const need = await loadNeed(ctx, needId);
  requireMove(need, "pledge");
  const date = localDateOf(now);
  if (need.deadline < date) {
    throw new WriteRefusal("conflict", "need_expired", `Need ${need.id} passed its deadline (${need.deadline}); it can no longer be pledged to.`, [{ path: "param.id", message: "deadline passed" }]);
  }
  const id = nextId(ctx, "plg");
  const ledger = await appendEvent(ctx, tip, "need_pledge", id, {
    need_id: need.id,
    region_code: need.publicRegionCode,
    category: need.category,
    amount_fen: need.amountFen ?? undefined,
    donor_named: Boolean(input.donor_name),
    date,
  });
  const pledge: PledgeRecord = { id, needId: need.id, donorName: input.donor_name ?? null, receiptHash: input.receipt_hash, date, ledgerIndex: ledger.index, recordedAt: ledger.recordedAt, isDemo: input.demo ?? false };
  return {
    body: { data: { id, need_id: need.id, status: "pledged", ledger_index: ledger.index, tree_head: ledger.treeHead } },
    statements: [...ledger.statements, ...moveStatus(db, need, "pledge", ledger.recordedAt), db.insert(needPledges).values(pledge), ...bumps(db, NEEDS_DATASETS, now)],
    ...ledger.part,
    need: { ...need, status: "pledged", updatedAt: ledger.recordedAt },
    pledge,
    conflict: statusConflict(need.id, NEED_MOVES.pledge.from),
    raced: [{ constraint: "need_pledges.need_id", refusal: statusConflict(need.id, NEED_MOVES.pledge.from) }],
    audit: { action: "needs.pledge", targetType: "need", targetId: need.id, regionCode: need.villageCode, summary: `Pledge ${id} to need ${need.id} (${input.donor_name ? "named" : "anonymous"} donor)` },
  };
}

export interface DeliveryInput {
  date: string;
  delivered: string;
  amount_fen?: number;
  donation_id?: string;
  in_kind_record?: string;
}

/** Records what was delivered against a pledged need; closes it. */
export async function recordDelivery(ctx: NeedsContext, needId: string, input: DeliveryInput): Promise<NeedsPlan> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const tip = await tipOf(ctx);
  const need = await loadNeed(ctx, needId);
  requireMove(need, "deliver");
  const records = recordsOf(ctx);
  const pledge = await records.pledgeOf(need.id);
  if (!pledge) throw new WriteRefusal("conflict", "invalid_need_transition", `Need ${need.id} has no pledge: a delivery follows a pledge.`, [{ path: "param.id", message: "no pledge yet" }]);
  checkEventDate(input.date, "body.date", now);
  if (input.date < pledge.date) {
    throw new WriteRefusal("unprocessable", "delivery_before_pledge", `A delivery on ${input.date} would come before the pledge of ${pledge.date}.`, [{ path: "body.date", message: `must not be before the pledge (${pledge.date})` }]);
  }
  if ((input.donation_id === undefined) === (input.in_kind_record === undefined)) {
    throw invalid([{ path: "body.donation_id", message: "give either the donation that paid for it (donation_id) or an in-kind record (in_kind_record), not both" }]);
  }
  if (input.donation_id !== undefined) {
    const donationRegion = await records.donationRegion(input.donation_id);
    if (donationRegion === undefined) {
      throw new WriteRefusal("not_found", "not_found", `Donation ${JSON.stringify(input.donation_id)} does not exist.`, [{ path: "body.donation_id", message: "unknown donation" }]);
    }
    // R4: a health need is public under its township only, and its delivery publishes the
    // donation's id (the need's page, its ledger leaf), whose target region is public on the
    // donation's own page. A donation to the need's village, or to a project in it, would
    // name the village the need hides; one to its township or above (or a general one)
    // says no more than the need already does.
    if (need.publicRegionCode !== need.villageCode && donationRegion !== null && !isWithin(need.publicRegionCode, donationRegion)) {
      throw new WriteRefusal("unprocessable", "donation_below_public_region", `Donation ${input.donation_id} is for ${donationRegion}, below where this health need is public (${need.publicRegionCode}, privacy rule R4).`, [
        { path: "body.donation_id", message: `a health need's delivery may cite only a donation to its township (${need.publicRegionCode}) or above, or an in-kind record (privacy rule R4)` },
      ]);
    }
  }
  const id = nextId(ctx, "dlv");
  const ledger = await appendEvent(ctx, tip, "need_delivery", id, {
    need_id: need.id,
    pledge_id: pledge.id,
    region_code: need.publicRegionCode,
    date: input.date,
    amount_fen: input.amount_fen,
    donation_id: input.donation_id,
    in_kind_record: input.in_kind_record,
  });
  const delivery: DeliveryRecord = {
    id,
    needId: need.id,
    pledgeId: pledge.id,
    date: input.date,
    delivered: input.delivered,
    amountFen: input.amount_fen ?? null,
    donationId: input.donation_id ?? null,
    inKindRecord: input.in_kind_record ?? null,
    ledgerIndex: ledger.index,
    recordedAt: ledger.recordedAt,
  };
  return {
    body: { data: { id, need_id: need.id, status: "delivered", ledger_index: ledger.index, tree_head: ledger.treeHead } },
    statements: [...ledger.statements, ...moveStatus(db, need, "deliver", ledger.recordedAt, { closedOn: input.date }), db.insert(needDeliveries).values(delivery), ...bumps(db, NEEDS_DATASETS, now)],
    ...ledger.part,
    need: { ...need, status: "delivered", closedOn: input.date, updatedAt: ledger.recordedAt },
    conflict: statusConflict(need.id, NEED_MOVES.deliver.from),
    raced: [{ constraint: "need_deliveries.need_id", refusal: statusConflict(need.id, NEED_MOVES.deliver.from) }],
    audit: { action: "needs.deliver", targetType: "need", targetId: need.id, regionCode: need.villageCode, summary: `Delivery ${id} for need ${need.id} on ${input.date}${input.amount_fen ? ` (${yuan(input.amount_fen)} yuan)` : ""}` },
  };
}

export interface CloseInput {
  status: "expired" | "withdrawn";
  reason: NeedCloseReason;
}

/** Closes a need without a delivery: expired (after its deadline) or withdrawn, with a reason. */
export async function closeNeed(ctx: NeedsContext, needId: string, input: CloseInput): Promise<NeedsPlan> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const need = await loadNeed(ctx, needId);
  const move: NeedMove = input.status === "expired" ? "expire" : "withdraw";
  requireMove(need, move);
  const today = localDateOf(now);
  if (move === "expire" && need.deadline >= today) {
    throw new WriteRefusal("unprocessable", "deadline_not_passed", `Need ${need.id} runs until ${need.deadline}; it can expire only after that (Asia/Shanghai).`, [
      { path: "body.status", message: `the deadline ${need.deadline} has not passed` },
    ]);
  }
  const at = now.toISOString();
  return {
    body: { data: { id: need.id, status: input.status, closed_reason: input.reason, closed_on: today } },
    statements: [...moveStatus(db, need, move, at, { closedReason: input.reason, closedOn: today }), ...bumps(db, NEEDS_DATASETS, now)],
    entries: [],
    need: { ...need, status: input.status, closedReason: input.reason, closedOn: today, updatedAt: at },
    conflict: statusConflict(need.id, NEED_MOVES[move].from),
    audit: { action: `needs.${input.status}`, targetType: "need", targetId: need.id, regionCode: need.villageCode, summary: `Need ${need.id} ${need.status} → ${input.status} (${input.reason})` },
  };
}
