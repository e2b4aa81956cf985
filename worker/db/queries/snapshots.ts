/** Citable snapshots (migration 0015): newest first, by primary key; no scans. */
import { and, asc, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../client";
import { snapshotResources, snapshots } from "../schema";

export type SnapshotRow = typeof snapshots.$inferSelect;
export type SnapshotResourceRow = typeof snapshotResources.$inferSelect;

export function listSnapshots(db: Db, before: number | undefined, limit: number): Promise<SnapshotRow[]> {
  return db
    .select()
    .from(snapshots)
    .where(before === undefined ? undefined : lt(snapshots.id, before))
    .orderBy(desc(snapshots.id))
    .limit(limit);
}

export async function getSnapshot(db: Db, id: number): Promise<SnapshotRow | undefined> {
  return (await db.select().from(snapshots).where(eq(snapshots.id, id)).limit(1))[0];
}

export async function latestSnapshot(db: Db): Promise<SnapshotRow | undefined> {
  return (await listSnapshots(db, undefined, 1))[0];
}

export function snapshotFiles(db: Db, id: number): Promise<SnapshotResourceRow[]> {
  return db.select().from(snapshotResources).where(eq(snapshotResources.snapshotId, id)).orderBy(asc(snapshotResources.name));
}

export async function snapshotFile(db: Db, id: number, path: string): Promise<SnapshotResourceRow | undefined> {
  return (await db.select().from(snapshotResources).where(and(eq(snapshotResources.snapshotId, id), eq(snapshotResources.path, path))).limit(1))[0];
}
