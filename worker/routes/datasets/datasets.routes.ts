import { createRoute, z } from "@hono/zod-openapi";
import { publicErrors } from "../../lib/schemas";
import { DatasetCatalogSchema, EmptyQuery } from "./datasets.schemas";

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
