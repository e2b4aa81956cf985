import { GroupRowsSchema } from "../../lib/grouping";
import { createRoute, z } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { DonationDetailSchema, DonationIdSchema, DonationListQuery, DonationSchema } from "./donations.schemas";

const tags = ["Donations"];

export const listDonationsRoute = createRoute({
  method: "get",
  path: "/donations",
  tags,
  summary: "Donations",
  description: "Every recorded donation with what has been allocated of it. Donors are anonymous unless they chose to be named. Order is by date, then id.",
  request: { query: DonationListQuery },
  responses: { ...listResponses(DonationSchema, "DonationList", GroupRowsSchema), ...publicErrors },
});

export const getDonationRoute = createRoute({
  method: "get",
  path: "/donations/{id}",
  tags,
  summary: "A donation, where it went, and proofs that its record was never rewritten",
  description:
    "The donation by its receipt id, its allocations, the progress and disbursements of the projects it paid for, and every ledger entry about it with an inclusion proof against the current signed tree head.",
  request: { params: z.object({ id: DonationIdSchema }) },
  responses: {
    200: { description: "The donation", content: { "application/json": { schema: DonationDetailSchema } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});
