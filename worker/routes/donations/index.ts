import { createRouter } from "../../lib/router";
import { getDonationHandler, listDonationsHandler } from "./donations.handlers";
import { getDonationRoute, listDonationsRoute } from "./donations.routes";

export const donationsRouter = createRouter().openapi(listDonationsRoute, listDonationsHandler).openapi(getDonationRoute, getDonationHandler);
