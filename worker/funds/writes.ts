/**
 * Every write of funds and donations, as statements for ONE batch: the domain rows, the
 * running totals (conditional UPDATEs behind the write guard), the ledger entries with
 * their subtree hashes and a new signed head, and the dataset versions. The admin routes
 * add their audit entry and run the batch through idempotentWrite; the demo generator runs
 * the very same statements directly.
 *
 * Order matters: the ledger tip is read first, then the records the write depends on. A
 * write validated against data that changed before its batch ran is refused by the
 * ledger's guard, so checks such as "not more than the remaining amount" hold under races.
 */
import { and, eq, gte, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { guardChanged } from "../admin/guard";
import {
  d1Records,
  type DisbursementRecord,
  type DonationAllocationRecord,
  type DonationRecord,
  type FundAllocationRecord,
  type FundsRecords,
  type ProjectRecord,
  type RecordChange,
  type SourceLineRecord,
} from "./records";
import type { Db } from "../db/client";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { prepareAppend, readTip, type AppendedEntry, type LedgerTip, type SignedHead } from "../db/queries/ledger";
import { disbursements, donationAllocations, donations, fundAllocations, fundProjects, fundProjectSources } from "../db/schema";
import { isCalendarDate, isFutureDate } from "../domain/funds/dates";
import { newId } from "../domain/funds/ids";
import { canMoveTo, nextStatuses, type AssistanceMeasure, type DonationChannel, type FundSource, type ProjectStatus } from "../domain/funds/vocabulary";
import type { LedgerEntryInput, LedgerKey, ReversalReason } from "../domain/ledger";
import { isWithin, levelOfCode } from "../domain/region-codes";
import { ApiError, notFound, type ErrorDetail } from "../lib/errors";
import { budgetLedgerEntries } from "../ledger/entries";

export const FUNDS_DATASETS = ["fund_projects", "fund_flows", "fund_rates"] as const;

export interface WriteContext {
  db: Db;
  key: LedgerKey;
  now: Date;
  /** Called with each region the write touches, before any business rule is checked. */
  scope: (regionCode: string, path: string) => void;
  /** Known ledger tip (bulk loaders); read from the database otherwise. */
  tip?: LedgerTip;
  /** Ids for new records (deterministic in the demo generator). */
  newId?: typeof newId;
  /** Where the write reads records; D1 unless a bulk loader keeps them in memory. */
  records?: FundsRecords;
}

export interface PreparedWrite<Body> {
  body: Body;
  statements: BatchItem<"sqlite">[];
  /** Tip after this write, for the next write of a bulk loader. */
  tip?: LedgerTip;
  entries: AppendedEntry[];
  head?: SignedHead;
  /** For the audit entry. */
  regionCode: string;
  targetType: string;
  targetId: string;
  summary: string;
  /** After-images of the rows written (for MemoryRecords). */
  records: RecordChange[];
}

export const conflictError = () =>
  new ApiError(409, "write_conflict", "Another write changed the ledger or this record at the same moment; nothing was written. Retry with the same Idempotency-Key.");

function invalid(details: ErrorDetail[]): ApiError {
  return new ApiError(400, "invalid_request", `Invalid body: ${details[0]!.path} — ${details[0]!.message}`, details);
}

function checkDate(date: string, path: string, now: Date): void {
  if (!isCalendarDate(date)) throw invalid([{ path, message: "must be a real date (YYYY-MM-DD)" }]);
  if (isFutureDate(date, now)) throw invalid([{ path, message: "must not be in the future (Asia/Shanghai)" }]);
}

const yuan = (fen: number) => (fen / 100).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function loadProject(ctx: WriteContext, id: string, path: string) {
  const project = await reader(ctx).project(id);
  if (!project) throw new ApiError(404, "not_found", `Project ${JSON.stringify(id)} does not exist.`, [{ path, message: "unknown project" }]);
  return project;
}

function reader(ctx: WriteContext): FundsRecords {
  return ctx.records ?? d1Records(ctx.db);
}

async function appendFor(ctx: WriteContext, tip: LedgerTip, inputs: LedgerEntryInput[]) {
  return prepareAppend(ctx.db, ctx.key, inputs, ctx.now, tip);
}

// ── Projects ─────────────────────────────────────────────────────────────────────────

export interface ProjectInput {
  name_zh: string;
  name_en: string;
  region_code: string;
  category: AssistanceMeasure;
  year: number;
  planned_start?: string | null;
  planned_completion?: string | null;
  beneficiary_households?: number | null;
  budget: { source: FundSource; amount_fen: number }[];
  demo?: boolean;
}

export async function createProject(ctx: WriteContext, input: ProjectInput): Promise<PreparedWrite<{ data: { id: string; status: ProjectStatus } }>> {
  const { db } = ctx;
  if (!(await reader(ctx).region(input.region_code))) {
    throw new ApiError(404, "region_not_found", `No region has the code ${input.region_code}.`, [{ path: "body.region_code", message: "unknown region code" }]);
  }
  ctx.scope(input.region_code, "body.region_code");
  const problems: ErrorDetail[] = [];
  for (const field of ["planned_start", "planned_completion"] as const) {
    const value = input[field];
    if (value && !isCalendarDate(value)) problems.push({ path: `body.${field}`, message: "must be a real date (YYYY-MM-DD)" });
  }
  if (input.planned_start && input.planned_completion && input.planned_completion < input.planned_start) {
    problems.push({ path: "body.planned_completion", message: "must not be before planned_start" });
  }
  const sources = new Set<string>();
  input.budget.forEach((line, i) => {
    if (sources.has(line.source)) problems.push({ path: `body.budget.${i}.source`, message: "appears twice" });
    sources.add(line.source);
  });
  if (problems.length > 0) throw invalid(problems);

  const tip = ctx.tip ?? (await readTip(db));
  const id = (ctx.newId ?? newId)("prj");
  const at = ctx.now.toISOString();
  const project: ProjectRecord = {
    id,
    nameZh: input.name_zh,
    nameEn: input.name_en,
    regionCode: input.region_code,
    category: input.category,
    year: input.year,
    status: "planned",
    filedOn: null,
    plannedStart: input.planned_start ?? null,
    plannedCompletion: input.planned_completion ?? null,
    actualStart: null,
    actualCompletion: null,
    beneficiaryHouseholds: input.beneficiary_households ?? null,
    donatedFen: 0,
    isDemo: input.demo ?? false,
    createdAt: at,
    updatedAt: at,
  };
  // Each budget line is public money information, so it gets its own ledger entry
  // (ledger:verify compares the line with it).
  const append = await appendFor(ctx, tip, budgetLedgerEntries(id, input.region_code, at, input.budget));
  const lines: SourceLineRecord[] = input.budget.map((line, i) => ({ projectId: id, source: line.source, budgetFen: line.amount_fen, allocatedFen: 0, disbursedFen: 0, receiptedFen: 0, ledgerIndex: append.entries[i]!.index }));
  return {
    body: { data: { id, status: "planned" } },
    records: [{ kind: "project", row: project }, ...lines.map((row) => ({ kind: "source_line" as const, row }))],
    statements: [
      ...append.statements,
      db.insert(fundProjects).values(project),
      ...(lines.length > 0 ? [db.insert(fundProjectSources).values(lines)] : []),
      ...FUNDS_DATASETS.map((d) => bumpDatasetVersion(db, d, ctx.now)),
    ],
    tip: append.tip,
    entries: append.entries,
    head: append.head,
    regionCode: input.region_code,
    targetType: "fund_project",
    targetId: id,
    summary: `Created project ${id} (${input.category}, ${input.year}) with a budget of ${yuan(input.budget.reduce((s, l) => s + l.amount_fen, 0))} yuan`,
  };
}

export interface StatusInput {
  status: ProjectStatus;
  date: string;
}

/** Moves a project one step along its life cycle; the date is the filing, start or completion date. */
export async function changeProjectStatus(ctx: WriteContext, projectId: string, input: StatusInput) {
  const { db } = ctx;
  const project = await loadProject(ctx, projectId, "path.id");
  ctx.scope(project.regionCode, "path.id");
  checkDate(input.date, "body.date", ctx.now);
  if (!canMoveTo(project.status, input.status)) {
    const allowed = nextStatuses(project.status);
    throw new ApiError(409, "invalid_status_change", `A ${project.status} project cannot become ${input.status}${allowed.length ? `; next: ${allowed.join(" or ")}` : ""}.`, [
      { path: "body.status", message: `not allowed after ${project.status}` },
    ]);
  }
  const dates: Partial<typeof fundProjects.$inferInsert> = {};
  if (input.status === "filed") dates.filedOn = input.date;
  if (input.status === "started") {
    if (project.filedOn && input.date < project.filedOn) throw invalid([{ path: "body.date", message: "must not be before the filing date" }]);
    dates.actualStart = input.date;
  }
  if (input.status === "completed") {
    if (project.actualStart && input.date < project.actualStart) throw invalid([{ path: "body.date", message: "must not be before the start date" }]);
    dates.actualCompletion = input.date;
  }
  return {
    body: { data: { id: projectId, status: input.status, previous_status: project.status, date: input.date } },
    records: [{ kind: "project", row: { ...project, status: input.status, ...dates, updatedAt: ctx.now.toISOString() } }],
    statements: [
      db
        .update(fundProjects)
        .set({ status: input.status, ...dates, updatedAt: ctx.now.toISOString() })
        .where(and(eq(fundProjects.id, projectId), eq(fundProjects.status, project.status))),
      guardChanged(db),
      ...FUNDS_DATASETS.map((d) => bumpDatasetVersion(db, d, ctx.now)),
    ],
    entries: [],
    regionCode: project.regionCode,
    targetType: "fund_project",
    targetId: projectId,
    summary: `Project ${projectId}: ${project.status} → ${input.status} on ${input.date}`,
  } satisfies PreparedWrite<unknown>;
}

// ── Fund allocations and disbursements ──────────────────────────────────────────────

export interface AllocationInput {
  project_id: string;
  source: FundSource;
  date: string;
  amount_fen: number;
  document_no: string;
}

export async function allocateFunds(ctx: WriteContext, input: AllocationInput) {
  const { db } = ctx;
  const tip = ctx.tip ?? (await readTip(db));
  const project = await loadProject(ctx, input.project_id, "body.project_id");
  ctx.scope(project.regionCode, "body.project_id");
  checkDate(input.date, "body.date", ctx.now);
  if (project.status === "cancelled") throw new ApiError(409, "project_cancelled", `Project ${project.id} is cancelled; no funds can be allocated to it.`, [{ path: "body.project_id", message: "cancelled" }]);
  const line = await reader(ctx).sourceLine(project.id, input.source);
  if (!line) {
    throw new ApiError(422, "no_budget_for_source", `Project ${project.id} has no budget from the ${input.source} source.`, [{ path: "body.source", message: "not in the project's budget" }]);
  }
  const remaining = line.budgetFen - line.allocatedFen;
  if (input.amount_fen > remaining) {
    throw new ApiError(422, "over_allocation", `The allocation of ${input.amount_fen} fen exceeds the ${input.source} budget remaining for ${project.id}: ${remaining} fen.`, [
      { path: "body.amount_fen", message: `at most ${remaining} fen remain in the budget` },
    ]);
  }
  const id = (ctx.newId ?? newId)("fal");
  const recordedAt = ctx.now.toISOString();
  const appendPromise = appendFor(ctx, tip, [
    {
      type: "fund_allocation",
      subjectId: id,
      recordedAt,
      fields: { project_id: project.id, region_code: project.regionCode, source: input.source, date: input.date, amount_fen: input.amount_fen, document_no: input.document_no },
    },
  ]);
  const append = await appendPromise;
  const allocation: FundAllocationRecord = { id, projectId: project.id, source: input.source, date: input.date, amountFen: input.amount_fen, documentNo: input.document_no, reversesId: null, reason: null, ledgerIndex: append.entries[0]!.index, recordedAt };
  return {
    body: { data: { id, ledger_index: append.entries[0]!.index, remaining_budget_fen: remaining - input.amount_fen, tree_head: publicHead(append.head) } },
    records: [
      { kind: "fund_allocation", row: allocation },
      { kind: "source_line", row: { ...line, allocatedFen: line.allocatedFen + input.amount_fen } },
      { kind: "project", row: { ...project, updatedAt: recordedAt } },
    ],
    statements: [
      ...append.statements,
      db.insert(fundAllocations).values(allocation),
      db
        .update(fundProjectSources)
        .set({ allocatedFen: sql`${fundProjectSources.allocatedFen} + ${input.amount_fen}` })
        .where(and(eq(fundProjectSources.projectId, project.id), eq(fundProjectSources.source, input.source), sql`${fundProjectSources.allocatedFen} + ${input.amount_fen} <= ${fundProjectSources.budgetFen}`)),
      guardChanged(db),
      db.update(fundProjects).set({ updatedAt: recordedAt }).where(eq(fundProjects.id, project.id)),
      ...FUNDS_DATASETS.map((d) => bumpDatasetVersion(db, d, ctx.now)),
    ],
    tip: append.tip,
    entries: append.entries,
    head: append.head,
    regionCode: project.regionCode,
    targetType: "fund_allocation",
    targetId: id,
    summary: `Allocated ${yuan(input.amount_fen)} yuan (${input.source}, ${input.document_no}) to project ${project.id}`,
  } satisfies PreparedWrite<unknown>;
}

export interface DisbursementInput extends AllocationInput {
  receipted_fen: number;
}

export async function disburseFunds(ctx: WriteContext, input: DisbursementInput) {
  const { db } = ctx;
  const tip = ctx.tip ?? (await readTip(db));
  const project = await loadProject(ctx, input.project_id, "body.project_id");
  ctx.scope(project.regionCode, "body.project_id");
  checkDate(input.date, "body.date", ctx.now);
  if (input.receipted_fen > input.amount_fen) throw invalid([{ path: "body.receipted_fen", message: "must not exceed amount_fen" }]);
  const line = await reader(ctx).sourceLine(project.id, input.source);
  const remaining = line ? line.allocatedFen - line.disbursedFen : 0;
  if (input.amount_fen > remaining) {
    throw new ApiError(422, "over_disbursement", `The disbursement of ${input.amount_fen} fen exceeds the ${input.source} funds allocated to ${project.id} and not yet disbursed: ${remaining} fen.`, [
      { path: "body.amount_fen", message: `at most ${remaining} fen remain to disburse` },
    ]);
  }
  const id = (ctx.newId ?? newId)("dsb");
  const recordedAt = ctx.now.toISOString();
  const append = await appendFor(ctx, tip, [
    {
      type: "disbursement",
      subjectId: id,
      recordedAt,
      fields: {
        project_id: project.id,
        region_code: project.regionCode,
        source: input.source,
        date: input.date,
        amount_fen: input.amount_fen,
        receipted_fen: input.receipted_fen,
        document_no: input.document_no,
      },
    },
  ]);
  const payment: DisbursementRecord = {
    id,
    projectId: project.id,
    source: input.source,
    date: input.date,
    amountFen: input.amount_fen,
    receiptedFen: input.receipted_fen,
    documentNo: input.document_no,
    reversesId: null,
    reason: null,
    ledgerIndex: append.entries[0]!.index,
    recordedAt,
  };
  return {
    body: { data: { id, ledger_index: append.entries[0]!.index, remaining_to_disburse_fen: remaining - input.amount_fen, tree_head: publicHead(append.head) } },
    records: [
      { kind: "disbursement", row: payment },
      { kind: "source_line", row: { ...line!, disbursedFen: line!.disbursedFen + input.amount_fen, receiptedFen: line!.receiptedFen + input.receipted_fen } },
      { kind: "project", row: { ...project, updatedAt: recordedAt } },
    ],
    statements: [
      ...append.statements,
      db.insert(disbursements).values(payment),
      db
        .update(fundProjectSources)
        .set({ disbursedFen: sql`${fundProjectSources.disbursedFen} + ${input.amount_fen}`, receiptedFen: sql`${fundProjectSources.receiptedFen} + ${input.receipted_fen}` })
        .where(and(eq(fundProjectSources.projectId, project.id), eq(fundProjectSources.source, input.source), sql`${fundProjectSources.disbursedFen} + ${input.amount_fen} <= ${fundProjectSources.allocatedFen}`)),
      guardChanged(db),
      db.update(fundProjects).set({ updatedAt: recordedAt }).where(eq(fundProjects.id, project.id)),
      ...FUNDS_DATASETS.map((d) => bumpDatasetVersion(db, d, ctx.now)),
    ],
    tip: append.tip,
    entries: append.entries,
    head: append.head,
    regionCode: project.regionCode,
    targetType: "disbursement",
    targetId: id,
    summary: `Disbursed ${yuan(input.amount_fen)} yuan (${input.source}, ${input.document_no}; receipts for ${yuan(input.receipted_fen)}) to project ${project.id}`,
  } satisfies PreparedWrite<unknown>;
}

// ── Donations ────────────────────────────────────────────────────────────────────────

export interface DonationInput {
  date: string;
  amount_fen: number;
  channel: DonationChannel;
  /** Only when the donor chose to be named; anonymous otherwise. */
  donor_name?: string | null;
  target: { type: "general" } | { type: "region"; region_code: string } | { type: "project"; project_id: string };
  demo?: boolean;
}

export async function recordDonation(ctx: WriteContext, input: DonationInput) {
  const { db } = ctx;
  const tip = ctx.tip ?? (await readTip(db));
  let regionCode: string | null = null;
  let targetRegion: string | null = null;
  let targetProject: string | null = null;
  if (input.target.type === "region") {
    const region = await reader(ctx).region(input.target.region_code);
    if (!region) throw new ApiError(404, "region_not_found", `No region has the code ${input.target.region_code}.`, [{ path: "body.target.region_code", message: "unknown region code" }]);
    ctx.scope(region.code, "body.target.region_code");
    regionCode = targetRegion = region.code;
  } else if (input.target.type === "project") {
    const project = await loadProject(ctx, input.target.project_id, "body.target.project_id");
    ctx.scope(project.regionCode, "body.target.project_id");
    if (project.status === "cancelled") throw new ApiError(409, "project_cancelled", `Project ${project.id} is cancelled; it cannot receive donations.`, [{ path: "body.target.project_id", message: "cancelled" }]);
    targetProject = project.id;
    regionCode = project.regionCode;
  }
  checkDate(input.date, "body.date", ctx.now);
  const id = (ctx.newId ?? newId)("don");
  const recordedAt = ctx.now.toISOString();
  const append = await appendFor(ctx, tip, [
    {
      type: "donation",
      subjectId: id,
      recordedAt,
      fields: {
        date: input.date,
        amount_fen: input.amount_fen,
        channel: input.channel,
        target_type: input.target.type,
        target_region: targetRegion ?? undefined,
        target_project: targetProject ?? undefined,
        donor_named: Boolean(input.donor_name),
      },
    },
  ]);
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
    allocatedFen: 0,
    ledgerIndex: append.entries[0]!.index,
    recordedAt,
    reversedAt: null,
    reversalReason: null,
    reversalLedgerIndex: null,
    isDemo: input.demo ?? false,
  };
  return {
    body: { data: { id, ledger_index: append.entries[0]!.index, receipt_url: `/api/v1/donations/${id}`, tree_head: publicHead(append.head) } },
    records: [{ kind: "donation", row: donation }],
    statements: [
      ...append.statements,
      db.insert(donations).values(donation),
      bumpDatasetVersion(db, "donations", ctx.now),
    ],
    tip: append.tip,
    entries: append.entries,
    head: append.head,
    // General donations are recorded at the writer's own scope (they target no region).
    regionCode: regionCode ?? "",
    targetType: "donation",
    targetId: id,
    summary: `Recorded donation ${id}: ${yuan(input.amount_fen)} yuan by ${input.channel}, target ${input.target.type}${regionCode ? ` ${targetProject ?? regionCode}` : ""}`,
  } satisfies PreparedWrite<unknown>;
}

export interface DonationAllocationInput {
  project_id?: string;
  village_code?: string;
  date: string;
  amount_fen: number;
}

export async function allocateDonation(ctx: WriteContext, donationId: string, input: DonationAllocationInput) {
  const { db } = ctx;
  const tip = ctx.tip ?? (await readTip(db));
  const donation = await reader(ctx).donation(donationId);
  if (!donation) throw notFound("donation", donationId);
  if ((input.project_id === undefined) === (input.village_code === undefined)) {
    throw invalid([{ path: "body", message: "give exactly one of project_id and village_code" }]);
  }
  let regionCode: string;
  let project: ProjectRecord | undefined;
  let projectId: string | null = null;
  let villageCode: string | null = null;
  if (input.project_id !== undefined) {
    project = await loadProject(ctx, input.project_id, "body.project_id");
    ctx.scope(project.regionCode, "body.project_id");
    if (project.status === "cancelled") throw new ApiError(409, "project_cancelled", `Project ${project.id} is cancelled.`, [{ path: "body.project_id", message: "cancelled" }]);
    projectId = project.id;
    regionCode = project.regionCode;
  } else {
    const village = await reader(ctx).region(input.village_code!);
    if (!village) throw new ApiError(404, "region_not_found", `No region has the code ${input.village_code}.`, [{ path: "body.village_code", message: "unknown region code" }]);
    if (levelOfCode(village.code) !== "village") throw invalid([{ path: "body.village_code", message: "must be a village code" }]);
    ctx.scope(village.code, "body.village_code");
    villageCode = village.code;
    regionCode = village.code;
  }
  checkDate(input.date, "body.date", ctx.now);
  if (input.date < donation.date) throw invalid([{ path: "body.date", message: `must not be before the donation (${donation.date})` }]);
  if (donation.reversedAt) throw new ApiError(409, "donation_reversed", `Donation ${donation.id} was reversed; it cannot be allocated.`, [{ path: "path.id", message: "reversed" }]);
  // A targeted donation goes only where the donor asked.
  if (donation.targetType === "project" && projectId !== donation.targetProject) {
    throw new ApiError(422, "outside_target", `Donation ${donation.id} is for project ${donation.targetProject} only.`, [{ path: input.project_id ? "body.project_id" : "body.village_code", message: "outside the donor's target" }]);
  }
  if (donation.targetType === "region" && !isWithin(regionCode, donation.targetRegion!)) {
    throw new ApiError(422, "outside_target", `Donation ${donation.id} is for region ${donation.targetRegion} and below only.`, [{ path: input.project_id ? "body.project_id" : "body.village_code", message: "outside the donor's target region" }]);
  }
  const remaining = donation.amountFen - donation.allocatedFen;
  if (input.amount_fen > remaining) {
    throw new ApiError(422, "over_allocation", `The allocation of ${input.amount_fen} fen exceeds what remains of donation ${donation.id}: ${remaining} fen.`, [
      { path: "body.amount_fen", message: `at most ${remaining} fen remain unallocated` },
    ]);
  }
  const id = (ctx.newId ?? newId)("dal");
  const recordedAt = ctx.now.toISOString();
  const append = await appendFor(ctx, tip, [
    {
      type: "donation_allocation",
      subjectId: id,
      recordedAt,
      fields: { donation_id: donation.id, project_id: projectId ?? undefined, village_code: villageCode ?? undefined, date: input.date, amount_fen: input.amount_fen },
    },
  ]);
  const allocation: DonationAllocationRecord = { id, donationId: donation.id, projectId, villageCode, date: input.date, amountFen: input.amount_fen, reversesId: null, reason: null, ledgerIndex: append.entries[0]!.index, recordedAt };
  return {
    body: { data: { id, donation_id: donation.id, ledger_index: append.entries[0]!.index, unallocated_fen: remaining - input.amount_fen, tree_head: publicHead(append.head) } },
    records: [
      { kind: "donation_allocation", row: allocation },
      { kind: "donation", row: { ...donation, allocatedFen: donation.allocatedFen + input.amount_fen } },
      ...(project ? [{ kind: "project" as const, row: { ...project, donatedFen: project.donatedFen + input.amount_fen, updatedAt: recordedAt } }] : []),
    ],
    statements: [
      ...append.statements,
      db.insert(donationAllocations).values(allocation),
      db
        .update(donations)
        .set({ allocatedFen: sql`${donations.allocatedFen} + ${input.amount_fen}` })
        .where(and(eq(donations.id, donation.id), sql`${donations.reversedAt} IS NULL`, sql`${donations.allocatedFen} + ${input.amount_fen} <= ${donations.amountFen}`)),
      guardChanged(db),
      ...(projectId
        ? [db.update(fundProjects).set({ donatedFen: sql`${fundProjects.donatedFen} + ${input.amount_fen}`, updatedAt: recordedAt }).where(eq(fundProjects.id, projectId)), ...FUNDS_DATASETS.map((d) => bumpDatasetVersion(db, d, ctx.now))]
        : []),
      bumpDatasetVersion(db, "donations", ctx.now),
    ],
    tip: append.tip,
    entries: append.entries,
    head: append.head,
    regionCode,
    targetType: "donation_allocation",
    targetId: id,
    summary: `Allocated ${yuan(input.amount_fen)} yuan of donation ${donation.id} to ${projectId ?? villageCode}`,
  } satisfies PreparedWrite<unknown>;
}

// ── Reversals (corrections) ─────────────────────────────────────────────────────────

export interface ReversalInput {
  id: string;
  date: string;
  reason: ReversalReason;
  /** Kept with the record for administrators; not part of the public leaf. */
  note?: string;
}

/**
 * A correction: a new entry that reverses a donation, an allocation or a disbursement in
 * full. The original stays in the ledger; the totals go back as if it had not happened.
 */
export async function reverseEntry(ctx: WriteContext, input: ReversalInput) {
  const prefix = input.id.slice(0, 4);
  if (prefix === "fal_") return reverseFundAllocation(ctx, input);
  if (prefix === "dsb_") return reverseDisbursement(ctx, input);
  if (prefix === "don_") return reverseDonation(ctx, input);
  if (prefix === "dal_") return reverseDonationAllocation(ctx, input);
  throw invalid([{ path: "body.id", message: "must be the id of a fund allocation (fal_), disbursement (dsb_), donation (don_) or donation allocation (dal_)" }]);
}

function alreadyReversed(id: string) {
  return new ApiError(409, "already_reversed", `${id} has already been reversed.`, [{ path: "body.id", message: "already reversed" }]);
}
function notReversible(id: string) {
  return new ApiError(422, "not_reversible", `${id} is itself a reversal; record a new entry instead.`, [{ path: "body.id", message: "is a reversal" }]);
}
function reversalNotFound(id: string) {
  return new ApiError(404, "not_found", `No record has the id ${JSON.stringify(id)}.`, [{ path: "body.id", message: "unknown id" }]);
}

async function reverseFundAllocation(ctx: WriteContext, input: ReversalInput) {
  const { db } = ctx;
  const tip = ctx.tip ?? (await readTip(db));
  const original = await reader(ctx).fundAllocation(input.id);
  if (!original) throw reversalNotFound(input.id);
  const project = await loadProject(ctx, original.projectId, "body.id");
  ctx.scope(project.regionCode, "body.id");
  checkDate(input.date, "body.date", ctx.now);
  if (original.reversesId) throw notReversible(original.id);
  if (await reader(ctx).isReversed("fund_allocation", original.id)) throw alreadyReversed(original.id);
  const line = (await reader(ctx).sourceLine(original.projectId, original.source))!;
  if (line.allocatedFen - original.amountFen < line.disbursedFen) {
    throw new ApiError(422, "already_disbursed", `Reversing ${original.id} would leave less allocated (${line.allocatedFen - original.amountFen} fen) than already disbursed (${line.disbursedFen} fen); reverse disbursements first.`, [
      { path: "body.id", message: "funds already disbursed" },
    ]);
  }
  const id = (ctx.newId ?? newId)("fal");
  const recordedAt = ctx.now.toISOString();
  const append = await appendFor(ctx, tip, [
    {
      type: "fund_allocation_reversal",
      subjectId: id,
      recordedAt,
      fields: { reverses: original.id, project_id: original.projectId, source: original.source, date: input.date, amount_fen: -original.amountFen, reason: input.reason },
    },
  ]);
  const reversal: FundAllocationRecord = {
    id,
    projectId: original.projectId,
    source: original.source,
    date: input.date,
    amountFen: -original.amountFen,
    documentNo: original.documentNo,
    reversesId: original.id,
    reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
    ledgerIndex: append.entries[0]!.index,
    recordedAt,
  };
  return {
    body: reversalBody(id, original.id, append),
    records: [
      { kind: "fund_allocation", row: reversal },
      { kind: "source_line", row: { ...line, allocatedFen: line.allocatedFen - original.amountFen } },
      { kind: "project", row: { ...project, updatedAt: recordedAt } },
    ],
    statements: [
      ...append.statements,
      db.insert(fundAllocations).values(reversal),
      db
        .update(fundProjectSources)
        .set({ allocatedFen: sql`${fundProjectSources.allocatedFen} - ${original.amountFen}` })
        .where(and(eq(fundProjectSources.projectId, original.projectId), eq(fundProjectSources.source, original.source), gte(sql`${fundProjectSources.allocatedFen} - ${original.amountFen}`, fundProjectSources.disbursedFen))),
      guardChanged(db),
      db.update(fundProjects).set({ updatedAt: recordedAt }).where(eq(fundProjects.id, original.projectId)),
      ...FUNDS_DATASETS.map((d) => bumpDatasetVersion(db, d, ctx.now)),
    ],
    tip: append.tip,
    entries: append.entries,
    head: append.head,
    regionCode: project.regionCode,
    targetType: "fund_allocation",
    targetId: id,
    summary: `Reversed fund allocation ${original.id} (${input.reason}) with ${id}`,
  } satisfies PreparedWrite<unknown>;
}

async function reverseDisbursement(ctx: WriteContext, input: ReversalInput) {
  const { db } = ctx;
  const tip = ctx.tip ?? (await readTip(db));
  const original = await reader(ctx).disbursement(input.id);
  if (!original) throw reversalNotFound(input.id);
  const project = await loadProject(ctx, original.projectId, "body.id");
  ctx.scope(project.regionCode, "body.id");
  checkDate(input.date, "body.date", ctx.now);
  if (original.reversesId) throw notReversible(original.id);
  if (await reader(ctx).isReversed("disbursement", original.id)) throw alreadyReversed(original.id);
  const id = (ctx.newId ?? newId)("dsb");
  const recordedAt = ctx.now.toISOString();
  const append = await appendFor(ctx, tip, [
    {
      type: "disbursement_reversal",
      subjectId: id,
      recordedAt,
      fields: {
        reverses: original.id,
        project_id: original.projectId,
        source: original.source,
        date: input.date,
        amount_fen: -original.amountFen,
        receipted_fen: -original.receiptedFen,
        reason: input.reason,
      },
    },
  ]);
  const reversal: DisbursementRecord = {
    id,
    projectId: original.projectId,
    source: original.source,
    date: input.date,
    amountFen: -original.amountFen,
    receiptedFen: -original.receiptedFen,
    documentNo: original.documentNo,
    reversesId: original.id,
    reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
    ledgerIndex: append.entries[0]!.index,
    recordedAt,
  };
  const line = (await reader(ctx).sourceLine(original.projectId, original.source))!;
  return {
    body: reversalBody(id, original.id, append),
    records: [
      { kind: "disbursement", row: reversal },
      { kind: "source_line", row: { ...line, disbursedFen: line.disbursedFen - original.amountFen, receiptedFen: line.receiptedFen - original.receiptedFen } },
      { kind: "project", row: { ...project, updatedAt: recordedAt } },
    ],
    statements: [
      ...append.statements,
      db.insert(disbursements).values(reversal),
      db
        .update(fundProjectSources)
        .set({ disbursedFen: sql`${fundProjectSources.disbursedFen} - ${original.amountFen}`, receiptedFen: sql`${fundProjectSources.receiptedFen} - ${original.receiptedFen}` })
        .where(and(eq(fundProjectSources.projectId, original.projectId), eq(fundProjectSources.source, original.source))),
      guardChanged(db),
      db.update(fundProjects).set({ updatedAt: recordedAt }).where(eq(fundProjects.id, original.projectId)),
      ...FUNDS_DATASETS.map((d) => bumpDatasetVersion(db, d, ctx.now)),
    ],
    tip: append.tip,
    entries: append.entries,
    head: append.head,
    regionCode: project.regionCode,
    targetType: "disbursement",
    targetId: id,
    summary: `Reversed disbursement ${original.id} (${input.reason}) with ${id}`,
  } satisfies PreparedWrite<unknown>;
}

async function reverseDonation(ctx: WriteContext, input: ReversalInput) {
  const { db } = ctx;
  const tip = ctx.tip ?? (await readTip(db));
  const donation = await reader(ctx).donation(input.id);
  if (!donation) throw reversalNotFound(input.id);
  if (donation.regionCode) ctx.scope(donation.regionCode, "body.id");
  checkDate(input.date, "body.date", ctx.now);
  if (donation.reversedAt) throw alreadyReversed(donation.id);
  if (donation.allocatedFen > 0) {
    throw new ApiError(422, "donation_allocated", `Donation ${donation.id} has ${donation.allocatedFen} fen allocated; reverse its allocations first.`, [{ path: "body.id", message: "has allocations" }]);
  }
  const recordedAt = ctx.now.toISOString();
  const append = await appendFor(ctx, tip, [
    { type: "donation_reversal", subjectId: donation.id, recordedAt, fields: { reverses: donation.id, date: input.date, amount_fen: -donation.amountFen, reason: input.reason } },
  ]);
  const reason = input.note ? `${input.reason}: ${input.note}` : input.reason;
  return {
    body: reversalBody(donation.id, donation.id, append),
    records: [{ kind: "donation", row: { ...donation, reversedAt: recordedAt, reversalReason: reason, reversalLedgerIndex: append.entries[0]!.index } }],
    statements: [
      ...append.statements,
      db
        .update(donations)
        .set({ reversedAt: recordedAt, reversalReason: reason, reversalLedgerIndex: append.entries[0]!.index })
        .where(and(eq(donations.id, donation.id), sql`${donations.reversedAt} IS NULL`, eq(donations.allocatedFen, 0))),
      guardChanged(db),
      bumpDatasetVersion(db, "donations", ctx.now),
    ],
    tip: append.tip,
    entries: append.entries,
    head: append.head,
    regionCode: donation.regionCode ?? "",
    targetType: "donation",
    targetId: donation.id,
    summary: `Reversed donation ${donation.id} (${input.reason})`,
  } satisfies PreparedWrite<unknown>;
}

async function reverseDonationAllocation(ctx: WriteContext, input: ReversalInput) {
  const { db } = ctx;
  const tip = ctx.tip ?? (await readTip(db));
  const original = await reader(ctx).donationAllocation(input.id);
  if (!original) throw reversalNotFound(input.id);
  const regionCode = original.villageCode ?? (await loadProject(ctx, original.projectId!, "body.id")).regionCode;
  ctx.scope(regionCode, "body.id");
  checkDate(input.date, "body.date", ctx.now);
  if (original.reversesId) throw notReversible(original.id);
  if (await reader(ctx).isReversed("donation_allocation", original.id)) throw alreadyReversed(original.id);
  const id = (ctx.newId ?? newId)("dal");
  const recordedAt = ctx.now.toISOString();
  const append = await appendFor(ctx, tip, [
    {
      type: "donation_allocation_reversal",
      subjectId: id,
      recordedAt,
      fields: {
        reverses: original.id,
        donation_id: original.donationId,
        project_id: original.projectId ?? undefined,
        village_code: original.villageCode ?? undefined,
        date: input.date,
        amount_fen: -original.amountFen,
        reason: input.reason,
      },
    },
  ]);
  const reversal: DonationAllocationRecord = {
    id,
    donationId: original.donationId,
    projectId: original.projectId,
    villageCode: original.villageCode,
    date: input.date,
    amountFen: -original.amountFen,
    reversesId: original.id,
    reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
    ledgerIndex: append.entries[0]!.index,
    recordedAt,
  };
  const donation = (await reader(ctx).donation(original.donationId))!;
  const project = original.projectId ? await reader(ctx).project(original.projectId) : undefined;
  return {
    body: reversalBody(id, original.id, append),
    records: [
      { kind: "donation_allocation", row: reversal },
      { kind: "donation", row: { ...donation, allocatedFen: donation.allocatedFen - original.amountFen } },
      ...(project ? [{ kind: "project" as const, row: { ...project, donatedFen: project.donatedFen - original.amountFen, updatedAt: recordedAt } }] : []),
    ],
    statements: [
      ...append.statements,
      db.insert(donationAllocations).values(reversal),
      db
        .update(donations)
        .set({ allocatedFen: sql`${donations.allocatedFen} - ${original.amountFen}` })
        .where(and(eq(donations.id, original.donationId), gte(donations.allocatedFen, original.amountFen))),
      guardChanged(db),
      ...(original.projectId
        ? [
            db.update(fundProjects).set({ donatedFen: sql`${fundProjects.donatedFen} - ${original.amountFen}`, updatedAt: recordedAt }).where(eq(fundProjects.id, original.projectId)),
            ...FUNDS_DATASETS.map((d) => bumpDatasetVersion(db, d, ctx.now)),
          ]
        : []),
      bumpDatasetVersion(db, "donations", ctx.now),
    ],
    tip: append.tip,
    entries: append.entries,
    head: append.head,
    regionCode,
    targetType: "donation_allocation",
    targetId: id,
    summary: `Reversed donation allocation ${original.id} (${input.reason}) with ${id}`,
  } satisfies PreparedWrite<unknown>;
}

function reversalBody(id: string, reverses: string, append: { entries: AppendedEntry[]; head: SignedHead }) {
  return { data: { id, reverses, ledger_index: append.entries[0]!.index, tree_head: publicHead(append.head) } };
}

/** A signed head as the public API shows it. */
export function publicHead(head: SignedHead) {
  return {
    tree_size: head.treeSize,
    timestamp: head.timestamp,
    time: new Date(head.timestamp).toISOString(),
    root_hash: head.rootHash,
    signature: head.signature,
    key_id: head.keyId,
  };
}
