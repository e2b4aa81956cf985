import { createRouter } from "../../lib/router";
import { getAdminReportHandler, listAdminReportsHandler, noteReportHandler, transitionReportHandler } from "./admin-reports.handlers";
import { getAdminReportRoute, listAdminReportsRoute, noteReportRoute, transitionReportRoute } from "./admin-reports.routes";

export const adminReportsRouter = createRouter()
  .openapi(listAdminReportsRoute, listAdminReportsHandler)
  .openapi(getAdminReportRoute, getAdminReportHandler)
  .openapi(transitionReportRoute, transitionReportHandler)
  .openapi(noteReportRoute, noteReportHandler);
