import { createRouter } from "../../lib/router";
import { listRegisterStatisticsHandler } from "./register-statistics.handlers";
import { listRegisterStatisticsRoute } from "./register-statistics.routes";

export const registerStatisticsRouter = createRouter().openapi(listRegisterStatisticsRoute, listRegisterStatisticsHandler);
