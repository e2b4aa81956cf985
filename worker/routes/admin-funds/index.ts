import { createRouter } from "../../lib/router";
import {
  allocationHandler,
  amendmentHandler,
  createProjectHandler,
  disbursementHandler,
  donationAllocationHandler,
  donationHandler,
  projectStatusHandler,
  reversalHandler,
} from "./admin-funds.handlers";
import { allocationRoute, amendmentRoute, createProjectRoute, disbursementRoute, donationAllocationRoute, donationRoute, projectStatusRoute, reversalRoute } from "./admin-funds.routes";

export const adminFundsRouter = createRouter()
  .openapi(createProjectRoute, createProjectHandler)
  .openapi(projectStatusRoute, projectStatusHandler)
  .openapi(amendmentRoute, amendmentHandler)
  .openapi(allocationRoute, allocationHandler)
  .openapi(disbursementRoute, disbursementHandler)
  .openapi(donationRoute, donationHandler)
  .openapi(donationAllocationRoute, donationAllocationHandler)
  .openapi(reversalRoute, reversalHandler);
