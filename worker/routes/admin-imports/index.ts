import { createRouter } from "../../lib/router";
import { importHouseholdsHandler, listReleasesHandler } from "./admin-imports.handlers";
import { importHouseholdsRoute, listReleasesRoute } from "./admin-imports.routes";

export const adminImportsRouter = createRouter().openapi(importHouseholdsRoute, importHouseholdsHandler).openapi(listReleasesRoute, listReleasesHandler);
