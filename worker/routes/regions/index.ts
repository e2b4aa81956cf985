import { createRouter } from "../../lib/router";
import { getRegionHandler, listRegionsHandler } from "./regions.handlers";
import { getRegionRoute, listRegionsRoute } from "./regions.routes";

export const regionsRouter = createRouter().openapi(listRegionsRoute, listRegionsHandler).openapi(getRegionRoute, getRegionHandler);
