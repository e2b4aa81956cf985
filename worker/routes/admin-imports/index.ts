import { createRouter } from "../../lib/router";
import { importHouseholdsHandler } from "./admin-imports.handlers";
import { importHouseholdsRoute } from "./admin-imports.routes";

export const adminImportsRouter = createRouter().openapi(importHouseholdsRoute, importHouseholdsHandler);
