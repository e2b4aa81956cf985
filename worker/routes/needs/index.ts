import { createRouter } from "../../lib/router";
import { getNeedHandler, getPledgeHandler, listNeedsHandler, needStatsHandler, pledgeHandler } from "./needs.handlers";
import { getNeedRoute, getPledgeRoute, listNeedsRoute, needStatsRoute, pledgeRoute } from "./needs.routes";

// /needs/stats is registered before /needs/{id} so that "stats" is never read as an id.
export const needsRouter = createRouter()
  .openapi(listNeedsRoute, listNeedsHandler)
  .openapi(needStatsRoute, needStatsHandler)
  .openapi(getNeedRoute, getNeedHandler)
  .openapi(pledgeRoute, pledgeHandler)
  .openapi(getPledgeRoute, getPledgeHandler);
