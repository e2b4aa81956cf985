import { createRouter } from "../../lib/router";
import { listVillagesHandler } from "./villages.handlers";
import { listVillagesRoute } from "./villages.routes";

export const villagesRouter = createRouter().openapi(listVillagesRoute, listVillagesHandler);
