import { createRoute, z } from "@hono/zod-openapi";
import { publicErrors } from "../../lib/schemas";
import { DatasetCatalogSchema, DatasetIdParams, EmptyQuery, TableSchemaSchema } from "./datasets.schemas";

export const listDatasetsRoute = createRoute({
  method: "get",
  path: "/datasets",
  tags: ["Catalogue"],
  summary: "The open-data catalogue",
  description: "Every public dataset: titles, description, licence (CC BY 4.0), version, last update, field dictionary and download links.",
  request: { query: EmptyQuery },
  responses: {
    200: { description: "The catalogue", content: { "application/json": { schema: DatasetCatalogSchema } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});

export const catalogJsonLdRoute = createRoute({
  method: "get",
  path: "/catalog.jsonld",
  tags: ["Catalogue"],
  summary: "The catalogue as DCAT (JSON-LD)",
  request: { query: EmptyQuery },
  responses: {
    200: {
      description: "A dcat:Catalog",
      content: { "application/ld+json": { schema: z.record(z.string(), z.unknown()).openapi("DcatCatalog") } },
    },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});

export const tableSchemaRoute = createRoute({
  method: "get",
  path: "/datasets/{id}/schema.json",
  tags: ["Catalogue"],
  summary: "Frictionless Table Schema of a dataset's CSV",
  description:
    "Column names, types (codes are strings of 12 digits, years and counts integers), descriptions and the cells that mean missing (`''`, `1-7`, `withheld`), so a typed reader keeps codes' digits. Linked from the catalogue and from every CSV response (`Link: <…>; rel=\"describedby\"`).",
  request: { params: DatasetIdParams, query: EmptyQuery },
  responses: {
    200: { description: "A Table Schema", content: { "application/json": { schema: TableSchemaSchema } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});
