import { createRouter } from "../../lib/router";
import { createReportHandler, getReportHandler, reportStatsHandler } from "./reports.handlers";
import { createReportRoute, getReportRoute, reportStatsRoute } from "./reports.routes";

// /reports/stats is registered before /reports/{receipt} so that "stats" is never read as a receipt.
export const reportsRouter = createRouter()
  .openapi(createReportRoute, createReportHandler)
  .openapi(reportStatsRoute, reportStatsHandler)
  .openapi(getReportRoute, getReportHandler);
