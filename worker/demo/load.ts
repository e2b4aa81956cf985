/**
 * Writes generated demo records through the same query modules the API uses. Bulk
 * loads are split into several batches (each atomic) to stay within D1's per-batch limits.
 */
import type { Db } from "../db/client";
import { atomically, chunk, chunkedInserts } from "../db/batch";
import { publishOfficialFigures } from "../writes/official-figures";
import { DEMO_ACTOR, demoAudit } from "./audit";
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

/**
 * The official figures through the admin API's write (its rules, scope and audit row), one
 * write and one atomic batch per source document, as an editor would publish them.
 */
export async function publishDemoOfficialFigures(db: Db, sourceRows: readonly SourceRecord[], figures: readonly OfficialFigureRecord[], loadedAt: Date): Promise<void> {
  for (const source of sourceRows) {
    const plan = await publishOfficialFigures(
      { actor: DEMO_ACTOR, now: loadedAt, db },
      {
        source: { id: source.id, title_zh: source.titleZh, title_en: source.titleEn, issuer: source.issuer, published_on: source.publishedOn, url: source.url, reference: source.reference },
        figures: figures
          .filter((f) => f.sourceId === source.id)
          .map((f) => ({ region_code: f.regionCode, year: f.year, period_from: f.periodFrom, metric: f.metric, value: f.value, note_zh: f.noteZh, note_en: f.noteEn })),
      },
    );
    await atomically(db, [...plan.statements, ...demoAudit(db, plan.audit, loadedAt)]);
  }
}

export async function bumpVersions(db: Db, datasets: readonly string[]): Promise<void> {
  const [first, ...rest] = datasets.map((d) => bumpDatasetVersion(db, d));
  if (first) await db.batch([first, ...rest]);
}
