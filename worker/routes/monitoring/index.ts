import { createRouter } from "../../lib/router";
import { listMonitoringHandler } from "./monitoring.handlers";
import { listMonitoringRoute } from "./monitoring.routes";

export const monitoringRouter = createRouter().openapi(listMonitoringRoute, listMonitoringHandler);
