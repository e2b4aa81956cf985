import { createRouter } from "../../lib/router";
import { villageStatusesHandler, villageStatusHandler } from "./admin-villages.handlers";
import { villageStatusesRoute, villageStatusRoute } from "./admin-villages.routes";

export const adminVillagesRouter = createRouter().openapi(villageStatusRoute, villageStatusHandler).openapi(villageStatusesRoute, villageStatusesHandler);
