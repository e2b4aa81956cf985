/**
 * Amending a project: its names or its budget by fund source, with a public reason. Money
 * rows are written once (migration 0006), so an amendment never edits a budget line: it is a
 * new row (fund_project_amendments) with one row per line it changes, stating the amount
 * before and after, each with its ledger entry. The line's budget is then its original
 * amount plus these changes (the fund_source_totals view), and ledger:verify checks that each
 * "before" is what the earlier rows add up to. Names are not money: the project row takes the
 * new names, and the amendment keeps the old ones for the public history.
 *
 * An amendment may also add a fund source the project does not have yet (migration 0035): a
 * new budget line of 0 fen, recorded with the amendment (its own `project_budget` entry, the
 * row naming the amendment), and the change 0 → amount like any other line's. Allocations and
 * disbursements from that source are then possible; nothing existing is updated.
 */
import { eq } from "drizzle-orm";
import { fundProjectAmendments, fundProjectBudgetAmendments, fundProjects, fundProjectSources } from "../db/schema";
import type { FundSource } from "../domain/funds/vocabulary";
import { amendmentLedgerEntries, amendmentReasonHash, budgetLedgerEntries } from "../ledger/entries";
import { appendFor, bumps, checkDate, FUNDS_DATASETS, ledgerPart, loadProject, nextId, reader, refuseCancelled, tipOf, writeConflict, yuan, type FundsContext, type FundsPlan, type ProjectAmendmentRecord, type BudgetAmendmentRecord, type BudgetLineRecord } from "./funds-context";
import { invalid, requireRole, requireScope, WriteRefusal, type RefusalDetail } from "./plan";

export interface AmendmentInput {
  date: string;
  reason_zh: string;
  reason_en?: string | null;
  name_zh?: string;
  name_en?: string;
  /**
   * New budget amounts of lines the project has; a line left out keeps its amount. A source the
   * project does not have yet is added with this amount (0 adds nothing).
   */
  budget?: { source: FundSource; amount_fen: number }[];
}

export interface AmendmentResult {
  data: { id: string; project_id: string; ledger_index: number; budget_fen: number; changes: number };
}

/**
 * Amends a project. An administrator's act (a budget is changed by a decision of the office
 * that set it, not by the clerk who books allocations), within their scope. A name or amount
 * equal to the current one is not a change; an amendment that changes nothing is refused.
 */
export async function amendProject(ctx: FundsContext, projectId: string, input: AmendmentInput): Promise<FundsPlan<AmendmentResult>> {
  requireRole(ctx.actor, "admin");
  // The tip first (funds-context.ts): a racing write makes this batch fail, not the checks stale.
  const tip = await tipOf(ctx);
  const project = await loadProject(ctx, projectId, "path.id");
  requireScope(ctx.actor, project.regionCode, "path.id");
  checkDate(input.date, "body.date", ctx.now);
  refuseCancelled(project, "path.id", "; a cancelled project is not amended");

  const problems: RefusalDetail[] = [];
  const seen = new Set<string>();
  (input.budget ?? []).forEach((line, i) => {
    if (seen.has(line.source)) problems.push({ path: `body.budget.${i}.source`, message: "appears twice" });
    seen.add(line.source);
  });
  if (problems.length > 0) throw invalid(problems);

  const lines: BudgetAmendmentRecord[] = [];
  /** Sources the amendment adds: new lines of 0 fen, then changed like the others. */
  const added: BudgetLineRecord[] = [];
  const records = reader(ctx);
  for (const [i, line] of (input.budget ?? []).entries()) {
    const current = await records.sourceLine(project.id, line.source);
    if (!current) {
      if (line.amount_fen === 0) continue;
      added.push({ projectId: project.id, source: line.source, budgetFen: 0, ledgerIndex: -1, amendmentId: "" });
      lines.push({ amendmentId: "", projectId: project.id, source: line.source, previousBudgetFen: 0, budgetFen: line.amount_fen, ledgerIndex: -1 });
      continue;
    }
    // Money already allocated from a line stays covered by its budget.
    if (line.amount_fen < current.allocatedFen) {
      throw new WriteRefusal("unprocessable", "budget_below_allocated", `The ${line.source} budget of ${project.id} cannot go below the ${current.allocatedFen} fen already allocated from it.`, [
        { path: `body.budget.${i}.amount_fen`, message: `at least ${current.allocatedFen} fen are already allocated` },
      ]);
    }
    if (line.amount_fen !== current.budgetFen) {
      lines.push({ amendmentId: "", projectId: project.id, source: line.source, previousBudgetFen: current.budgetFen, budgetFen: line.amount_fen, ledgerIndex: -1 });
    }
  }
  const nameZh = input.name_zh !== undefined && input.name_zh !== project.nameZh ? input.name_zh : null;
  const nameEn = input.name_en !== undefined && input.name_en !== project.nameEn ? input.name_en : null;
  if (lines.length === 0 && nameZh === null && nameEn === null) {
    throw new WriteRefusal("unprocessable", "nothing_to_amend", `The amendment changes nothing: the names and budget given are ${project.id}'s current ones.`, [
      { path: "body", message: "give a new name or a new budget amount" },
    ]);
  }

  const id = nextId(ctx, "pam");
  const at = ctx.now.toISOString();
  const reasonEn = input.reason_en ?? null;
  const amendment: ProjectAmendmentRecord = {
    id,
    projectId: project.id,
    date: input.date,
    reasonZh: input.reason_zh,
    reasonEn,
    previousNameZh: nameZh === null ? null : project.nameZh,
    nameZh,
    previousNameEn: nameEn === null ? null : project.nameEn,
    nameEn,
    ledgerIndex: -1,
    recordedAt: at,
  };
  const append = await appendFor(
    ctx,
    tip,
    amendmentLedgerEntries({
      id,
      projectId: project.id,
      regionCode: project.regionCode,
      date: input.date,
      recordedAt: at,
      reasonHash: await amendmentReasonHash(input.reason_zh, reasonEn),
      names: amendment,
      budget: lines,
    }).concat(budgetLedgerEntries(project.id, project.regionCode, at, added.map((line) => ({ source: line.source, amount_fen: 0 })))),
  );
  // Entries: the amendment's, one per changed line, then the added lines' own (0 fen).
  amendment.ledgerIndex = append.entries[0]!.index;
  lines.forEach((line, i) => {
    line.amendmentId = id;
    line.ledgerIndex = append.entries[i + 1]!.index;
  });
  added.forEach((line, i) => {
    line.amendmentId = id;
    line.ledgerIndex = append.entries[lines.length + 1 + i]!.index;
  });
  const renamed = { nameZh: nameZh ?? project.nameZh, nameEn: nameEn ?? project.nameEn, updatedAt: at };
  const { db } = ctx;
  const budgetFen = await currentBudget(ctx, project.id, lines);
  const isNew = (source: string) => added.some((line) => line.source === source);
  const changed = [
    ...(nameZh === null ? [] : [`name_zh "${project.nameZh}" → "${nameZh}"`]),
    ...(nameEn === null ? [] : [`name_en "${project.nameEn}" → "${nameEn}"`]),
    ...lines.map((l) => `${l.source} ${yuan(l.previousBudgetFen)} → ${yuan(l.budgetFen)} yuan${isNew(l.source) ? " (new source)" : ""}`),
  ];
  return {
    body: { data: { id, project_id: project.id, ledger_index: amendment.ledgerIndex, budget_fen: budgetFen, changes: changed.length } },
    records: [
      { kind: "project", row: { ...project, ...renamed } },
      { kind: "project_amendment", row: amendment },
      ...added.map((row) => ({ kind: "budget_line" as const, row })),
      ...lines.map((row) => ({ kind: "budget_amendment" as const, row })),
    ],
    statements: [
      ...append.statements,
      db.insert(fundProjectAmendments).values(amendment),
      // The added lines before the changes that bring them from 0 (and after their amendment, which they name).
      ...(added.length > 0 ? [db.insert(fundProjectSources).values(added)] : []),
      ...(lines.length > 0 ? [db.insert(fundProjectBudgetAmendments).values(lines)] : []),
      // The project row is not a money row: its names and "updated" time change in place.
      db.update(fundProjects).set(renamed).where(eq(fundProjects.id, project.id)),
      ...bumps(db, FUNDS_DATASETS, ctx.now),
    ],
    ...ledgerPart(append).part,
    conflict: writeConflict(),
    audit: {
      action: "funds.project.amend",
      regionCode: project.regionCode,
      targetType: "fund_project",
      targetId: project.id,
      summary: `Amended project ${project.id} (${id}): ${changed.join("; ")}`,
    },
  };
}

/** The project's whole budget once the amendment's lines apply (an added source's line included). */
async function currentBudget(ctx: FundsContext, projectId: string, changes: readonly BudgetAmendmentRecord[]): Promise<number> {
  const lines = await reader(ctx).sourceLines(projectId);
  const existing = lines.reduce((sum, line) => sum + (changes.find((c) => c.source === line.source)?.budgetFen ?? line.budgetFen), 0);
  return existing + changes.filter((c) => !lines.some((line) => line.source === c.source)).reduce((sum, c) => sum + c.budgetFen, 0);
}
