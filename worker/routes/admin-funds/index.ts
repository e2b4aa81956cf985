import { createRouter } from "../../lib/router";
import {
  allocationHandler,
  createProjectHandler,
  disbursementHandler,
  donationAllocationHandler,
  donationHandler,
  projectStatusHandler,
  reversalHandler,
} from "./admin-funds.handlers";
import { allocationRoute, createProjectRoute, disbursementRoute, donationAllocationRoute, donationRoute, projectStatusRoute, reversalRoute } from "./admin-funds.routes";

export const adminFundsRouter = createRouter()
  .openapi(createProjectRoute, createProjectHandler)
  .openapi(projectStatusRoute, projectStatusHandler)
  .openapi(allocationRoute, allocationHandler)
  .openapi(disbursementRoute, disbursementHandler)
  .openapi(donationRoute, donationHandler)
  .openapi(donationAllocationRoute, donationAllocationHandler)
  .openapi(reversalRoute, reversalHandler);
