import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createDb } from "../../db/client";
import { listDatasetVersions } from "../../db/queries/dataset-versions";
import { DATASETS, LICENCE } from "../../domain/datasets";
import type { AppEnv } from "../../lib/app-env";
import { datasetFields } from "../../lib/dataset-fields";
import { edgeCached } from "../../lib/edge-cache";
import { DATASET_SCHEMAS } from "../../schemas/datasets";
import type { catalogJsonLdRoute, listDatasetsRoute } from "./datasets.routes";

const ALL_DATASETS = DATASETS.map((d) => d.id);

function fieldsOf(id: string) {
  const schema = DATASET_SCHEMAS[id];
  if (!schema) throw new Error(`dataset ${id} has no schema in DATASET_SCHEMAS`);
  return datasetFields(schema);
}

async function catalogue(c: Context<AppEnv>) {
  const versions = await listDatasetVersions(createDb(c.env.DB));
  const base = `${new URL(c.req.url).origin}/api/v1`;
  return DATASETS.map((d) => {
    const v = versions.find((row) => row.dataset === d.id);
    const endpoint = `${base}${d.path}`;
    return {
      id: d.id,
      title_zh: d.title_zh,
      title_en: d.title_en,
      description_zh: d.description_zh,
      description_en: d.description_en,
      kind: d.kind,
      licence: { ...LICENCE },
      version: v?.version ?? 1,
      last_updated: v?.updatedAt ?? null,
      keywords: d.keywords,
      fields: fieldsOf(d.id),
      endpoint,
      downloads: {
        json: `${endpoint}?format=json`,
        csv: `${endpoint}?format=csv`,
        csv_excel: `${endpoint}?format=csv&bom=1`,
        ndjson: `${endpoint}?format=ndjson`,
      },
    };
  });
}

export const listDatasetsHandler: RouteHandler<typeof listDatasetsRoute, AppEnv> = async (c) => {
  return edgeCached(c, { datasets: ALL_DATASETS }, async () => {
    const data = await catalogue(c);
    return c.json({ data, meta: { count: data.length } }, 200);
  });
};

export const catalogJsonLdHandler: RouteHandler<typeof catalogJsonLdRoute, AppEnv> = (c) =>
  edgeCached(c, { datasets: ALL_DATASETS }, () => catalogJsonLd(c));

async function catalogJsonLd(c: Context<AppEnv>): Promise<Response> {
  const origin = new URL(c.req.url).origin;
  const datasets = await catalogue(c);
  const body = {
    "@context": { dcat: "http://www.w3.org/ns/dcat#", dct: "http://purl.org/dc/terms/", xsd: "http://www.w3.org/2001/XMLSchema#" },
    "@id": `${origin}/api/v1/catalog.jsonld`,
    "@type": "dcat:Catalog",
    "dct:title": [
      { "@language": "zh-CN", "@value": "公开：精准扶贫公开数据" },
      { "@language": "en", "@value": "Gongkai: targeted poverty alleviation open data" },
    ],
    "dct:license": { "@id": LICENCE.url },
    "dcat:dataset": datasets.map((d) => ({
      "@id": `${origin}/api/v1/datasets#${d.id}`,
      "@type": "dcat:Dataset",
      "dct:identifier": d.id,
      "dct:title": [
        { "@language": "zh-CN", "@value": d.title_zh },
        { "@language": "en", "@value": d.title_en },
      ],
      "dct:description": [
        { "@language": "zh-CN", "@value": d.description_zh },
        { "@language": "en", "@value": d.description_en },
      ],
      "dct:license": { "@id": LICENCE.url },
      "dct:modified": d.last_updated ? { "@type": "xsd:dateTime", "@value": d.last_updated } : undefined,
      "dcat:version": String(d.version),
      "dcat:keyword": d.keywords,
      "dcat:distribution": [
        { "@type": "dcat:Distribution", "dcat:accessURL": { "@id": d.endpoint }, "dcat:downloadURL": { "@id": d.downloads.json }, "dcat:mediaType": "application/json" },
        { "@type": "dcat:Distribution", "dcat:downloadURL": { "@id": d.downloads.csv }, "dcat:mediaType": "text/csv" },
        { "@type": "dcat:Distribution", "dcat:downloadURL": { "@id": d.downloads.ndjson }, "dcat:mediaType": "application/x-ndjson" },
      ],
    })),
  };
  return c.body(JSON.stringify(body), 200, { "Content-Type": "application/ld+json; charset=utf-8" });
}
