/** Public funds allocated to a project (资金下达), within the budget of their source. */
import { fundAllocations } from "../db/schema";
import type { FundSource } from "../domain/funds/vocabulary";
import {
  appendEvent,
  projectRowPlan,
  nextId,
  reader,
  startProjectRow,
  refuseCancelled,
  yuan,
  type FundAllocationRecord,
  type FundsContext,
  type FundsPlan,
} from "./funds-context";
import { WriteRefusal } from "./plan";

export interface AllocationInput {
  project_id: string;
  source: FundSource;
  date: string;
  amount_fen: number;
  document_no: string;
}

export async function allocateFunds(ctx: FundsContext, input: AllocationInput): Promise<FundsPlan> {
  const { db } = ctx;
  const { tip, project } = await startProjectRow(ctx, input);
  refuseCancelled(project, "body.project_id", "; no funds can be allocated to it");
  const line = await reader(ctx).sourceLine(project.id, input.source);
  if (!line) {
    throw new WriteRefusal("unprocessable", "no_budget_for_source", `Project ${project.id} has no budget from the ${input.source} source.`, [{ path: "body.source", message: "not in the project's budget" }]);
  }
  const remaining = line.budgetFen - line.allocatedFen;
  if (input.amount_fen > remaining) {
    throw new WriteRefusal("unprocessable", "over_allocation", `The allocation of ${input.amount_fen} fen exceeds the ${input.source} budget remaining for ${project.id}: ${remaining} fen.`, [
      { path: "body.amount_fen", message: `at most ${remaining} fen remain in the budget` },
    ]);
  }
  const id = nextId(ctx, "fal");
  const ledger = await appendEvent(ctx, tip, "fund_allocation", id, { project_id: project.id, region_code: project.regionCode, source: input.source, date: input.date, amount_fen: input.amount_fen, document_no: input.document_no });
  const { recordedAt } = ledger;
  const allocation: FundAllocationRecord = { id, projectId: project.id, source: input.source, date: input.date, amountFen: input.amount_fen, documentNo: input.document_no, reversesId: null, reason: null, ledgerIndex: ledger.index, recordedAt };
  return projectRowPlan(
    ctx,
    project,
    ledger,
    { change: { kind: "fund_allocation", row: allocation }, insert: db.insert(fundAllocations).values(allocation) },
    { data: { id, ledger_index: ledger.index, remaining_budget_fen: remaining - input.amount_fen, tree_head: ledger.treeHead } },
    {
      action: "funds.allocate",
      regionCode: project.regionCode,
      targetType: "fund_allocation",
      targetId: id,
      summary: `Allocated ${yuan(input.amount_fen)} yuan (${input.source}, ${input.document_no}) to project ${project.id}`,
    },
  );
}
