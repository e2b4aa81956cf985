import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { errorResponses, ErrorSchema, publicErrors } from "../../lib/schemas";
import { publicPostGuard } from "../../middleware/public-post-guard";
import { ReceiptParam } from "../../schemas/notices";
import { NeedSchema } from "../../schemas/needs";
import { NeedDetailSchema, NeedIdParam, NeedListQuery, NeedStatsQuery, NeedStatsSchema, PledgeBody, PledgeReceiptSchema } from "./needs.schemas";

const tags = ["Needs"];

/** A pledge body is a name at most; anything larger is not a pledge. */
export const PLEDGE_MAX_BYTES = 8 * 1024;

export const listNeedsRoute = createRoute({
  method: "get",
  path: "/needs",
  tags,
  summary: "Needs matched with donors (the needs board)",
  description:
    "Needs posted by villages' information administrators, open needs first (then pledged, delivered, expired, withdrawn), then by id. A need names no household. " +
    "Medical and disability needs show their township, never their village (privacy rule R4).",
  request: { query: NeedListQuery },
  responses: { ...listResponses(NeedSchema, "NeedList"), ...publicErrors },
});

export const needStatsRoute = createRoute({
  method: "get",
  path: "/needs/stats",
  tags,
  summary: "Needs statistics",
  description: "Posted, matched (pledged or delivered) and delivered, by status, category, township and month posted, and the median days from posting to delivery.",
  request: { query: NeedStatsQuery },
  responses: {
    200: { description: "Statistics", content: { "application/json": { schema: NeedStatsSchema } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});

export const getNeedRoute = createRoute({
  method: "get",
  path: "/needs/{id}",
  tags,
  summary: "A need, its pledge and delivery, with ledger proofs",
  description: "The need, the pledge and delivery made against it, and their ledger entries, each with an inclusion proof against the current signed tree head.",
  request: { params: NeedIdParam },
  responses: {
    200: { description: "The need", content: { "application/json": { schema: NeedDetailSchema } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});

export const pledgeRoute = createRoute({
  method: "post",
  path: "/needs/{id}/pledges",
  tags,
  summary: "Pledge to an open need",
  description:
    "Named or anonymous. The pledge is written to the ledger in the same batch as the need's move to pledged; the answer carries a receipt shown ONCE (stored only as a hash) " +
    "to follow the pledge and its delivery at /pledges/{receipt}. A need already pledged to, past its deadline or closed is a 409; nothing is written. " +
    "No IP address or device identifier is stored. Rate-limited per client (429 with Retry-After).",
  middleware: publicPostGuard("pledge", PLEDGE_MAX_BYTES),
  request: { params: NeedIdParam, body: { required: true, content: { "application/json": { schema: PledgeBody } } } },
  responses: {
    201: { description: "Pledged; keep the receipt", content: { "application/json": { schema: PledgeReceiptSchema } } },
    ...errorResponses(400, 403, 404, 409, 413, 415, 429, 500),
    503: { description: "The ledger signing key is not configured", content: { "application/json": { schema: ErrorSchema } } },
  },
});

export const getPledgeRoute = createRoute({
  method: "get",
  path: "/pledges/{receipt}",
  tags,
  summary: "Follow a pledge by its receipt",
  description: "The need pledged to, its delivery, and their ledger entries with inclusion proofs (as /needs/{id}). An unknown, mistyped or malformed receipt gets the same 404.",
  request: { params: ReceiptParam },
  responses: {
    200: { description: "The pledged need", content: { "application/json": { schema: NeedDetailSchema } } },
    ...errorResponses(404, 500),
  },
});

