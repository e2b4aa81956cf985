import { createRouter } from "../../lib/router";
import { closeNeedHandler, deliveryHandler, postNeedHandler } from "./admin-needs.handlers";
import { closeNeedRoute, deliveryRoute, postNeedRoute } from "./admin-needs.routes";

export const adminNeedsRouter = createRouter()
  .openapi(postNeedRoute, postNeedHandler)
  .openapi(deliveryRoute, deliveryHandler)
  .openapi(closeNeedRoute, closeNeedHandler);
