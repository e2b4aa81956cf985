import { z } from "@hono/zod-openapi";

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
    fields: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        unit: z.string().optional(),
        description: z.string(),
      }),
    ),
    endpoint: z.string().url(),
    downloads: z.object({
      json: z.string().url(),
      csv: z.string().url(),
      csv_excel: z.string().url().openapi({ description: "CSV with a UTF-8 BOM, for Excel" }),
      ndjson: z.string().url(),
    }),
  })
  .openapi("Dataset");

export const DatasetCatalogSchema = z.object({ data: z.array(DatasetSchema), meta: z.object({ count: z.number().int() }) }).openapi("DatasetCatalog");
export const EmptyQuery = z.strictObject({});
