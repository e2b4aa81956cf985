/** The project library: adding a project with its budget, and moving it along its life cycle. */
import { and, eq } from "drizzle-orm";
import { guardChanged } from "../admin/guard";
import { fundProjects, fundProjectSources } from "../db/schema";
import { isCalendarDate } from "../domain/funds/dates";
import { canMoveTo, nextStatuses, type AssistanceMeasure, type FundSource, type ProjectStatus } from "../domain/funds/vocabulary";
import { budgetLedgerEntries } from "../ledger/entries";
import { appendFor, bumps, checkDate, FUNDS_DATASETS, ledgerPart, loadProject, loadRegion, nextId, tipOf, writeConflict, yuan, type BudgetLineRecord, type FundsContext, type FundsPlan, type ProjectRecord } from "./funds-context";
import { invalid, requireRole, requireScope, WriteRefusal, type RefusalDetail } from "./plan";

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

export async function createProject(ctx: FundsContext, input: ProjectInput): Promise<FundsPlan<{ data: { id: string; status: ProjectStatus } }>> {
  requireRole(ctx.actor, "editor");
  await loadRegion(ctx, input.region_code, "body.region_code");
  requireScope(ctx.actor, input.region_code, "body.region_code");
  const problems: RefusalDetail[] = [];
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

  const { db } = ctx;
  const tip = await tipOf(ctx);
  const id = nextId(ctx, "prj");
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
    isDemo: input.demo ?? false,
    createdAt: at,
    updatedAt: at,
  };
  // Budget lines are written once, with the project: a budget is never edited afterwards.
  // Each line is public money information, so it gets its own ledger entry
  // (`project_budget`; ledger:verify compares the line with it).
  const append = await appendFor(ctx, tip, budgetLedgerEntries(id, input.region_code, at, input.budget));
  const lines: BudgetLineRecord[] = input.budget.map((line, i) => ({ projectId: id, source: line.source, budgetFen: line.amount_fen, ledgerIndex: append.entries[i]!.index, amendmentId: null }));
  return {
    body: { data: { id, status: "planned" } },
    records: [{ kind: "project", row: project }, ...lines.map((row) => ({ kind: "budget_line" as const, row }))],
    statements: [
      ...append.statements,
      db.insert(fundProjects).values(project),
      ...(lines.length > 0 ? [db.insert(fundProjectSources).values(lines)] : []),
      ...bumps(db, FUNDS_DATASETS, ctx.now),
    ],
    ...ledgerPart(append).part,
    conflict: writeConflict(),
    audit: {
      action: "funds.project.create",
      regionCode: input.region_code,
      targetType: "fund_project",
      targetId: id,
      summary: `Created project ${id} (${input.category}, ${input.year}) with a budget of ${yuan(input.budget.reduce((s, l) => s + l.amount_fen, 0))} yuan`,
    },
  };
}

export interface StatusInput {
  status: ProjectStatus;
  date: string;
}

/** Moves a project one step along its life cycle; the date is the filing, start or completion date. */
export async function changeProjectStatus(ctx: FundsContext, projectId: string, input: StatusInput): Promise<FundsPlan> {
  requireRole(ctx.actor, "editor");
  const { db } = ctx;
  const project = await loadProject(ctx, projectId, "path.id");
  requireScope(ctx.actor, project.regionCode, "path.id");
  checkDate(input.date, "body.date", ctx.now);
  if (!canMoveTo(project.status, input.status)) {
    const allowed = nextStatuses(project.status);
    throw new WriteRefusal("conflict", "invalid_status_change", `A ${project.status} project cannot become ${input.status}${allowed.length ? `; next: ${allowed.join(" or ")}` : ""}.`, [
      { path: "body.status", message: `not allowed after ${project.status}` },
    ]);
  }
  const dates: Partial<ProjectRecord> = {};
  if (input.status === "filed") dates.filedOn = input.date;
  if (input.status === "started") {
    if (project.filedOn && input.date < project.filedOn) throw invalid([{ path: "body.date", message: "must not be before the filing date" }]);
    dates.actualStart = input.date;
  }
  if (input.status === "completed") {
    if (project.actualStart && input.date < project.actualStart) throw invalid([{ path: "body.date", message: "must not be before the start date" }]);
    dates.actualCompletion = input.date;
  }
  const updatedAt = ctx.now.toISOString();
  return {
    body: { data: { id: projectId, status: input.status, previous_status: project.status, date: input.date } },
    records: [{ kind: "project", row: { ...project, status: input.status, ...dates, updatedAt } }],
    // A project's status is not a money row: it moves by a conditional UPDATE, and the
    // guard turns a lost race (someone moved it first) into a conflict.
    statements: [
      db
        .update(fundProjects)
        .set({ status: input.status, ...dates, updatedAt })
        .where(and(eq(fundProjects.id, projectId), eq(fundProjects.status, project.status))),
      guardChanged(db),
      ...bumps(db, FUNDS_DATASETS, ctx.now),
    ],
    entries: [],
    conflict: writeConflict(),
    // A cancellation is its own action: the change feed shows it as `cancelled`, not a plain update.
    audit: { action: input.status === "cancelled" ? "funds.project.cancel" : "funds.project.status", regionCode: project.regionCode, targetType: "fund_project", targetId: projectId, summary: `Project ${projectId}: ${project.status} → ${input.status} on ${input.date}` },
  };
}
