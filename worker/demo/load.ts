/**
 * Writes generated demo records through the same query modules the API uses. Bulk
 * loads are split into several batches (each atomic) to stay within D1's per-batch limits.
 */
import type { Db } from "../db/client";
import { chunk, chunkedInserts } from "../db/batch";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { officialFigures, regions, sources, villageStatus } from "../db/schema";
import type { OfficialFigureRecord, SourceRecord } from "./official-figures";
import type { RegionRecord, VillageStatusRecord } from "./regions";

const STATEMENTS_PER_BATCH = 200;

async function runBatches(db: Db, statements: ReturnType<typeof chunkedInserts>): Promise<void> {
  for (const group of chunk(statements, STATEMENTS_PER_BATCH)) {
    const [first, ...rest] = group;
    if (first) await db.batch([first, ...rest]);
  }
}

/** `updatedAt`: when the generator loaded them (the rows' `updated_at`, `updated_since=`). */
export async function loadRegions(db: Db, rows: readonly RegionRecord[], updatedAt: string): Promise<void> {
  await runBatches(db, chunkedInserts(rows, 7, (part) => db.insert(regions).values(part.map((r) => ({ ...r, updatedAt })))));
}

export async function loadVillageStatuses(db: Db, rows: readonly VillageStatusRecord[], updatedAt: string): Promise<void> {
  await runBatches(db, chunkedInserts(rows, 5, (part) => db.insert(villageStatus).values(part.map((v) => ({ ...v, updatedAt })))));
}

export async function loadOfficialFigures(db: Db, sourceRows: readonly SourceRecord[], figures: readonly OfficialFigureRecord[], updatedAt: string): Promise<void> {
  await runBatches(db, [
    ...chunkedInserts(sourceRows, 7, (part) => db.insert(sources).values(part)),
    ...chunkedInserts(figures, 10, (part) => db.insert(officialFigures).values(part.map((f) => ({ ...f, updatedAt })))),
  ]);
}

export async function bumpVersions(db: Db, datasets: readonly string[]): Promise<void> {
  const [first, ...rest] = datasets.map((d) => bumpDatasetVersion(db, d));
  if (first) await db.batch([first, ...rest]);
}
