/**
 * Recording a built snapshot (worker/snapshots/build.ts): its row, its files' sizes and
 * hashes, and its package hash appended to the ledger — one batch, so a snapshot is listed
 * only once the ledger vouches for it. The files are already in R2 under a prefix no other
 * build uses; a batch that loses a race (another snapshot N, another ledger append) writes
 * nothing, and the caller discards the files.
 */
import { chunk, rowsPerStatement } from "../db/batch";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { prepareAppend, readTip } from "../db/queries/ledger";
import { snapshotResources, snapshots } from "../db/schema";
import type { LedgerKey } from "../domain/ledger";
import { snapshotEntry } from "../ledger/entries";
import type { BuiltSnapshot } from "../snapshots/build";
import { requireRole, WriteRefusal, type WriteContext, type WritePlan } from "./plan";

export type SnapshotTrigger = "cron" | "admin";

export interface SnapshotResult {
  snapshot: typeof snapshots.$inferSelect;
  resources: (typeof snapshotResources.$inferSelect)[];
  /** false when nothing changed since the last snapshot and no new one was built. */
  created: boolean;
}

const conflict = (id: number) =>
  new WriteRefusal("conflict", "snapshot_conflict", `Another snapshot (or another ledger write) was recorded while snapshot ${id} was being built; nothing was recorded. Retry with the same Idempotency-Key.`);

export async function recordSnapshot(ctx: WriteContext & { key: LedgerKey }, built: BuiltSnapshot, trigger: SnapshotTrigger): Promise<WritePlan<SnapshotResult>> {
  requireRole(ctx.actor, "admin");
  const { db, now } = ctx;
  const tip = await readTip(db);
  const row = {
    id: built.id,
    createdAt: built.createdAt,
    trigger,
    storagePrefix: built.storagePrefix,
    packageHash: built.packageHash,
    packageBytes: built.packageBytes,
    resourceCount: built.resources.length,
    totalBytes: built.totalBytes,
    versions: JSON.stringify(built.versions),
    ledgerIndex: tip.size,
    buildMs: built.buildMs,
  };
  const ledger = await prepareAppend(db, ctx.key, [snapshotEntry(row)], now, tip);
  const resources = built.resources.map((r) => ({ snapshotId: built.id, name: r.name, path: r.path, bytes: r.bytes, sha256: r.sha256 }));
  return {
    body: { snapshot: row, resources, created: true },
    statements: [
      // The snapshot row names the entry the same batch appends.
      db.insert(snapshots).values(row),
      ...chunk(resources, rowsPerStatement(5)).map((part) => db.insert(snapshotResources).values(part)),
      ...ledger.statements,
      bumpDatasetVersion(db, "snapshots", now),
    ],
    conflict: conflict(built.id),
    raced: [{ constraint: "snapshots.id", refusal: conflict(built.id) }],
    audit: {
      action: "snapshot.record",
      targetType: "snapshot",
      targetId: String(built.id),
      summary: `Snapshot ${built.id} (${trigger}): ${built.resources.length} files, ${built.totalBytes} bytes, package hash ${built.packageHash}, ledger entry ${tip.size}`,
    },
  };
}
