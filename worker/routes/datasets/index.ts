import { createRouter } from "../../lib/router";
import { catalogJsonLdHandler, listDatasetsHandler, tableSchemaHandler } from "./datasets.handlers";
import { catalogJsonLdRoute, listDatasetsRoute, tableSchemaRoute } from "./datasets.routes";

export const datasetsRouter = createRouter()
  .openapi(listDatasetsRoute, listDatasetsHandler)
  .openapi(catalogJsonLdRoute, catalogJsonLdHandler)
  .openapi(tableSchemaRoute, tableSchemaHandler);
