/**
 * Official (公告) figures, published exactly as announced with the document they come from
 * (privacy.md, "two kinds of figures"). All figures of a request are written atomically.
 */
import { eq } from "drizzle-orm";
import { chunkedInserts } from "../db/batch";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { existingRegionCodes } from "../db/queries/regions";
import { officialFigures, sources } from "../db/schema";
import { isFutureDate } from "../domain/funds/dates";
import { officialValueProblem } from "../domain/official-figure-rules";
import { OFFICIAL_METRICS, type OfficialMetric } from "../domain/official-metrics";
import { invalid, requireRole, requireScope, WriteRefusal, type RefusalDetail, type WriteContext, type WritePlan } from "./plan";

export interface OfficialFiguresInput {
  source: { id: string; title_zh: string; title_en: string; issuer: string; published_on: string; url?: string | null; reference?: string | null };
  figures: { region_code: string; year: number; period_from?: number; metric: OfficialMetric; value: number; note_zh?: string | null; note_en?: string | null }[];
}

export async function publishOfficialFigures(ctx: WriteContext, input: OfficialFiguresInput): Promise<WritePlan<{ data: { source_id: string; source_created: boolean; figures_published: number } }>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const problems: RefusalDetail[] = [];
  // "Today" is Shanghai's, as for every date the portal judges.
  if (isFutureDate(input.source.published_on, now)) problems.push({ path: "body.source.published_on", message: "must not be in the future" });
  input.figures.forEach((figure, i) => {
    const problem = officialValueProblem(figure.metric, figure.value);
    if (problem) problems.push({ path: `body.figures.${i}.value`, message: problem });
    if (figure.period_from !== undefined && figure.period_from > figure.year) problems.push({ path: `body.figures.${i}.period_from`, message: "must not be after year" });
  });
  const known = await existingRegionCodes(db, [...new Set(input.figures.map((f) => f.region_code))]);
  input.figures.forEach((figure, i) => {
    if (!known.has(figure.region_code)) problems.push({ path: `body.figures.${i}.region_code`, message: "unknown region code" });
  });
  if (problems.length > 0) throw invalid(problems);
  input.figures.forEach((figure, i) => requireScope(ctx.actor, figure.region_code, `body.figures.${i}.region_code`));

  const existing = (await db.select().from(sources).where(eq(sources.id, input.source.id)).limit(1))[0];
  const source = {
    id: input.source.id,
    titleZh: input.source.title_zh,
    titleEn: input.source.title_en,
    issuer: input.source.issuer,
    publishedOn: input.source.published_on,
    url: input.source.url ?? null,
    reference: input.source.reference ?? null,
  };
  if (existing && JSON.stringify(existing) !== JSON.stringify(source)) {
    throw new WriteRefusal("conflict", "source_mismatch", `Source ${source.id} already exists with other details; publish under a new source id.`, [
      { path: "body.source.id", message: "exists with different details" },
    ]);
  }
  const rows = input.figures.map((f) => ({
    regionCode: f.region_code,
    year: f.year,
    periodFrom: f.period_from ?? f.year,
    metric: f.metric,
    value: f.value,
    unit: OFFICIAL_METRICS[f.metric].unit,
    noteZh: f.note_zh ?? null,
    noteEn: f.note_en ?? null,
    sourceId: source.id,
    updatedAt: now.toISOString(),
  }));
  const regionsTouched = [...new Set(rows.map((r) => r.regionCode))];
  return {
    body: { data: { source_id: source.id, source_created: !existing, figures_published: rows.length } },
    statements: [
      ...(existing ? [] : [db.insert(sources).values(source)]),
      ...chunkedInserts(rows, 10, (part) => db.insert(officialFigures).values(part)),
      bumpDatasetVersion(db, "official_figures", now),
    ],
    conflict: new WriteRefusal("conflict", "conflict", "The record changed meanwhile; reload and try again."),
    // Two requests creating the same new source at once: the loser hears it exists now.
    raced: [{ constraint: "UNIQUE constraint failed: sources.id", refusal: new WriteRefusal("conflict", "source_mismatch", `Source ${source.id} was created by another request at the same moment; send again to add to it.`, [{ path: "body.source.id", message: "created meanwhile" }]) }],
    audit: {
      action: "official_figures.publish",
      targetType: "source",
      targetId: source.id,
      regionCode: regionsTouched.length === 1 ? regionsTouched[0] : ctx.actor.regionCode,
      summary: `Published ${rows.length} official figure(s) from "${source.titleZh}" for ${regionsTouched.join(", ")}`,
    },
  };
}
