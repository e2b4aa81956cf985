import { z } from "@hono/zod-openapi";
import { DATASETS } from "../../domain/datasets";

export const DatasetSchema = z
  .object({
    id: z.string(),
    title_zh: z.string(),
    title_en: z.string(),
    description_zh: z.string(),
    description_en: z.string(),
    kind: z.enum(["official", "register-derived", "administrative", "reference"]),
    licence: z.object({ id: z.string(), name: z.string(), url: z.string() }),
    version: z.number().int(),
    last_updated: z.string().nullable().openapi({ description: "ISO 8601 time of the last change" }),
    keywords: z.array(z.string()),
    sync: z
      .object({
        updated_since: z.boolean().openapi({ description: "true when the list takes `updated_since=`: rows changed since an instant, in change order, with `updated_at` on every row" }),
        instead: z.string().nullable().openapi({ description: "Without updated_since=: why not, and how to stay in sync instead" }),
      })
      .openapi({ description: "How to keep a copy in sync without downloading the dataset again (see also /api/v1/changes)" }),
    fields: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        unit: z.string().optional(),
        description: z.string(),
      }),
    ),
    endpoint: z.string().url(),
    table_schema: z.string().url().openapi({ description: "Frictionless Table Schema of the CSV (types, codes as text, missing values)" }),
    downloads: z.object({
      json: z.string().url(),
      csv: z.string().url(),
      csv_excel: z.string().url().openapi({ description: "CSV with a UTF-8 BOM, for Excel" }),
      ndjson: z.string().url(),
    }),
    snapshot: z
      .object({
        id: z.number().int().openapi({ description: "The newest citable snapshot" }),
        created_at: z.string().openapi({ format: "date-time" }),
        url: z.string().url().openapi({ description: "The dataset's CSV in that snapshot (for the snapshots dataset: its datapackage.json); the file never changes" }),
        media_type: z.enum(["text/csv", "application/json"]),
        bytes: z.number().int().openapi({ description: "Size in bytes, recorded when the snapshot was built" }),
        sha256: z.string().openapi({ description: "SHA-256 of the file, hex, recorded when the snapshot was built" }),
      })
      .nullable()
      .openapi({ description: "The dataset's fixed file in the newest citable snapshot, with its size and checksum; null before the first snapshot" }),
  })
  .openapi("Dataset");

export const DatasetCatalogSchema = z.object({ data: z.array(DatasetSchema), meta: z.object({ count: z.number().int() }) }).openapi("DatasetCatalog");
export const EmptyQuery = z.strictObject({});

const DATASET_IDS = DATASETS.map((d) => d.id) as [string, ...string[]];

export const DatasetIdParams = z.object({
  id: z.enum(DATASET_IDS, { error: `must be one of ${DATASET_IDS.join(", ")}` }).openapi({ param: { name: "id", in: "path" }, example: "villages" }),
});

export const TableSchemaSchema = z
  .object({
    $schema: z.string(),
    fields: z.array(
      z.object({
        name: z.string(),
        type: z.enum(["string", "integer", "number", "boolean", "date", "datetime", "array"]),
        format: z.string().optional(),
        description: z.string(),
        constraints: z.record(z.string(), z.unknown()).optional(),
        "x-unit": z.string().optional(),
      }),
    ),
    missingValues: z.array(z.string()),
  })
  .openapi("TableSchema");
