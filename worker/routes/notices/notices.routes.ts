import { createRoute, z } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { errorResponses, publicErrors } from "../../lib/schemas";
import { publicPostGuard } from "../../middleware/public-post-guard";
import {
  AtomQuery,
  NoticeDetailSchema,
  NoticeIdParam,
  NoticeListQuery,
  NoticeSummarySchema,
  ObjectionBody,
  ObjectionStatusSchema,
  ReceiptParam,
  ReceiptResponseSchema,
} from "./notices.schemas";

/** Largest objection body accepted (2,000 Chinese characters are 6 KB in UTF-8). */
export const OBJECTION_MAX_BYTES = 16 * 1024;

export const listNoticesRoute = createRoute({
  method: "get",
  path: "/notices",
  tags: ["Notices"],
  summary: "Public notices (公示)",
  description:
    "Published notices, newest first: household identification and exit, village exit, return to poverty, projects, fund allocations, donation use. " +
    "Filters combine. `status=open` means residents can object now (periods are judged in Asia/Shanghai; a notice published with a period that starts later is listed without a status filter, its period `upcoming`); a notice whose period has ended reads `closed`. Drafts are never listed.",
  request: { query: NoticeListQuery },
  responses: { ...listResponses(NoticeSummarySchema, "NoticeList"), ...publicErrors },
});

export const noticesAtomRoute = createRoute({
  method: "get",
  path: "/notices.atom",
  tags: ["Notices"],
  summary: "Atom feed of notices",
  description: "The 50 most recently published notices as an Atom 1.0 feed (RFC 4287); `region` narrows it to a village, township, county or higher and everything below it.",
  request: { query: AtomQuery },
  responses: {
    200: { description: "Atom 1.0 feed", content: { "application/atom+xml": { schema: z.string() } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});

export const getNoticeRoute = createRoute({
  method: "get",
  path: "/notices/{id}",
  tags: ["Notices"],
  summary: "One notice, with its items while they are public",
  description:
    "The notice with its body, objection period, fingerprint and objection counts. Household items are shown while the notice is open or closed and withdrawn " +
    "once it is announced or superseded (the counts stay). `fingerprint` is the SHA-256 of the canonical JSON of the published content: " +
    "{id, type, region_code, title_zh, title_en, body_zh, body_en, issuer, published_at, objection_period{start,end}, supersedes, items[{item_no, masked_name, village_group, household_size, decision}]} " +
    "with keys sorted and no whitespace.",
  request: { params: NoticeIdParam },
  responses: {
    200: { description: "The notice", content: { "application/json": { schema: z.object({ data: NoticeDetailSchema }).openapi("NoticeResponse") } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});

export const createObjectionRoute = createRoute({
  method: "post",
  path: "/notices/{id}/objections",
  tags: ["Notices"],
  summary: "Object to a notice (异议)",
  description:
    "Accepted only while the notice is open and inside its objection period (Asia/Shanghai); before or after, 409 with the period in the message. " +
    "The text is never published; the contact is seen by administrators only; no IP address or device identifier is stored. " +
    "The answer carries a receipt, shown once, to follow the objection at /objections/{receipt}. Rate-limited per client (429 with Retry-After).",
  middleware: publicPostGuard("objection", OBJECTION_MAX_BYTES),
  request: { params: NoticeIdParam, body: { required: true, content: { "application/json": { schema: ObjectionBody } } } },
  responses: {
    201: { description: "Received; keep the receipt", content: { "application/json": { schema: ReceiptResponseSchema } } },
    ...errorResponses(400, 403, 404, 409, 413, 415, 429, 500),
  },
});

export const getObjectionRoute = createRoute({
  method: "get",
  path: "/objections/{receipt}",
  tags: ["Notices"],
  summary: "Follow an objection by its receipt",
  description: "The objection's status (received, upheld, not_upheld) and the authority's answer. Never the objection's text or contact. An unknown and a malformed receipt get the same 404.",
  request: { params: ReceiptParam },
  responses: {
    200: { description: "The objection's status", content: { "application/json": { schema: ObjectionStatusSchema } } },
    ...errorResponses(404, 500),
  },
});
