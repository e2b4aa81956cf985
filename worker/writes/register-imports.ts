/**
 * Importing a household register file: the one code path used by
 * POST /api/v1/admin/imports/households, `npm run admin -- import households` (local
 * mode) and the demo generator.
 *
 * All-or-nothing, at any size, without one huge transaction:
 * 1. prepare: parse and validate everything, pseudonymise (nothing written), then compute
 *    the published tables through the disclosure gate (a dry run does both and stops);
 * 2. stage: write the release's row as `staging` BEFORE the gate's minutes (so the region
 *    and year read as being checked: the statistics API's meta.checking, /api/v1/health),
 *    then, once the gate passed, its households and statistics in many batches — invisible,
 *    because every reader joins on status = 'active' (a refused gate deletes the row);
 * 3. activate: ONE batch supersedes the old release of the same scope and year, makes the
 *    new one active, bumps the dataset version (and, from the endpoint, writes the audit
 *    entry and the idempotency record). Before it, the old release is served; after it,
 *    the new one. If anything fails earlier, the staged rows are never seen and are
 *    deleted by the next clean-up of that scope and year (or after an hour);
 * 4. clean up: delete the superseded release's rows in short chunks.
 */
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { guardChanged } from "../admin/guard";
import { chunk } from "../db/batch";
import { registerReleases } from "../db/schema";
import type { Db } from "../db/client";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import {
  activationStatements,
  cleanUpReleases,
  getActiveRelease,
  householdInserts,
  insertReleaseStatement,
  overlapGuardStatement,
  overlappingActiveReleases,
  REGISTER_OVERLAP_ABORT,
  regionLevels,
  REGISTER_DATASET,
  releaseRows,
  statisticsInserts,
  type HouseholdInsert,
  type ReleaseRow,
} from "../db/queries/register";
import { computeRegisterTables, type GateProgress, type NeighbourRelease, type PublishedRow, type RegisterHouseholdFacts, type RegisterTables } from "../domain/disclosure/tables";
import type { GateBudget } from "../domain/disclosure/joint-protect";
import { cachedTables, storeTables, tablesKey } from "../domain/disclosure/tables-cache";
import { createPseudonymizer } from "../domain/pseudonym";
import { ancestorCode, isWithin, levelOfCode, REGION_LEVELS } from "../domain/region-codes";
import { parseRegister, type ImportProblem, type ParsedHousehold } from "../domain/register-import/parse";
import { sha256Hex } from "../domain/secure-random";
import { requireRole, requireScope, WriteRefusal, type Actor, type AuditFacts, type WriteContext, type WritePlan } from "./plan";

export interface HouseholdImportInput {
  /** The file's text (decoded; a BOM is ignored). */
  text: string;
  year: number;
  /** The release's scope: a county, city or province code. */
  scopeCode: string;
  /** The administrator's region: every village must lie within it (and within the scope). */
  tokenRegion: string;
  createdBy: string;
  pseudonymKey: string | undefined;
  now?: Date;
}

export interface ImportSummary {
  release_id: string;
  scope_code: string;
  year: number;
  file_sha256: string;
  households: number;
  people: number;
  villages: number;
  statistics_rows: number;
  withheld_figures: number;
  ignored_columns: string[];
  /** The release this import replaces (same scope and year), if any. */
  replaces_release_id: string | null;
  /** The disclosure gate and rules version its tables were (or are to be) computed under (migration 0036). */
  disclosure_gate: DisclosureGate;
  disclosure_rules: number;
  /** The replaced release had the same file, published under an older gate or rules: a republish. */
  republished: boolean;
}

export type PreparedImport =
  | { kind: "unchanged"; release: ReleaseRow; summary: ImportSummary }
  | { kind: "new"; summary: ImportSummary; households: HouseholdInsert[]; statistics: PublishedRow[]; createdAt: string };

/** A file checked and pseudonymised, its tables not computed yet (the gate's minutes come after). */
export type CheckedImport =
  | Extract<PreparedImport, { kind: "unchanged" }>
  | { kind: "new"; summary: ImportSummary; households: HouseholdInsert[]; parsed: readonly ParsedHousehold[]; createdAt: string };

/** Problems reported in one error response; the message gives the total. */
export const MAX_REPORTED_PROBLEMS = 500;
/** Bulk statements per staging batch (each carries up to 1,000 rows in one JSON parameter). */
export const STATEMENTS_PER_BATCH = 10;
export const SCOPE_LEVELS = ["province", "city", "county"] as const;

export function newReleaseId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `rel_${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

function invalidFile(problems: readonly ImportProblem[], rows: number): WriteRefusal {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
  const more = problems.length > shown.length ? ` (the first ${shown.length} are listed)` : "";
  return new WriteRefusal(
    "unprocessable",
    "invalid_register_file",
    `The register file has ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${rows} row${rows === 1 ? "" : "s"}${more}; nothing was imported.`,
    shown.map((p) => ({ path: p.path, message: p.message })),
  );
}

/** Step 1: everything but writing. Throws WriteRefusal for a file or scope that cannot be imported. */
export async function prepareHouseholdImport(db: Db, input: HouseholdImportInput): Promise<PreparedImport> {
  const checked = await checkHouseholdImport(db, input);
  return checked.kind === "unchanged" ? checked : computeImportTables(db, checked);
}

/** Step 1a: parse, check, choose the target release and pseudonymise (seconds; nothing written). */
export async function checkHouseholdImport(db: Db, input: HouseholdImportInput): Promise<CheckedImport> {
  const now = (input.now ?? new Date()).toISOString();
  requireReleaseScope(input.scopeCode);
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  const parsed = parseRegister(text, input.year);
  const problems = [...parsed.problems];

  const villageCodes = [...new Set(parsed.households.map((h) => h.villageCode))];
  problems.push(...(await villageProblems(db, parsed.households, input.scopeCode, input.tokenRegion)));
  if (problems.length > 0) throw invalidFile(problems.sort(byLine), parsed.rows);

  const fileSha256 = await sha256Hex(text);
  const base = { scope_code: input.scopeCode, year: input.year, file_sha256: fileSha256, ignored_columns: parsed.ignoredColumns };
  const target = await releaseTarget(db, input.scopeCode, input.year, fileSha256);
  if ("unchanged" in target) return { kind: "unchanged", release: target.unchanged, summary: unchangedSummary(target.unchanged, base.ignored_columns) };
  const active = target.replaces;

  const households = await toHouseholdInserts(parsed.households, await createPseudonymizer(input.pseudonymKey), "");
  const releaseId = newReleaseId();
  for (const h of households) h.releaseId = releaseId;
  const gate = currentDisclosureGate();
  return {
    kind: "new",
    households,
    parsed: parsed.households,
    createdAt: now,
    summary: {
      ...base,
      release_id: releaseId,
      households: households.length,
      people: households.reduce((sum, h) => sum + h.householdSize, 0),
      villages: villageCodes.length,
      statistics_rows: 0,
      withheld_figures: 0,
      replaces_release_id: active?.id ?? null,
      disclosure_gate: gate.gate,
      disclosure_rules: gate.rules,
      republished: target.republish,
    },
  };
}

/** Step 1b: the published tables, through the disclosure gate (seconds to minutes of CPU). */
export async function computeImportTables(db: Db, checked: Extract<CheckedImport, { kind: "new" }>): Promise<Extract<PreparedImport, { kind: "new" }>> {
  const { summary } = checked;
  const gate = currentDisclosureGate();
  const tables = await registerTables(checked.parsed, summary.year, await previousYearReleases(db, summary.scope_code, summary.year));
  return {
    kind: "new",
    households: checked.households,
    statistics: tables.rows,
    createdAt: checked.createdAt,
    summary: { ...summary, statistics_rows: tables.rows.length, withheld_figures: tables.withheld, disclosure_gate: gate.gate, disclosure_rules: gate.rules },
  };
}

/** A release covers a whole county, city or province. */
export function requireReleaseScope(scopeCode: string): void {
  if (!(SCOPE_LEVELS as readonly string[]).includes(levelOfCode(scopeCode))) {
    throw new WriteRefusal("invalid", "invalid_request", "A register release covers a whole county (or a city or province): query.region must be one.", [
      { path: "query.region", message: "must be a county, city or province code" },
    ]);
  }
}

/**
 * What a checked file of this scope and year does: nothing when it is the active release's
 * own file published under the current disclosure gate and rules (`unchanged`), otherwise it
 * replaces the active release (if any) — the same file under a newer gate is a republish.
 * Refused when an active release of another, overlapping region holds the same households' year.
 */
export async function releaseTarget(db: Db, scopeCode: string, year: number, fileSha256: string): Promise<{ unchanged: ReleaseRow } | { replaces: ReleaseRow | undefined; republish: boolean }> {
  const active = await getActiveRelease(db, scopeCode, year);
  const sameFile = active !== undefined && active.fileSha256 === fileSha256;
  if (active && sameFile && !releaseOutOfDate(active)) return { unchanged: active };
  const overlapping = await overlappingActiveReleases(db, scopeCode, year, ancestorsOf(scopeCode));
  if (overlapping.length > 0) {
    throw new WriteRefusal(
      "conflict",
      "release_overlaps",
      `An active ${year} release for region ${overlapping[0]!.scopeCode} overlaps region ${scopeCode}; import for that region instead, so no household is counted twice.`,
      overlapping.map((r) => ({ path: "query.region", message: `overlaps active release ${r.id} (region ${r.scopeCode})` })),
    );
  }
  return { replaces: active, republish: sameFile };
}

/**
 * The disclosure rules' version, stored on every release (migration 0036) with its gate. Bump
 * it whenever the published tables of the same file would change — a new metric, a changed
 * rule or band — so releases published before read as out of date and a re-send republishes.
 * 0: releases from before migration 0036 (some before 0032's edge and unstable metrics).
 * 1: the rules of session 7 (every metric of METRIC_CODES, villages' totals only).
 */
export const DISCLOSURE_RULES_VERSION = 1;

export type DisclosureGate = "per-metric" | "joint";
const GATE_RANK: Record<DisclosureGate, number> = { "per-metric": 0, joint: 1 };

/** The gate and rules version an import run now computes its tables under. */
export function currentDisclosureGate(): { gate: DisclosureGate; rules: number } {
  return { gate: jointGateAtImport ? "joint" : "per-metric", rules: DISCLOSURE_RULES_VERSION };
}

/**
 * Published under an older gate (per-metric while imports run the joint gate) or older rules:
 * its file sent again republishes it. A release under a stronger gate than today's is not out
 * of date (switching the joint gate off never asks for a republish).
 */
export function releaseOutOfDate(release: { disclosureGate: DisclosureGate; disclosureRules: number }, current = currentDisclosureGate()): boolean {
  return release.disclosureRules < current.rules || GATE_RANK[release.disclosureGate] < GATE_RANK[current.gate];
}

export function unchangedSummary(active: ReleaseRow, ignoredColumns: string[]): ImportSummary {
  return {
    release_id: active.id,
    scope_code: active.scopeCode,
    year: active.year,
    file_sha256: active.fileSha256,
    ignored_columns: ignoredColumns,
    households: active.households,
    people: active.people,
    villages: active.villages,
    statistics_rows: active.statisticsRows,
    withheld_figures: active.withheldFigures,
    replaces_release_id: null,
    disclosure_gate: active.disclosureGate,
    disclosure_rules: active.disclosureRules,
    republished: false,
  };
}

/** Rows whose village is unknown, not a village, or outside the actor's region or the release's scope. */
export async function villageProblems(db: Db, households: readonly ParsedHousehold[], scopeCode: string, actorRegion: string): Promise<ImportProblem[]> {
  const known = await regionLevels(db, [...new Set(households.map((h) => h.villageCode))]);
  const problems: ImportProblem[] = [];
  for (const household of households) {
    const path = `line ${household.line}, column village_code`;
    const level = known.get(household.villageCode);
    if (level === undefined) problems.push({ path, message: "unknown village code" });
    else if (level !== "village") problems.push({ path, message: "is not a village" });
    else if (!isWithin(household.villageCode, actorRegion)) problems.push({ path, message: "village is outside your token's region" });
    else if (!isWithin(household.villageCode, scopeCode)) problems.push({ path, message: `village is outside the release's region ${scopeCode}` });
  }
  return problems;
}

/** Households as stored: the register number replaced by its keyed pseudonym (R1), nothing else kept. */
export async function toHouseholdInserts(parsed: readonly ParsedHousehold[], pseudonymOf: (registerNo: string) => Promise<string>, releaseId: string): Promise<HouseholdInsert[]> {
  const households: HouseholdInsert[] = [];
  for (const part of chunk(parsed, 1000)) {
    const pseudonyms = await Promise.all(part.map((h) => pseudonymOf(h.registerNo)));
    part.forEach((h, i) => {
      households.push({
        releaseId,
        pseudonym: pseudonyms[i]!,
        villageCode: h.villageCode,
        householdSize: h.householdSize,
        cause: h.cause,
        measures: h.measures.join(";"),
        identifiedYear: h.identifiedYear,
        exitYear: h.exitYear,
        returnedYear: h.returnedYear,
        monitoring: h.monitoring,
      });
    });
  }
  return households;
}

/**
 * Whether imports run the joint gate (issue 16, joint-protect.ts): ON. Every import path
 * publishes what the exact joint attacker cannot narrow. Measured (docs/register-and-
 * disclosure.md, "Cost"): the demo's 2016 release ~60–80 s of CPU, its linked 2017 release
 * ~3 minutes, in Node. The console's import settles it a township block per queue message
 * (worker/import/steps.ts GATE_BLOCKS_PER_STEP), so a 400-village county's linked year never
 * needs more than a block's CPU in one invocation; the admin API's one-request import runs it
 * whole (fine for a township's or a small county's file, not for a large county's: use the
 * console upload). The test run's global setup and `npm start` compute the demo's releases in
 * Node once and keep them (tables-cache.ts). `useJointGateAtImport(false)` is for tests and
 * benches that compare with the per-metric gate (protect.ts) alone.
 */
export const JOINT_GATE_BY_DEFAULT = true;
let jointGateAtImport = JOINT_GATE_BY_DEFAULT;

export function useJointGateAtImport(on: boolean): void {
  jointGateAtImport = on;
}

/**
 * The published tables of a release: THE computation every import path calls (API, CLI,
 * demo, the console's background step), so a change to the disclosure rules reaches all.
 * With the joint gate on, every figure is withheld until the exact attacker, holding this
 * release and the previous year's (`neighbours`), passes; if any count stays exposed the
 * import is refused. Its result for the same input may come from the content-addressed
 * cache (tables-cache.ts; the key includes whether the joint gate ran), which only this
 * computation fills.
 */
export async function registerTables(households: Iterable<RegisterHouseholdFacts>, year: number, neighbours: readonly NeighbourRelease[] = []): Promise<RegisterTables> {
  const step = await registerTablesStep(households, year, neighbours);
  if ("paused" in step) throw new Error("the disclosure gate paused without a budget");
  return step.tables;
}

/** Where a paused gate stands, with the hash of its input (a different input starts over). */
export interface PausedTables {
  key: string;
  progress: GateProgress;
}

/**
 * `registerTables` in bounded steps, for the console import's queue (worker/import/steps.ts):
 * with a `budget` the joint gate pauses between township blocks once it is spent and returns
 * where it stands; called again with that, it goes on. The result equals one uninterrupted
 * run; the cache and the refusal of unresolved figures apply to it alike.
 */
export async function registerTablesStep(
  households: Iterable<RegisterHouseholdFacts>,
  year: number,
  neighbours: readonly NeighbourRelease[] = [],
  resume?: PausedTables,
  budget?: GateBudget,
): Promise<{ tables: RegisterTables } | { paused: PausedTables }> {
  const list = [...households];
  const joint = jointGateAtImport;
  const key = await tablesKey(list, year, neighbours, joint);
  const cached = await cachedTables(key);
  if (cached) return { tables: cached };
  // Progress made on another input (a neighbouring release changed in between) is dropped.
  const progress = resume?.key === key ? resume.progress : undefined;
  const { paused, ...tables } = await computeRegisterTables(list, year, { joint, neighbours, resume: progress, budget });
  if (paused) return { paused: { key, progress: paused } };
  if (tables.unresolved > 0) {
    throw new WriteRefusal(
      "unprocessable",
      "disclosure_unresolved",
      `The disclosure gate could not protect ${tables.unresolved} figure${tables.unresolved === 1 ? "" : "s"} of this release; nothing was imported.`,
      tables.violations.slice(0, MAX_REPORTED_PROBLEMS).map((v) => ({ path: "body", message: `${v.cell.year} ${v.cell.level} ${v.cell.region} ${v.cell.breakdown}/${v.cell.category} ${v.cell.metric}: feasible ${v.lo}–${v.hi}; ${v.rule}` })),
    );
  }
  await storeTables(key, tables);
  return { tables };
}

/**
 * The previous year's published rows that the attacker also holds, for the joint gate: the
 * active releases of year − 1 of this scope or an overlapping one, within this scope.
 */
export async function previousYearReleases(db: Db, scopeCode: string, year: number): Promise<NeighbourRelease[]> {
  const releases = [await getActiveRelease(db, scopeCode, year - 1), ...(await overlappingActiveReleases(db, scopeCode, year - 1, ancestorsOf(scopeCode)))].filter((r) => r !== undefined);
  const rows: PublishedRow[] = [];
  for (const release of releases) {
    // A release of a wider region holds this scope's rows; one of a narrower region, its own.
    const region = isWithin(release.scopeCode, scopeCode) ? release.scopeCode : scopeCode;
    rows.push(...(await releaseRows(db, release.id, region)));
  }
  return rows.length > 0 ? [{ year: year - 1, rows }] : [];
}

/** The audit row of an import that switched a release on (whichever path it came by). */
export function importAuditFacts(summary: ImportSummary): AuditFacts {
  return {
    action: "register.import",
    targetType: "register_release",
    targetId: summary.release_id,
    regionCode: summary.scope_code,
    summary: `${summary.republished ? "Republished" : "Imported"} the ${summary.year} household register for ${summary.scope_code}: ${summary.households} households, ${summary.people} people in ${summary.villages} villages (file sha256 ${summary.file_sha256.slice(0, 12)}…)${summary.replaces_release_id ? `; replaces ${summary.replaces_release_id}` : ""}${summary.republished ? ", the same file published under an older disclosure gate" : ""}; disclosure gate ${summary.disclosure_gate}, rules ${summary.disclosure_rules}.`,
  };
}

function byLine(a: ImportProblem, b: ImportProblem): number {
  const line = (p: ImportProblem) => Number(/line (\d+)/.exec(p.path)?.[1] ?? 0);
  return line(a) - line(b);
}

/**
 * Step 2a: the release's row as `staging`, before the gate runs (invisible to every reader of
 * figures; the statistics API and /api/v1/health report its region and year as being checked).
 */
export async function insertStagingRelease(db: Db, checked: Extract<CheckedImport, { kind: "new" }>, createdBy: string): Promise<void> {
  const { summary } = checked;
  await db.batch([
    insertReleaseStatement(db, {
      id: summary.release_id,
      scopeCode: summary.scope_code,
      year: summary.year,
      fileSha256: summary.file_sha256,
      status: "staging",
      createdBy,
      createdAt: checked.createdAt,
      households: summary.households,
      people: summary.people,
      villages: summary.villages,
      statisticsRows: 0,
      withheldFigures: 0,
      disclosureGate: summary.disclosure_gate,
      disclosureRules: summary.disclosure_rules,
    }),
  ]);
}

/**
 * Steps 1b and 2 after a checked file: the staging release's row first (so the region-year
 * reads as being checked while the gate runs), then the tables, then the release's rows,
 * batch by batch (invisible until activated). A refused gate removes the staging row again.
 */
export async function stageRelease(
  db: Db,
  checked: Extract<CheckedImport, { kind: "new" }>,
  createdBy: string,
  onProgress?: (written: number, total: number) => void,
): Promise<Extract<PreparedImport, { kind: "new" }>> {
  await insertStagingRelease(db, checked, createdBy);
  let prepared: Extract<PreparedImport, { kind: "new" }>;
  try {
    prepared = await computeImportTables(db, checked);
  } catch (error) {
    await db.delete(registerReleases).where(and(eq(registerReleases.id, checked.summary.release_id), eq(registerReleases.status, "staging")));
    throw error;
  }
  const { summary } = prepared;
  const d1 = db.$client;
  const statements = [...householdInserts(d1, summary.release_id, prepared.households), ...statisticsInserts(d1, summary.release_id, summary.year, prepared.statistics)];
  const total = prepared.households.length + prepared.statistics.length;
  let written = 0;
  const perStatement = total / Math.max(1, statements.length);
  for (const group of chunk(statements, STATEMENTS_PER_BATCH)) {
    await d1.batch(group);
    written = Math.min(total, written + group.length * perStatement);
    onProgress?.(Math.round(written), total);
  }
  await db
    .update(registerReleases)
    .set({ statisticsRows: summary.statistics_rows, withheldFigures: summary.withheld_figures, disclosureGate: summary.disclosure_gate, disclosureRules: summary.disclosure_rules })
    .where(and(eq(registerReleases.id, summary.release_id), eq(registerReleases.status, "staging")));
  return prepared;
}

function ancestorsOf(scopeCode: string): string[] {
  return REGION_LEVELS.filter((l) => REGION_LEVELS.indexOf(l) < REGION_LEVELS.indexOf(levelOfCode(scopeCode))).map((l) => ancestorCode(scopeCode, l));
}

/**
 * Step 3's statements, for the caller's final batch: the switch of the active release,
 * guarded twice — the staged release must still be there (write_guard), and no overlapping
 * release of the year may have become active since the check in step 1 (migration 0007).
 */
export function activateReleaseStatements(db: Db, summary: ImportSummary, now: Date): BatchItem<"sqlite">[] {
  const release = { id: summary.release_id, scopeCode: summary.scope_code, year: summary.year };
  const [supersede, activate] = activationStatements(db, release, now.toISOString());
  return [supersede, activate, guardChanged(db), overlapGuardStatement(db, release, ancestorsOf(summary.scope_code)), bumpDatasetVersion(db, REGISTER_DATASET, now)];
}

export interface RegisterImportRequest {
  text: string;
  year: number;
  /** The release's region; the actor's own region when not given. */
  scopeCode?: string;
  pseudonymKey: string | undefined;
}

export type ImportResult = { status: "dry_run" | "unchanged" | "imported"; summary: ImportSummary };

/** Who may import a release of `scopeCode`: an editor whose scope holds it. */
export function requireImporter(actor: Actor, scopeCode: string): void {
  requireRole(actor, "editor");
  requireScope(actor, scopeCode, "query.region");
}

function importInput(ctx: Pick<WriteContext, "actor" | "now">, request: RegisterImportRequest): HouseholdImportInput {
  const scopeCode = request.scopeCode ?? ctx.actor.regionCode;
  requireImporter(ctx.actor, scopeCode);
  return { text: request.text, year: request.year, scopeCode, tokenRegion: ctx.actor.regionCode, createdBy: ctx.actor.id, pseudonymKey: request.pseudonymKey, now: ctx.now };
}

/** A dry run: every check and the summary, nothing written. */
export async function previewHouseholdImport(ctx: WriteContext, request: RegisterImportRequest): Promise<ImportResult> {
  return { status: "dry_run", summary: (await prepareHouseholdImport(ctx.db, importInput(ctx, request))).summary };
}

/**
 * The import as a write for the admin API: prepares, stages the release (invisible until
 * activated; a register is too large for one batch) and plans the activation batch.
 * `afterCommit` deletes the superseded release's rows once the switch has run.
 */
export async function planHouseholdImport(ctx: WriteContext, request: RegisterImportRequest): Promise<WritePlan<ImportResult>> {
  const input = importInput(ctx, request);
  const { db } = ctx;
  const checked = await checkHouseholdImport(db, input);
  if (checked.kind === "unchanged") {
    return { body: { status: "unchanged", summary: checked.summary }, statements: [], audit: null, conflict: new WriteRefusal("conflict", "import_conflict", "Nothing to switch.") };
  }
  const prepared = await stageRelease(db, checked, input.createdBy);
  return activationPlan(ctx, prepared.summary, []);
}

/**
 * Switching a staged release on, as a write: the activation batch (with the caller's own
 * statements, e.g. the console's job moving to `published`) and the audit row naming the
 * actor. The admin API's import and the console's confirmation both end here.
 */
export function activationPlan(ctx: WriteContext, summary: ImportSummary, extra: BatchItem<"sqlite">[]): WritePlan<ImportResult> {
  requireImporter(ctx.actor, summary.scope_code);
  const { db, now } = ctx;
  return {
    body: { status: "imported", summary },
    statements: [...activateReleaseStatements(db, summary, now), ...extra],
    conflict: new WriteRefusal("conflict", "import_conflict", "The staged release was removed before it could be switched on (another import cleaned it up). Send the file again."),
    raced: [
      {
        constraint: REGISTER_OVERLAP_ABORT,
        refusal: new WriteRefusal("conflict", "release_overlaps", `An overlapping ${summary.year} release became active while this one for ${summary.scope_code} was being imported; nothing was switched. Import for one of the two regions only, so no household is counted twice.`, [
          { path: "query.region", message: "an overlapping release became active first" },
        ]),
      },
    ],
    audit: importAuditFacts(summary),
    afterCommit: () => cleanUpReleases(db, summary.scope_code, summary.year),
  };
}

/**
 * The whole import for callers without an HTTP request (CLI local mode, demo data):
 * prepare, stage, activate (with `extraStatements`, e.g. an audit entry, in the same
 * batch) and clean up.
 */
export async function importHouseholds(
  db: Db,
  input: HouseholdImportInput,
  options: { dryRun?: boolean; onProgress?: (written: number, total: number) => void; extraStatements?: (summary: ImportSummary) => BatchItem<"sqlite">[] } = {},
): Promise<{ status: "dry_run" | "unchanged" | "imported"; summary: ImportSummary }> {
  if (options.dryRun) return { status: "dry_run", summary: (await prepareHouseholdImport(db, input)).summary };
  const checked = await checkHouseholdImport(db, input);
  if (checked.kind === "unchanged") return { status: "unchanged", summary: checked.summary };
  const prepared = await stageRelease(db, checked, input.createdBy, options.onProgress);
  const now = input.now ?? new Date();
  const [first, ...rest] = [...activateReleaseStatements(db, prepared.summary, now), ...(options.extraStatements?.(prepared.summary) ?? [])];
  await db.batch([first!, ...rest]);
  await cleanUpReleases(db, input.scopeCode, input.year, now);
  return { status: "imported", summary: prepared.summary };
}
