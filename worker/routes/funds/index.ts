import { createRouter } from "../../lib/router";
import { flowsHandler, getProjectHandler, listProjectsHandler, summaryHandler } from "./funds.handlers";
import { flowsRoute, getProjectRoute, listProjectsRoute, summaryRoute } from "./funds.routes";

export const fundsRouter = createRouter()
  .openapi(listProjectsRoute, listProjectsHandler)
  .openapi(getProjectRoute, getProjectHandler)
  .openapi(summaryRoute, summaryHandler)
  .openapi(flowsRoute, flowsHandler);
