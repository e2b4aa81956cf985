/** Disbursements (拨付) of allocated funds, with the part accounted for with receipts (报账). */
import { disbursements } from "../db/schema";
import {
  appendEvent,
  projectRowPlan,
  nextId,
  reader,
  refuseCancelled,
  startProjectRow,
  yuan,
  type DisbursementRecord,
  type ProjectRecord,
  type FundsContext,
  type FundsPlan,
} from "./funds-context";
import type { AllocationInput } from "./fund-allocations";
import { invalid, WriteRefusal } from "./plan";

export interface DisbursementInput extends AllocationInput {
  receipted_fen: number;
}

/**
 * Money is paid out (拨付) for work under way: a project takes disbursements once it has
 * started, and after completion (final payments on acceptance), never while it is only planned
 * or filed, nor once cancelled. The payment is dated on or after the start, so the rates
 * recomputed for a past day (funds/summary?as_of=) never count money paid to an unstarted
 * project. Allocations (资金下达) may come earlier: funds are assigned before work begins.
 */
function refuseUnstarted(project: ProjectRecord, date: string): void {
  refuseCancelled(project, "body.project_id", "; nothing can be disbursed to it");
  if (project.status !== "started" && project.status !== "completed") {
    throw new WriteRefusal("conflict", "project_not_started", `Project ${project.id} is ${project.status}; funds are disbursed only once it has started (move it to started first).`, [
      { path: "body.project_id", message: `the project is ${project.status}, not started` },
    ]);
  }
  if (project.actualStart && date < project.actualStart) throw invalid([{ path: "body.date", message: `must not be before the project's start (${project.actualStart})` }]);
}

export async function disburseFunds(ctx: FundsContext, input: DisbursementInput): Promise<FundsPlan> {
  const { db } = ctx;
  const { tip, project } = await startProjectRow(ctx, input);
  refuseUnstarted(project, input.date);
  if (input.receipted_fen > input.amount_fen) throw invalid([{ path: "body.receipted_fen", message: "must not exceed amount_fen" }]);
  const line = await reader(ctx).sourceLine(project.id, input.source);
  const remaining = line ? line.allocatedFen - line.disbursedFen : 0;
  if (input.amount_fen > remaining) {
    throw new WriteRefusal("unprocessable", "over_disbursement", `The disbursement of ${input.amount_fen} fen exceeds the ${input.source} funds allocated to ${project.id} and not yet disbursed: ${remaining} fen.`, [
      { path: "body.amount_fen", message: `at most ${remaining} fen remain to disburse` },
    ]);
  }
  const id = nextId(ctx, "dsb");
  const ledger = await appendEvent(ctx, tip, "disbursement", id, {
    project_id: project.id,
    region_code: project.regionCode,
    source: input.source,
    date: input.date,
    amount_fen: input.amount_fen,
    receipted_fen: input.receipted_fen,
    document_no: input.document_no,
  });
  const { recordedAt } = ledger;
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
    ledgerIndex: ledger.index,
    recordedAt,
  };
  return projectRowPlan(
    ctx,
    project,
    ledger,
    { change: { kind: "disbursement", row: payment }, insert: db.insert(disbursements).values(payment) },
    { data: { id, ledger_index: ledger.index, remaining_to_disburse_fen: remaining - input.amount_fen, tree_head: ledger.treeHead } },
    {
      action: "funds.disburse",
      regionCode: project.regionCode,
      targetType: "disbursement",
      targetId: id,
      summary: `Disbursed ${yuan(input.amount_fen)} yuan (${input.source}, ${input.document_no}; receipts for ${yuan(input.receipted_fen)}) to project ${project.id}`,
    },
  );
}
