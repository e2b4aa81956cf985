import { createRouter } from "../../lib/router";
import { flowsHandler, getProjectHandler, listProjectsHandler, monthlyRatesHandler, summaryHandler } from "./funds.handlers";
import { flowsRoute, getProjectRoute, listProjectsRoute, monthlyRatesRoute, summaryRoute } from "./funds.routes";

export const fundsRouter = createRouter()
  .openapi(listProjectsRoute, listProjectsHandler)
  .openapi(getProjectRoute, getProjectHandler)
  .openapi(summaryRoute, summaryHandler)
  .openapi(monthlyRatesRoute, monthlyRatesHandler)
  .openapi(flowsRoute, flowsHandler);
