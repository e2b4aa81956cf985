import type { RouteHandler } from "@hono/zod-openapi";
import { levelOfCode } from "../../domain/region-codes";
import type { AppEnv } from "../../lib/app-env";
import { ApiError } from "../../lib/errors";
import { latestLedgerChecks, type LedgerCheckRow } from "../../ledger/health";
import type { ledgerVerificationRoute } from "./admin-ledger.routes";

function checkJson(row: LedgerCheckRow) {
  return {
    checked_at: row.checkedAt,
    trigger: row.trigger,
    tree_size: row.treeSize,
    root_hash: row.rootHash,
    ok: row.ok,
    rows_checked: row.rowsChecked,
    problem_count: row.problemCount,
    first_problem: row.firstProblem ? (JSON.parse(row.firstProblem) as { kind: string; entry: number | null; table: string | null; row_id: string | null; field: string | null; message: string }) : null,
    duration_ms: row.durationMs,
  };
}

export const ledgerVerificationHandler: RouteHandler<typeof ledgerVerificationRoute, AppEnv> = async (c) => {
  const admin = c.get("admin");
  // The result may name a row of any region: only a province-wide token sees it.
  if (levelOfCode(admin.regionCode) !== "province") {
    throw new ApiError(403, "out_of_scope", `The ledger spans every region; its verification needs a token scoped to a province (this one: ${admin.regionCode}).`, [
      { path: "header.authorization", message: "token scope below province level" },
    ]);
  }
  const recent = await latestLedgerChecks(c.env, 10);
  c.header("Cache-Control", "private, no-store");
  return c.json({ data: { latest: recent[0] ? checkJson(recent[0]) : null, recent: recent.map(checkJson) } }, 200);
};
