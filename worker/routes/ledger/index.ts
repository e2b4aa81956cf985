import { createRouter } from "../../lib/router";
import { consistencyHandler, entriesHandler, headHandler, inclusionHandler, keyHandler } from "./ledger.handlers";
import { consistencyRoute, entriesRoute, headRoute, inclusionRoute, keyRoute } from "./ledger.routes";

export const ledgerRouter = createRouter()
  .openapi(headRoute, headHandler)
  .openapi(keyRoute, keyHandler)
  .openapi(entriesRoute, entriesHandler)
  .openapi(inclusionRoute, inclusionHandler)
  .openapi(consistencyRoute, consistencyHandler);
