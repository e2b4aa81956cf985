import { createRouter } from "../../lib/router";
import { loadRegionsHandler } from "./admin-regions.handlers";
import { loadRegionsRoute } from "./admin-regions.routes";

export const adminRegionsRouter = createRouter().openapi(loadRegionsRoute, loadRegionsHandler);
