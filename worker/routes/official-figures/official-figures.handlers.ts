import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { changedOfficialFiguresQuery, listOfficialFigures, officialFigureSortValue, sortedOfficialFiguresQuery, type OfficialFigureRow, type OfficialFigureSortKey } from "../../db/queries/official-figures";
import { parseSort } from "../../lib/sorting";
import { OFFICIAL_METRICS, type OfficialMetric } from "../../domain/official-metrics";
import type { AppEnv } from "../../lib/app-env";
import { respondList } from "../../lib/listing";
import { requireRegionParam } from "../region-params";
import type { listOfficialFiguresRoute } from "./official-figures.routes";
import { OfficialFigureSchema } from "./official-figures.schemas";
import { provenanceOf } from "../../schemas/provenance";
import { ChangeCursorSchema, changeMeta, updatedSince, type ChangeCursor } from "../../changes/updated-since";
import { clock } from "../../lib/clock";

function metricInfo(metric: string) {
  return OFFICIAL_METRICS[metric as OfficialMetric] ?? { zh: metric, en: metric, unit: "" };
}

function officialFigureJson(row: OfficialFigureRow) {
  const info = metricInfo(row.metric);
  return {
    id: row.id,
    kind: "official" as const,
    region: { code: row.regionCode, name_zh: row.regionNameZh, name_en: row.regionNameEn },
    year: row.year,
    period_from: row.periodFrom,
    metric: row.metric,
    metric_zh: info.zh,
    metric_en: info.en,
    value: row.value,
    unit: row.unit,
    note_zh: row.noteZh,
    note_en: row.noteEn,
    updated_at: row.updatedAt,
    source: {
      id: row.source.id,
      title_zh: row.source.titleZh,
      title_en: row.source.titleEn,
      issuer: row.source.issuer,
      published_on: row.source.publishedOn,
      url: row.source.url,
      reference: row.source.reference,
    },
    // Official figures are published as announced: never demo, whatever the places below them are.
    provenance: provenanceOf("official", false, `As announced by ${row.source.issuer} in ${row.source.titleEn} (${row.source.publishedOn}; source ${row.source.id})`),
  };
}

export const listOfficialFiguresHandler: RouteHandler<typeof listOfficialFiguresRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { region: query.region, year: query.year, metric: query.metric };
  const since = updatedSince(query);
  const base = {
    dataset: "official_figures",
    dependsOn: ["regions", "official_figures"],
    filename: "official-figures",
    toJson: officialFigureJson,
    schema: OfficialFigureSchema,
    meta: { filters: { ...filters, updated_since: since }, sort: query.sort ?? "id", ...changeMeta(since, clock(c)) },
  };
  if (since) {
    return respondList(c, query, {
      ...base,
      keySchema: ChangeCursorSchema,
      keyOf: (row: OfficialFigureRow): ChangeCursor => [row.updatedAt, row.id],
      page: (after: ChangeCursor | undefined, limit: number) => changedOfficialFiguresQuery(db, filters, since, after, limit),
    });
  }
  const order = parseSort<OfficialFigureSortKey>(query.sort, "id");
  if (order.key === "id" && !order.descending) {
    return respondList(c, query, { ...base, keySchema: z.number().int().positive(), keyOf: (row: OfficialFigureRow) => row.id, page: (after: number | undefined, limit: number) => listOfficialFigures(db, filters, after, limit) });
  }
  // Another order: the cursor carries the sort value with the id (keyset on both).
  return respondList(c, query, {
    ...base,
    keySchema: z.tuple([z.number(), z.number().int().positive()]),
    keyOf: (row: OfficialFigureRow): [number, number] => [officialFigureSortValue(row, order.key), row.id],
    page: (after: readonly [number, number] | undefined, limit: number) => sortedOfficialFiguresQuery(db, filters, order, after, limit),
  });
};
