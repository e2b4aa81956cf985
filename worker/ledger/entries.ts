/**
 * Leaves for money facts that are not events of their own: a project's budget lines.
 * Kept next to the verifier's row specs (rows.ts) because the two must agree field by field.
 */
import type { LedgerEntryInput } from "../domain/ledger";

export function budgetLedgerEntries(projectId: string, regionCode: string, recordedAt: string, budget: readonly { source: string; amount_fen: number }[]): LedgerEntryInput[] {
  return budget.map((line) => ({
    type: "project_budget",
    subjectId: projectId,
    recordedAt,
    fields: { region_code: regionCode, source: line.source, amount_fen: line.amount_fen },
  }));
}
