/**
 * The scheduled cross-check (Workers Cron Trigger, wrangler.toml [triggers]): runs the same
 * verification as `npm run ledger:verify` inside the Worker and records the result in
 * `ledger_checks` (migration 0009); GET /api/v1/admin/ledger/verification shows the latest.
 *
 * Bounded resources: the check reads in keyset pages (memory stays flat whatever the
 * size) and checks the signature of the newest head only ("latest"): recomputing every
 * root is cheap hashing, but one Ed25519 verification per head is what would make the CPU
 * time grow past a cron invocation's limit on a large ledger. `npm run ledger:verify`
 * still checks every signature.
 */
import { desc } from "drizzle-orm";
import { createDb } from "../db/client";
import { ledgerChecks } from "../db/schema";
import { importSigningKey } from "../domain/ledger";
import { ledgerSecret } from "../lib/ledger-key";
import { log } from "../lib/logger";
import { checkLedger } from "./keys";
import { d1Sql } from "./sql";

export type LedgerCheckRow = typeof ledgerChecks.$inferSelect;

export async function recordLedgerCheck(env: Env, now = new Date()): Promise<LedgerCheckRow> {
  const started = Date.now();
  const secret = ledgerSecret(env);
  // The configured key is trusted as current; a rotated key that has not signed yet is fine.
  const pinned = secret ? await importSigningKey(secret).catch(() => undefined) : undefined;
  const report = await checkLedger(d1Sql(env.DB), { pinned, strict: false, signatures: "latest", pageSize: 1000, maxProblems: 20 });
  const first = report.problems[0];
  const row = {
    checkedAt: now.toISOString(),
    trigger: "cron" as const,
    treeSize: report.entries,
    rootHash: report.entries > 0 ? report.root : null,
    ok: report.ok,
    rowsChecked: report.rows,
    problemCount: report.problems.length,
    firstProblem: first ? JSON.stringify({ kind: first.kind, entry: first.entry, table: first.table ?? null, row_id: first.rowId ?? null, field: first.field ?? null, message: first.message }) : null,
    durationMs: Date.now() - started,
  };
  const [stored] = await createDb(env.DB).insert(ledgerChecks).values(row).returning();
  log(report.ok ? "info" : "error", "ledger_check", { ok: report.ok, tree_size: report.entries, rows: report.rows, problems: report.problems.length, duration_ms: row.durationMs });
  return stored!;
}

export function latestLedgerChecks(env: Env, limit: number): Promise<LedgerCheckRow[]> {
  // Primary-key order, newest first: an index read, never a scan.
  return createDb(env.DB).select().from(ledgerChecks).orderBy(desc(ledgerChecks.id)).limit(limit);
}
