/**
 * Taking a snapshot, for both callers: the hourly Cron Trigger (worker/index.ts) and an
 * administrator (POST /api/v1/admin/snapshots). When no public dataset changed since the
 * last snapshot — same dataset versions, and the ledger holds nothing after that
 * snapshot's own entry — nothing is built and the last snapshot is the answer. Otherwise
 * the files are built (build.ts) and recorded with their ledger entry (writes/snapshots.ts).
 */
import { createPublicApiReader } from "../app";
import type { Db } from "../db/client";
import { createDb } from "../db/client";
import { listDatasetVersions } from "../db/queries/dataset-versions";
import { currentTreeSize } from "../db/queries/ledger";
import { latestSnapshot, snapshotFiles } from "../db/queries/snapshots";
import type { LedgerKey } from "../domain/ledger";
import { auditEntry } from "../admin/audit";
import { ledgerKey } from "../lib/ledger-key";
import { log } from "../lib/logger";
import { NATIONAL_SCOPE, requireRole, systemActor, WriteRefusal, type Actor, type WriteContext, type WritePlan } from "../writes/plan";
import { recordSnapshot, type SnapshotResult, type SnapshotTrigger } from "../writes/snapshots";
import { buildSnapshotFiles, discardSnapshotFiles, type BuiltSnapshot, type PublicFetch } from "./build";
import type { SnapshotBucket } from "./r2-writer";

/** Versions that describe the data; the ledger is judged by its size, the snapshots list is not data. */
const NOT_COMPARED = new Set(["ledger", "snapshots"]);

async function currentState(db: Db) {
  const versions: Record<string, number> = {};
  for (const row of await listDatasetVersions(db)) if (!NOT_COMPARED.has(row.dataset)) versions[row.dataset] = row.version;
  return { versions, treeSize: await currentTreeSize(db) };
}

const sameVersions = (a: Record<string, number>, b: Record<string, number>) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
};

export interface SnapshotDeps {
  bucket: SnapshotBucket;
  fetch: PublicFetch;
  partSize?: number;
  /** Build even if nothing changed (tests, the bench). */
  force?: boolean;
}

/**
 * The write: builds if needed, then plans the recording. `onBuilt` hears of the files so a
 * caller whose batch fails can discard them.
 */
export async function planSnapshot(ctx: WriteContext & { key: LedgerKey }, deps: SnapshotDeps, trigger: SnapshotTrigger, onBuilt?: (built: BuiltSnapshot) => void): Promise<WritePlan<SnapshotResult>> {
  const { db } = ctx;
  // Checked before anything is built.
  requireSnapshotScope(ctx.actor);
  const [state, latest] = await Promise.all([currentState(db), latestSnapshot(db)]);
  if (latest && !deps.force && sameVersions(JSON.parse(latest.versions) as Record<string, number>, state.versions) && state.treeSize === latest.ledgerIndex + 1) {
    return {
      body: { snapshot: latest, resources: await snapshotFiles(db, latest.id), created: false },
      statements: [],
      audit: null,
      // Nothing is written, so no guard can trip.
      conflict: new WriteRefusal("conflict", "conflict", "Nothing was written."),
    };
  }
  const built = await buildSnapshotFiles({ bucket: deps.bucket, fetch: deps.fetch, id: (latest?.id ?? 0) + 1, now: ctx.now, versions: state.versions, partSize: deps.partSize });
  onBuilt?.(built);
  return recordSnapshot(ctx, built, trigger);
}

/**
 * A snapshot publishes every region's data at once, so taking one is a province-level
 * (or national) administrator's act: a city, county or township token is out of scope.
 */
export function requireSnapshotScope(actor: Actor): void {
  requireRole(actor, "admin");
  if (actor.regionCode !== NATIONAL_SCOPE && !actor.regionCode.endsWith("0000000000")) {
    throw new WriteRefusal("forbidden", "out_of_scope", `A snapshot covers every region; it needs a province-level or national administrator, not one scoped to ${actor.regionCode}.`, [
      { path: "header.authorization", message: "scope below province level" },
    ]);
  }
}

/** The public API answered in-process (the same handlers as over HTTP, no admin routes). */
export function publicFetch(env: Env, ctx: ExecutionContext | undefined): PublicFetch {
  const reader = createPublicApiReader();
  return (request) => Promise.resolve(reader.fetch(request, env, ctx));
}

/** The Cron Trigger's part: a snapshot when anything changed since the last one. */
export async function scheduledSnapshot(env: Env, ctx: ExecutionContext, now = new Date()): Promise<void> {
  const db = createDb(env.DB);
  let built: BuiltSnapshot | undefined;
  try {
    const key = await ledgerKey(env);
    const plan = await planSnapshot({ actor: systemActor("cron"), now, db, key }, { bucket: env.SNAPSHOTS, fetch: publicFetch(env, ctx) }, "cron", (b) => (built = b));
    if (plan.statements.length === 0) return;
    const [first, ...rest] = [...plan.statements, ...(plan.audit ? [auditEntry(db, "system:cron", plan.audit, now)] : [])];
    await db.batch([first!, ...rest]);
    log("info", "snapshot_recorded", { id: plan.body.snapshot.id, bytes: plan.body.snapshot.totalBytes, build_ms: plan.body.snapshot.buildMs });
  } catch (error) {
    if (built) await discardSnapshotFiles(env.SNAPSHOTS, built.storagePrefix, built.resources.map((r) => r.path));
    log("error", "snapshot_failed", { message: error instanceof Error ? error.message : String(error) });
  }
}
