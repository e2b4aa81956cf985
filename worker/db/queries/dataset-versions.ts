import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { datasetVersions } from "../schema";
import { ShapeCache } from "../flat-select";

/** Current versions of the given datasets (1 for a dataset never written). */
export async function getDatasetVersions(db: Db, datasets: readonly string[]): Promise<Record<string, number>> {
  return (await getDatasetStamps(db, datasets)).versions;
}

const stampShapes = new ShapeCache();

/**
 * Versions plus a stamp of when each was last written. The stamp tells two databases (or one
 * database before and after a restore) apart where the version numbers alone would collide,
 * so a cache keyed by it never answers with another state's data.
 */
export async function getDatasetStamps(db: Db, datasets: readonly string[]): Promise<{ versions: Record<string, number>; stamp: string }> {
  // Read on every public GET (ETag, edge cache key): SQL built once per dataset list.
  const rows = await stampShapes.run<{ dataset: string; version: number; updatedAt: string }>(db, datasets.join(","), datasets, () => getDatasetVersionsQuery(db, datasets));
  const versions: Record<string, number> = {};
  const stamps: string[] = [];
  for (const dataset of datasets) {
    const row = rows.find((r) => r.dataset === dataset);
    versions[dataset] = row?.version ?? 1;
    stamps.push(row?.updatedAt ?? "");
  }
  return { versions, stamp: stamps.join(",") };
}

/** The query behind `getDatasetVersions`, unexecuted (checked by the query-plan test). */
export function getDatasetVersionsQuery(db: Db, datasets: readonly string[]) {
  return db
    .select({ dataset: datasetVersions.dataset, version: datasetVersions.version, updatedAt: datasetVersions.updatedAt })
    .from(datasetVersions)
    .where(inArray(datasetVersions.dataset, [...datasets]));
}

export async function listDatasetVersions(db: Db) {
  return db.select().from(datasetVersions);
}

/**
 * A statement that bumps a dataset's version; put it in the same `batch()` as the write,
 * so that caches (ETags) change exactly when the data does.
 */
export function bumpDatasetVersion(db: Db, dataset: string, now = new Date()) {
  return db
    .insert(datasetVersions)
    .values({ dataset, version: 2, updatedAt: now.toISOString() })
    .onConflictDoUpdate({
      target: datasetVersions.dataset,
      set: { version: sql`${datasetVersions.version} + 1`, updatedAt: now.toISOString() },
    });
}
