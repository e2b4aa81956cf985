import { createRouter } from "../../lib/router";
import { catalogJsonLdHandler, listDatasetsHandler } from "./datasets.handlers";
import { catalogJsonLdRoute, listDatasetsRoute } from "./datasets.routes";

export const datasetsRouter = createRouter()
  .openapi(listDatasetsRoute, listDatasetsHandler)
  .openapi(catalogJsonLdRoute, catalogJsonLdHandler);
