/**
 * What every funds and donations write shares: its context (the ledger key, and for bulk
 * loaders a known ledger tip, deterministic ids and in-memory records), the records it
 * reads before it decides, and the ledger append that goes into its batch.
 *
 * Money rows are written once (migration 0006): a write inserts rows, never updates one,
 * and the totals it checks (allocated, disbursed, donated) are sums of rows. Checks such as
 * "not more than the remaining budget" hold under races because every money write appends
 * to the ledger: the tip is read FIRST, then the records; a write that validated against
 * data that changed meanwhile has a stale tip, and the ledger's in-order trigger aborts its
 * whole batch (a 409 at the edge).
 */
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { getDonation } from "../db/queries/donations";
import { prepareAppend, readTip, type AppendedEntry, type LedgerTip, type SignedHead } from "../db/queries/ledger";
import { getRegion } from "../db/queries/regions";
import { disbursements, donationAllocations, donationReversals, donations, fundAllocations, fundProjectAmendments, fundProjectBudgetAmendments, fundProjects, fundProjectSources, fundSourceTotals, regions } from "../db/schema";
import { isCalendarDate, isFutureDate } from "../domain/funds/dates";
import { newId } from "../domain/funds/ids";
import type { LedgerEntryInput, LedgerKey } from "../domain/ledger";
import { headSummaryJson } from "../lib/tree-head";
import { invalid, requireRole, requireScope, WriteRefusal, type AuditFacts, type WriteContext, type WritePlan } from "./plan";

export const FUNDS_DATASETS = ["fund_projects", "fund_flows", "fund_rates", "fund_rates_monthly"] as const;

export type ProjectRecord = typeof fundProjects.$inferSelect;
export type BudgetLineRecord = typeof fundProjectSources.$inferSelect;
export type FundAllocationRecord = typeof fundAllocations.$inferSelect;
export type DisbursementRecord = typeof disbursements.$inferSelect;
export type DonationRecord = typeof donations.$inferSelect;
export type DonationAllocationRecord = typeof donationAllocations.$inferSelect;
export type DonationReversalRecord = typeof donationReversals.$inferSelect;
export type RegionRecord = typeof regions.$inferSelect;
export type ProjectAmendmentRecord = typeof fundProjectAmendments.$inferSelect;
export type BudgetAmendmentRecord = typeof fundProjectBudgetAmendments.$inferSelect;

/** A budget line with the totals of the rows written against it. */
export type SourceLineState = typeof fundSourceTotals.$inferSelect;
/** A donation with its net allocated amount and, once reversed, when. */
export type DonationState = DonationRecord & { allocatedFen: number; reversedAt: string | null };

/** The rows a write inserts (or, for a project's status, changes), as bulk loaders replay them. */
export type RecordChange =
  | { kind: "project"; row: ProjectRecord }
  | { kind: "budget_line"; row: BudgetLineRecord }
  | { kind: "donation"; row: DonationRecord }
  | { kind: "fund_allocation"; row: FundAllocationRecord }
  | { kind: "disbursement"; row: DisbursementRecord }
  | { kind: "donation_allocation"; row: DonationAllocationRecord }
  | { kind: "donation_reversal"; row: DonationReversalRecord }
  | { kind: "project_amendment"; row: ProjectAmendmentRecord }
  | { kind: "budget_amendment"; row: BudgetAmendmentRecord };

export type ReversibleKind = "fund_allocation" | "disbursement" | "donation_allocation";

/** Where a write reads the records it checks. */
export interface FundsRecords {
  project(id: string): Promise<ProjectRecord | undefined>;
  sourceLine(projectId: string, source: string): Promise<SourceLineState | undefined>;
  sourceLines(projectId: string): Promise<SourceLineState[]>;
  region(code: string): Promise<RegionRecord | undefined>;
  donation(id: string): Promise<DonationState | undefined>;
  fundAllocation(id: string): Promise<FundAllocationRecord | undefined>;
  disbursement(id: string): Promise<DisbursementRecord | undefined>;
  donationAllocation(id: string): Promise<DonationAllocationRecord | undefined>;
  /** True when a reversing row for `id` exists in that table. */
  isReversed(kind: ReversibleKind, id: string): Promise<boolean>;
}

export interface FundsContext extends WriteContext {
  key: LedgerKey;
  /** Known ledger tip (bulk loaders); read from the database otherwise. */
  tip?: LedgerTip;
  /** Ids for new records (deterministic in the demo generator). */
  newId?: typeof newId;
  /** Where the write reads records; D1 unless a bulk loader keeps them in memory. */
  records?: FundsRecords;
}

/** A funds write as planned, with what bulk loaders need to chain the next one. */
export interface FundsPlan<Body extends object = object> extends WritePlan<Body> {
  /** Every funds write is audited. */
  audit: AuditFacts;
  /** Ledger entries appended, and the tip and signed head after them. */
  entries: AppendedEntry[];
  tip?: LedgerTip;
  head?: SignedHead;
  /** The rows written (bulk loaders feed them to MemoryRecords). */
  records: RecordChange[];
}

const first = <T>(rows: T[]) => rows[0];
const TABLE_OF = { fund_allocation: fundAllocations, disbursement: disbursements, donation_allocation: donationAllocations } as const;

export function d1Records(db: Db): FundsRecords {
  return {
    project: async (id) => first(await db.select().from(fundProjects).where(eq(fundProjects.id, id)).limit(1)),
    sourceLine: async (projectId, source) =>
      first(await db.select().from(fundSourceTotals).where(and(eq(fundSourceTotals.projectId, projectId), eq(fundSourceTotals.source, source))).limit(1)),
    sourceLines: (projectId) => db.select().from(fundSourceTotals).where(eq(fundSourceTotals.projectId, projectId)),
    region: (code) => getRegion(db, code),
    donation: (id) => getDonation(db, id),
    fundAllocation: async (id) => first(await db.select().from(fundAllocations).where(eq(fundAllocations.id, id)).limit(1)),
    disbursement: async (id) => first(await db.select().from(disbursements).where(eq(disbursements.id, id)).limit(1)),
    donationAllocation: async (id) => first(await db.select().from(donationAllocations).where(eq(donationAllocations.id, id)).limit(1)),
    isReversed: async (kind, id) => {
      const table = TABLE_OF[kind];
      return (await db.select({ id: table.id }).from(table).where(eq(table.reversesId, id)).limit(1)).length > 0;
    },
  };
}

/**
 * Records kept in memory for bulk loaders (the demo generator replays thousands of writes):
 * fed with the rows each write inserts, it sums totals exactly as the database's view does,
 * so every rule runs against the data as it stands while earlier writes wait in a batch.
 */
export class MemoryRecords implements FundsRecords {
  private readonly projects = new Map<string, ProjectRecord>();
  private readonly lines = new Map<string, SourceLineState>();
  private readonly donations = new Map<string, DonationState>();
  private readonly allocations = new Map<string, FundAllocationRecord>();
  private readonly payments = new Map<string, DisbursementRecord>();
  private readonly donationAllocations = new Map<string, DonationAllocationRecord>();
  private readonly reversed = new Set<string>();

  constructor(private readonly regions: Map<string, RegionRecord>) {}

  apply(changes: readonly RecordChange[]): void {
    for (const change of changes) {
      switch (change.kind) {
        case "project":
          this.projects.set(change.row.id, change.row);
          break;
        case "budget_line":
          this.lines.set(`${change.row.projectId}:${change.row.source}`, { ...change.row, allocatedFen: 0, disbursedFen: 0, receiptedFen: 0 });
          break;
        case "donation":
          this.donations.set(change.row.id, { ...change.row, allocatedFen: 0, reversedAt: null });
          break;
        case "fund_allocation": {
          this.allocations.set(change.row.id, change.row);
          this.line(change.row).allocatedFen += change.row.amountFen;
          if (change.row.reversesId) this.reversed.add(change.row.reversesId);
          break;
        }
        case "disbursement": {
          this.payments.set(change.row.id, change.row);
          const line = this.line(change.row);
          line.disbursedFen += change.row.amountFen;
          line.receiptedFen += change.row.receiptedFen;
          if (change.row.reversesId) this.reversed.add(change.row.reversesId);
          break;
        }
        case "donation_allocation":
          this.donationAllocations.set(change.row.id, change.row);
          this.donations.get(change.row.donationId)!.allocatedFen += change.row.amountFen;
          if (change.row.reversesId) this.reversed.add(change.row.reversesId);
          break;
        case "donation_reversal":
          this.donations.get(change.row.donationId)!.reversedAt = change.row.recordedAt;
          break;
        case "project_amendment":
          break;
        case "budget_amendment":
          this.line(change.row).budgetFen = change.row.budgetFen;
          break;
      }
    }
  }

  private line(row: { projectId: string; source: string }): SourceLineState {
    return this.lines.get(`${row.projectId}:${row.source}`)!;
  }

  project = async (id: string) => this.projects.get(id);
  sourceLine = async (projectId: string, source: string) => {
    const line = this.lines.get(`${projectId}:${source}`);
    return line && { ...line };
  };
  sourceLines = async (projectId: string) => [...this.lines.values()].filter((line) => line.projectId === projectId).map((line) => ({ ...line }));
  region = async (code: string) => this.regions.get(code);
  donation = async (id: string) => {
    const donation = this.donations.get(id);
    return donation && { ...donation };
  };
  fundAllocation = async (id: string) => this.allocations.get(id);
  disbursement = async (id: string) => this.payments.get(id);
  donationAllocation = async (id: string) => this.donationAllocations.get(id);
  isReversed = async (_kind: ReversibleKind, id: string) => this.reversed.has(id);
}

export function reader(ctx: FundsContext): FundsRecords {
  return ctx.records ?? d1Records(ctx.db);
}

/** The tip every ledger-appending write reads first (see the module comment). */
export async function tipOf(ctx: FundsContext): Promise<LedgerTip> {
  return ctx.tip ?? (await readTip(ctx.db));
}

export async function appendFor(ctx: FundsContext, tip: LedgerTip, inputs: LedgerEntryInput[]) {
  return prepareAppend(ctx.db, ctx.key, inputs, ctx.now, tip);
}

/**
 * Appends one money event to the ledger for this write, recorded now: the statements for
 * its batch, the entry's index and the new signed head as the answer shows it.
 */
export async function appendEvent(ctx: FundsContext, tip: LedgerTip, type: LedgerEntryInput["type"], subjectId: string, fields: LedgerEntryInput["fields"]) {
  const recordedAt = ctx.now.toISOString();
  const append = await appendFor(ctx, tip, [{ type, subjectId, recordedAt, fields }]);
  return { recordedAt, statements: append.statements, ...ledgerPart(append) };
}

/** A money write changes its project's updated_at (the rates' "as of"); not a money row. */
export function touchProject(db: Db, projectId: string, at: string) {
  return db.update(fundProjects).set({ updatedAt: at }).where(eq(fundProjects.id, projectId));
}

/**
 * An allocation or reversal changes its donation's allocated amount or reversal: the donation's
 * updated_at (`updated_since=`) is the one column of a donation a write may change (0028).
 */
export function touchDonation(db: Db, donationId: string, at: string) {
  return db.update(donations).set({ updatedAt: at }).where(eq(donations.id, donationId));
}

/** The plan of one money row written against a project (an allocation, a disbursement). */
export function projectRowPlan<Body extends object>(
  ctx: FundsContext,
  project: ProjectRecord,
  ledger: Awaited<ReturnType<typeof appendEvent>>,
  row: { change: RecordChange; insert: BatchItem<"sqlite"> },
  body: Body,
  audit: AuditFacts,
): FundsPlan<Body> {
  return {
    body,
    records: [row.change, { kind: "project", row: { ...project, updatedAt: ledger.recordedAt } }],
    statements: [...ledger.statements, row.insert, touchProject(ctx.db, project.id, ledger.recordedAt), ...bumps(ctx.db, FUNDS_DATASETS, ctx.now)],
    ...ledger.part,
    conflict: writeConflict(),
    audit,
  };
}

export function nextId(ctx: FundsContext, prefix: Parameters<typeof newId>[0]): string {
  return (ctx.newId ?? newId)(prefix);
}

/** A money event's date: a real calendar date, not after today in Asia/Shanghai. */
export function checkDate(date: string, path: string, now: Date): void {
  if (!isCalendarDate(date)) throw invalid([{ path, message: "must be a real date (YYYY-MM-DD)" }]);
  if (isFutureDate(date, now)) throw invalid([{ path, message: "must not be in the future (Asia/Shanghai)" }]);
}

export async function loadProject(ctx: FundsContext, id: string, path: string): Promise<ProjectRecord> {
  const project = await reader(ctx).project(id);
  if (!project) throw new WriteRefusal("not_found", "not_found", `Project ${JSON.stringify(id)} does not exist.`, [{ path, message: "unknown project" }]);
  return project;
}

/**
 * The checks every money row written against a project starts with (an allocation, a
 * disbursement): an editor, the ledger tip read before anything else, a project within the
 * actor's scope, a real date not in the future.
 */
export async function startProjectRow(ctx: FundsContext, input: { project_id: string; date: string }): Promise<{ tip: LedgerTip; project: ProjectRecord }> {
  requireRole(ctx.actor, "editor");
  const tip = await tipOf(ctx);
  const project = await loadProject(ctx, input.project_id, "body.project_id");
  requireScope(ctx.actor, project.regionCode, "body.project_id");
  checkDate(input.date, "body.date", ctx.now);
  return { tip, project };
}

export async function loadRegion(ctx: FundsContext, code: string, path: string): Promise<RegionRecord> {
  const region = await reader(ctx).region(code);
  if (!region) throw new WriteRefusal("not_found", "region_not_found", `No region has the code ${code}.`, [{ path, message: "unknown region code" }]);
  return region;
}

export function refuseCancelled(project: ProjectRecord, path: string, what: string): void {
  if (project.status === "cancelled") throw new WriteRefusal("conflict", "project_cancelled", `Project ${project.id} is cancelled${what}.`, [{ path, message: "cancelled" }]);
}

export const yuan = (fen: number) => (fen / 100).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function bumps(db: Db, datasets: readonly string[], now: Date): BatchItem<"sqlite">[] {
  return datasets.map((d) => bumpDatasetVersion(db, d, now));
}

/** The conflict every ledger-appending write answers when it lost a race. */
export const writeConflict = () =>
  new WriteRefusal("conflict", "write_conflict", "Another write changed the ledger or this record at the same moment; nothing was written. Retry with the same Idempotency-Key.");

/** The ledger part of a plan, and its public face in the answer. */
export function ledgerPart(append: { statements: BatchItem<"sqlite">[]; entries: AppendedEntry[]; head: SignedHead; tip: LedgerTip }) {
  return { part: { entries: append.entries, head: append.head, tip: append.tip }, index: append.entries[0]!.index, treeHead: headSummaryJson(append.head) };
}

