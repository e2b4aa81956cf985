import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createDb } from "../../db/client";
import { listDatasetVersions } from "../../db/queries/dataset-versions";
import { latestSnapshot, snapshotFiles, type SnapshotResourceRow, type SnapshotRow } from "../../db/queries/snapshots";
import { DATASETS, LICENCE, PUBLISHER } from "../../domain/datasets";
import type { AppEnv } from "../../lib/app-env";
import { datasetFields, tableSchema } from "../../lib/dataset-fields";
import { edgeCached } from "../../lib/edge-cache";
import { DATASET_SCHEMAS } from "../../schemas/datasets";
import { snapshotFileJson, snapshotJson } from "../../schemas/snapshots";
import type { catalogJsonLdRoute, listDatasetsRoute, tableSchemaRoute } from "./datasets.routes";

const ALL_DATASETS = DATASETS.map((d) => d.id);

function fieldsOf(id: string) {
  const schema = DATASET_SCHEMAS[id];
  if (!schema) throw new Error(`dataset ${id} has no schema in DATASET_SCHEMAS`);
  return datasetFields(schema);
}

/**
 * The newest citable snapshot and its files: fixed files whose size and SHA-256 were recorded
 * when it was built (snapshot_resources), so the catalogue can give both, unlike for a live export.
 */
async function newestSnapshot(c: Context<AppEnv>): Promise<{ row: SnapshotRow; files: SnapshotResourceRow[] } | undefined> {
  const db = createDb(c.env.DB);
  const row = await latestSnapshot(db);
  return row && { row, files: await snapshotFiles(db, row.id) };
}

async function catalogue(c: Context<AppEnv>) {
  const [versions, snapshot] = await Promise.all([listDatasetVersions(createDb(c.env.DB)), newestSnapshot(c)]);
  const origin = new URL(c.req.url).origin;
  const base = `${origin}/api/v1`;
  return DATASETS.map((d) => {
    const v = versions.find((row) => row.dataset === (d.versionOf ?? d.id));
    const endpoint = `${base}${d.path}`;
    const file = snapshot?.files.find((f) => f.name === d.id);
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
      sync: { updated_since: d.syncInstead === undefined, instead: d.syncInstead ?? null },
      fields: fieldsOf(d.id),
      endpoint,
      table_schema: `${base}${tableSchemaPath(d.id)}`,
      downloads: {
        json: `${endpoint}?format=json`,
        csv: `${endpoint}?format=csv`,
        csv_excel: `${endpoint}?format=csv&bom=1`,
        ndjson: `${endpoint}?format=ndjson`,
      },
      // The snapshots dataset's own fixed file is the newest package descriptor.
      snapshot: snapshot ? snapshotDownload(origin, snapshot.row, d.id === "snapshots" ? undefined : file) : null,
    };
  });
}

/** A dataset's file in the newest snapshot (or, without a file, the snapshot's datapackage.json). */
function snapshotDownload(origin: string, row: SnapshotRow, file: SnapshotResourceRow | undefined) {
  const json = snapshotJson(row);
  if (!file) return { id: row.id, created_at: row.createdAt, url: `${origin}${json.datapackage_url}`, media_type: "application/json", bytes: row.packageBytes, sha256: row.packageHash };
  const f = snapshotFileJson(row.id, file);
  return { id: row.id, created_at: row.createdAt, url: `${origin}${f.url}`, media_type: "text/csv", bytes: f.bytes, sha256: f.sha256 };
}

/** Path below /api/v1 of a dataset's Table Schema (also in CSV responses' Link header: lib/listing.ts). */
export const tableSchemaPath = (id: string) => `/datasets/${id}/schema.json`;

export const tableSchemaHandler: RouteHandler<typeof tableSchemaRoute, AppEnv> = (c) => {
  const { id } = c.req.valid("param");
  // Derived from code alone (no data): cached like the catalogue, by its datasets' versions.
  return edgeCached(c, { datasets: [id] }, async () => c.json(tableSchema(DATASET_SCHEMAS[id]!) as never, 200));
};

export const listDatasetsHandler: RouteHandler<typeof listDatasetsRoute, AppEnv> = async (c) => {
  return edgeCached(c, { datasets: ALL_DATASETS }, async () => {
    const data = await catalogue(c);
    return c.json({ data, meta: { count: data.length } }, 200);
  });
};

export const catalogJsonLdHandler: RouteHandler<typeof catalogJsonLdRoute, AppEnv> = (c) =>
  edgeCached(c, { datasets: ALL_DATASETS }, () => catalogJsonLd(c));

/**
 * The period each dataset covers (DCAT dct:temporal), from the data: years of designation to
 * exit, of official figures' periods, of active register releases, of projects; dates of
 * donations, notices and ledger entries. One statement of min/max subqueries; the answer is
 * cached with the catalogue by the datasets' versions.
 */
const TEMPORAL_SQL = `SELECT
  (SELECT min(designated_year) FROM village_status) AS villages_from, (SELECT max(max(coalesce(exit_year, 0), coalesce(designated_year, 0))) FROM village_status) AS villages_to,
  (SELECT min(period_from) FROM official_figures) AS official_from, (SELECT max(year) FROM official_figures) AS official_to,
  (SELECT min(year) FROM register_releases WHERE status = 'active') AS register_from, (SELECT max(year) FROM register_releases WHERE status = 'active') AS register_to,
  (SELECT min(year) FROM fund_projects) AS projects_from, (SELECT max(year) FROM fund_projects) AS projects_to,
  (SELECT min(date) FROM donations) AS donations_from, (SELECT max(date) FROM donations) AS donations_to,
  (SELECT min(published_at) FROM notices WHERE published_at IS NOT NULL) AS notices_from, (SELECT max(published_at) FROM notices) AS notices_to,
  (SELECT min(recorded_at) FROM ledger_entries) AS ledger_from, (SELECT max(recorded_at) FROM ledger_entries) AS ledger_to`;

type Period = { start: string; end: string } | null;

async function temporalCoverage(c: Context<AppEnv>): Promise<Record<string, Period>> {
  const row = (await c.env.DB.prepare(TEMPORAL_SQL).first<Record<string, string | number | null>>()) ?? {};
  const years = (key: string): Period => (row[`${key}_from`] != null && row[`${key}_to`] != null ? { start: `${row[`${key}_from`]}-01-01`, end: `${row[`${key}_to`]}-12-31` } : null);
  const dates = (key: string): Period => (row[`${key}_from`] != null && row[`${key}_to`] != null ? { start: String(row[`${key}_from`]).slice(0, 10), end: String(row[`${key}_to`]).slice(0, 10) } : null);
  return {
    regions: null,
    villages: years("villages"),
    official_figures: years("official"),
    register_statistics: years("register"),
    fund_projects: years("projects"),
    fund_rates: years("projects"),
    fund_rates_monthly: years("projects"),
    fund_flows: years("projects"),
    donations: dates("donations"),
    ledger: dates("ledger"),
    notices: dates("notices"),
  };
}

/** IANA media type URIs (DCAT 3 dcat:mediaType); NDJSON is not registered, so it is a dct:format. */
const IANA = (type: string) => ({ "@id": `https://www.iana.org/assignments/media-types/${type}` });

/** DCAT 3 byte size and an SPDX checksum (the shape DCAT-AP uses) for a snapshot's fixed file. */
function snapshotDistribution(origin: string, file: NonNullable<Awaited<ReturnType<typeof catalogue>>[number]["snapshot"]>, tableSchema: string | undefined) {
  return {
    "@type": "dcat:Distribution",
    "dct:title": `${file.media_type === "text/csv" ? "CSV" : "datapackage.json"} in citable snapshot ${file.id} (a fixed file)`,
    "dct:issued": { "@type": "xsd:dateTime", "@value": file.created_at },
    "dcat:accessURL": { "@id": `${origin}/api/v1/snapshots/${file.id}` },
    "dcat:downloadURL": { "@id": file.url },
    "dcat:mediaType": IANA(file.media_type),
    "dcat:byteSize": { "@type": "xsd:nonNegativeInteger", "@value": String(file.bytes) },
    "spdx:checksum": {
      "@type": "spdx:Checksum",
      "spdx:algorithm": { "@id": "spdx:checksumAlgorithm_sha256" },
      "spdx:checksumValue": { "@type": "xsd:hexBinary", "@value": file.sha256 },
    },
    "dct:conformsTo": { "@id": tableSchema ?? "https://datapackage.org/profiles/2.0/datapackage.json" },
  };
}

async function catalogJsonLd(c: Context<AppEnv>): Promise<Response> {
  const origin = new URL(c.req.url).origin;
  const [datasets, temporal] = await Promise.all([catalogue(c), temporalCoverage(c)]);
  const publisher = {
    "@id": `${origin}/#publisher`,
    "@type": "foaf:Agent",
    "foaf:name": [
      { "@language": "zh-CN", "@value": PUBLISHER.name_zh },
      { "@language": "en", "@value": PUBLISHER.name_en },
    ],
    "foaf:homepage": { "@id": `${origin}/` },
  };
  const contactPoint = { "@type": "vcard:Organization", "vcard:fn": PUBLISHER.contact_name, "vcard:hasURL": { "@id": new URL(PUBLISHER.contact_path, origin).toString() } };
  const body = {
    "@context": {
      dcat: "http://www.w3.org/ns/dcat#",
      dct: "http://purl.org/dc/terms/",
      xsd: "http://www.w3.org/2001/XMLSchema#",
      spdx: "http://spdx.org/rdf/terms#",
      foaf: "http://xmlns.com/foaf/0.1/",
      vcard: "http://www.w3.org/2006/vcard/ns#",
    },
    "@id": `${origin}/api/v1/catalog.jsonld`,
    "@type": "dcat:Catalog",
    "dct:title": [
      { "@language": "zh-CN", "@value": "公开：精准扶贫公开数据" },
      { "@language": "en", "@value": "Gongkai: targeted poverty alleviation open data" },
    ],
    "dct:license": { "@id": LICENCE.url },
    "dct:publisher": publisher,
    "dcat:contactPoint": contactPoint,
    "foaf:homepage": { "@id": `${origin}/data/` },
    "dcat:dataset": datasets.map((d) => {
      const period = temporal[d.id];
      return {
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
        "dct:publisher": { "@id": publisher["@id"] },
        "dcat:contactPoint": contactPoint,
        "dct:modified": d.last_updated ? { "@type": "xsd:dateTime", "@value": d.last_updated } : undefined,
        "dct:temporal": period
          ? { "@type": "dct:PeriodOfTime", "dcat:startDate": { "@type": "xsd:date", "@value": period.start }, "dcat:endDate": { "@type": "xsd:date", "@value": period.end } }
          : undefined,
        "dcat:version": String(d.version),
        "dcat:keyword": d.keywords,
        // The API (paged JSON) is an access service; the downloads are the full streamed exports
        // (CSV and NDJSON without `limit` stream every row). Byte size and checksum are not known
        // for a live export; the newest citable snapshot's fixed file carries both.
        "dcat:distribution": [
          { "@type": "dcat:Distribution", "dct:title": "JSON API (paged)", "dcat:accessURL": { "@id": d.endpoint }, "dcat:mediaType": IANA("application/json") },
          {
            "@type": "dcat:Distribution",
            "dct:title": "CSV, every row (streamed)",
            "dcat:accessURL": { "@id": d.endpoint },
            "dcat:downloadURL": { "@id": d.downloads.csv },
            "dcat:mediaType": IANA("text/csv"),
            "dct:conformsTo": { "@id": d.table_schema },
          },
          {
            "@type": "dcat:Distribution",
            "dct:title": "NDJSON, every row (streamed)",
            "dcat:accessURL": { "@id": d.endpoint },
            "dcat:downloadURL": { "@id": d.downloads.ndjson },
            "dct:format": "application/x-ndjson",
          },
          ...(d.snapshot ? [snapshotDistribution(origin, d.snapshot, d.id === "snapshots" ? undefined : d.table_schema)] : []),
        ],
      };
    }),
  };
  return c.body(JSON.stringify(body), 200, { "Content-Type": "application/ld+json; charset=utf-8" });
}
