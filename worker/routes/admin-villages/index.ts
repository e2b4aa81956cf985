import { createRouter } from "../../lib/router";
import { villageStatusHandler } from "./admin-villages.handlers";
import { villageStatusRoute } from "./admin-villages.routes";

export const adminVillagesRouter = createRouter().openapi(villageStatusRoute, villageStatusHandler);
