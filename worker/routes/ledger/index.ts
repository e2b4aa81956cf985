import { createRouter } from "../../lib/router";
import { consistencyHandler, entriesHandler, headHandler, inclusionHandler, keyHandler, keysHandler } from "./ledger.handlers";
import { consistencyRoute, entriesRoute, headRoute, inclusionRoute, keyRoute, keysRoute } from "./ledger.routes";

export const ledgerRouter = createRouter()
  .openapi(headRoute, headHandler)
  .openapi(keyRoute, keyHandler)
  .openapi(keysRoute, keysHandler)
  .openapi(entriesRoute, entriesHandler)
  .openapi(inclusionRoute, inclusionHandler)
  .openapi(consistencyRoute, consistencyHandler);
