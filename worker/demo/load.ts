/**
 * Writes generated demo records through the write functions the admin API uses (regions,
 * village statuses, official figures), each write one atomic batch with its audit row.
 * loadOfficialFigures (the bench's smoke database only) still inserts rows directly.
 */
import type { Db } from "../db/client";
import { atomically, chunk, chunkedInserts } from "../db/batch";
import { publishOfficialFigures } from "../writes/official-figures";
import { DEMO_ACTOR, demoAudit } from "./audit";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { officialFigures, sources } from "../db/schema";
import { ancestorCode } from "../domain/region-codes";
import { loadRegions as writeRegions, MAX_REGIONS_PER_WRITE } from "../writes/regions";
import { MAX_VILLAGES_PER_WRITE, setVillageStatuses, type VillageStatusItem } from "../writes/villages";
import type { OfficialFigureRecord, SourceRecord } from "./official-figures";
import type { RegionRecord, VillageStatusRecord } from "./regions";

const STATEMENTS_PER_BATCH = 200;

async function runBatches(db: Db, statements: ReturnType<typeof chunkedInserts>): Promise<void> {
  for (const group of chunk(statements, STATEMENTS_PER_BATCH)) {
    const [first, ...rest] = group;
    if (first) await db.batch([first, ...rest]);
  }
}

/**
 * Regions through the region write (writes/regions.ts: its rules, version bump and audit row),
 * one write and one atomic batch per slice of at most MAX_REGIONS_PER_WRITE, parents first.
 * `updatedAt`: when the generator loaded them (the rows' `updated_at` and the audit row's time).
 */
export async function loadRegions(db: Db, rows: readonly RegionRecord[], updatedAt: string): Promise<void> {
  const now = new Date(updatedAt);
  for (const part of chunk(rows, MAX_REGIONS_PER_WRITE)) {
    const plan = await writeRegions(
      { actor: DEMO_ACTOR, now, db },
      part.map((r) => ({ code: r.code, parent_code: r.parentCode, level: r.level, name_zh: r.nameZh, name_en: r.nameEn, demo: r.isDemo })),
    );
    await atomically(db, [...plan.statements, ...demoAudit(db, plan.audit, now)]);
  }
}

/**
 * Village statuses through the batched status write (writes/villages.ts), one write per county
 * as a county office would set its villages' statuses (sliced at MAX_VILLAGES_PER_WRITE).
 */
export async function loadVillageStatuses(db: Db, rows: readonly VillageStatusRecord[], updatedAt: string): Promise<void> {
  const now = new Date(updatedAt);
  const byCounty = new Map<string, VillageStatusItem[]>();
  for (const v of rows) {
    const county = ancestorCode(v.villageCode, "county");
    let list = byCounty.get(county);
    if (!list) byCounty.set(county, (list = []));
    list.push({ code: v.villageCode, status: v.status, designated_year: v.designatedYear, exit_year: v.exitYear });
  }
  for (const list of byCounty.values()) {
    for (const part of chunk(list, MAX_VILLAGES_PER_WRITE)) {
      const plan = await setVillageStatuses({ actor: DEMO_ACTOR, now, db }, part);
      await atomically(db, [...plan.statements, ...demoAudit(db, plan.audit, now)]);
    }
  }
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
