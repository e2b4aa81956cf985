import { createRouter } from "../../lib/router";
import { recordCaseHandler } from "./admin-accountability.handlers";
import { recordCaseRoute } from "./admin-accountability.routes";

export const adminAccountabilityRouter = createRouter().openapi(recordCaseRoute, recordCaseHandler);
