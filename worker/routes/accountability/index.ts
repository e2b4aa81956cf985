import { createRouter } from "../../lib/router";
import { caseStatsHandler, getCaseHandler, listCasesHandler } from "./accountability.handlers";
import { caseStatsRoute, getCaseRoute, listCasesRoute } from "./accountability.routes";

export const accountabilityRouter = createRouter()
  .openapi(listCasesRoute, listCasesHandler)
  .openapi(caseStatsRoute, caseStatsHandler)
  .openapi(getCaseRoute, getCaseHandler);
