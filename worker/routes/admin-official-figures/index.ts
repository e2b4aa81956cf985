import { eq } from "drizzle-orm";
import { auditEntry, createAdminRoute, idempotentWrite, requireScope } from "../../admin";
import { IdempotencyHeader } from "../../admin/headers";
import { chunkedInserts } from "../../db/batch";
import { bumpDatasetVersion } from "../../db/queries/dataset-versions";
import { existingRegionCodes } from "../../db/queries/regions";
import { officialFigures, sources } from "../../db/schema";
import { officialValueProblem } from "../../domain/official-figure-rules";
import { OFFICIAL_METRICS } from "../../domain/official-metrics";
import { ApiError, type ErrorDetail } from "../../lib/errors";
import { createRouter } from "../../lib/router";
import { errorResponses } from "../../lib/schemas";
import { PublishOfficialFiguresBody, PublishOfficialFiguresResult } from "./official-figures-admin.schemas";

export const publishOfficialFiguresRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/official-figures",
  tags: ["Admin"],
  summary: "Publish official figures with their source document",
  description:
    "Official (公告) figures are published exactly as announced, with the document they come from (privacy.md, 'two kinds of figures'). All figures of a request are written atomically; every region must be within the token's scope.",
  request: {
    headers: IdempotencyHeader(),
    body: { required: true, content: { "application/json": { schema: PublishOfficialFiguresBody } } },
  },
  responses: {
    201: { description: "Published", content: { "application/json": { schema: PublishOfficialFiguresResult } } },
    ...errorResponses(400, 409, 422, 500),
  },
});


export const adminOfficialFiguresRouter = createRouter().openapi(publishOfficialFiguresRoute, async (c) => {
  const body = c.req.valid("json");
  const admin = c.get("admin");
  return idempotentWrite(c, async (db) => {
    const problems: ErrorDetail[] = [];
    const today = new Date().toISOString().slice(0, 10);
    if (body.source.published_on > today) problems.push({ path: "body.source.published_on", message: "must not be in the future" });
    body.figures.forEach((figure, i) => {
      const problem = officialValueProblem(figure.metric, figure.value);
      if (problem) problems.push({ path: `body.figures.${i}.value`, message: problem });
      if (figure.period_from !== undefined && figure.period_from > figure.year) problems.push({ path: `body.figures.${i}.period_from`, message: "must not be after year" });
    });
    const known = await existingRegionCodes(db, [...new Set(body.figures.map((f) => f.region_code))]);
    body.figures.forEach((figure, i) => {
      if (!known.has(figure.region_code)) problems.push({ path: `body.figures.${i}.region_code`, message: "unknown region code" });
    });
    if (problems.length > 0) throw new ApiError(400, "invalid_request", `Invalid body: ${problems[0]!.path} — ${problems[0]!.message}`, problems);
    body.figures.forEach((figure, i) => requireScope(c, figure.region_code, `body.figures.${i}.region_code`));

    const existing = (await db.select().from(sources).where(eq(sources.id, body.source.id)).limit(1))[0];
    const source = {
      id: body.source.id,
      titleZh: body.source.title_zh,
      titleEn: body.source.title_en,
      issuer: body.source.issuer,
      publishedOn: body.source.published_on,
      url: body.source.url ?? null,
      reference: body.source.reference ?? null,
    };
    if (existing && JSON.stringify(existing) !== JSON.stringify(source)) {
      throw new ApiError(409, "source_mismatch", `Source ${source.id} already exists with other details; publish under a new source id.`, [
        { path: "body.source.id", message: "exists with different details" },
      ]);
    }
    const rows = body.figures.map((f) => ({
      regionCode: f.region_code,
      year: f.year,
      periodFrom: f.period_from ?? f.year,
      metric: f.metric,
      value: f.value,
      unit: OFFICIAL_METRICS[f.metric].unit,
      noteZh: f.note_zh ?? null,
      noteEn: f.note_en ?? null,
      sourceId: source.id,
    }));
    const regionsTouched = [...new Set(rows.map((r) => r.regionCode))];
    return {
      status: 201,
      body: { data: { source_id: source.id, source_created: !existing, figures_published: rows.length } },
      statements: [
        ...(existing ? [] : [db.insert(sources).values(source)]),
        ...chunkedInserts(rows, 9, (part) => db.insert(officialFigures).values(part)),
        bumpDatasetVersion(db, "official_figures"),
        auditEntry(db, admin, {
          action: "official_figures.publish",
          targetType: "source",
          targetId: source.id,
          regionCode: regionsTouched.length === 1 ? regionsTouched[0] : admin.regionCode,
          summary: `Published ${rows.length} official figure(s) from "${source.titleZh}" for ${regionsTouched.join(", ")}`,
        }),
      ],
    };
  });
});
