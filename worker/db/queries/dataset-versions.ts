import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { datasetVersions } from "../schema";

/** Current versions of the given datasets (1 for a dataset never written). */
export async function getDatasetVersions(db: Db, datasets: readonly string[]): Promise<Record<string, number>> {
  const rows = await getDatasetVersionsQuery(db, datasets);
  const versions: Record<string, number> = {};
  for (const dataset of datasets) versions[dataset] = rows.find((r) => r.dataset === dataset)?.version ?? 1;
  return versions;
}

/** The query behind `getDatasetVersions`, unexecuted (checked by the query-plan test). */
export function getDatasetVersionsQuery(db: Db, datasets: readonly string[]) {
  return db
    .select({ dataset: datasetVersions.dataset, version: datasetVersions.version })
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
