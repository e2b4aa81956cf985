/** Disbursements (拨付) of allocated funds, with the part accounted for with receipts (报账). */
import { disbursements } from "../db/schema";
import {
  appendEvent,
  projectRowPlan,
  nextId,
  reader,
  startProjectRow,
  yuan,
  type DisbursementRecord,
  type FundsContext,
  type FundsPlan,
} from "./funds-context";
import type { AllocationInput } from "./fund-allocations";
import { invalid, WriteRefusal } from "./plan";

export interface DisbursementInput extends AllocationInput {
  receipted_fen: number;
}

export async function disburseFunds(ctx: FundsContext, input: DisbursementInput): Promise<FundsPlan> {
  const { db } = ctx;
  const { tip, project } = await startProjectRow(ctx, input);
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
