import { z } from "@hono/zod-openapi";
import { createAdminRoute } from "../../admin";
import { IdempotencyHeader } from "../../admin/headers";
import { ErrorSchema, errorResponses } from "../../lib/schemas";
import { CloseNeedBody, DeliveryBody, NeedWriteResult, PostNeedBody } from "./admin-needs.schemas";

const NeedId = z.object({
  id: z.string().regex(/^ned_[0-9a-z]{4,36}$/, "must be a need id (ned_…)").openapi({ param: { name: "id", in: "path" }, example: "ned_0h7k2m4q8r1t5v9w" }),
});

const SCOPE = " Token-scoped (the need's village must be in the token's region) and audited; takes an Idempotency-Key.";
const result = (description: string) => ({ description, content: { "application/json": { schema: NeedWriteResult } } });
const failures = {
  ...errorResponses(400, 404, 409, 422, 500),
  503: { description: "The ledger signing key is not configured", content: { "application/json": { schema: ErrorSchema } } },
};
const body = <B extends z.ZodTypeAny>(schema: B) => ({ required: true, content: { "application/json": { schema } } });

export const postNeedRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/needs",
  tags: ["Admin"],
  summary: "Post a need for a household or a village",
  description:
    "Category from a fixed list; items, an amount in fen (at most 1,000,000 yuan) or both; a deadline. The household is never named. Medical and disability needs are published under the township (R4)." + SCOPE,
  request: { headers: IdempotencyHeader(), body: body(PostNeedBody) },
  responses: { 201: result("Posted"), ...failures },
});

export const deliveryRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/needs/{id}/delivery",
  tags: ["Admin"],
  summary: "Record what was delivered against a pledged need",
  description:
    "Linked to the donation that paid for it or to an in-kind record, and appended to the ledger in the same batch. A need without a pledge is a 409 naming param.id; a date before the pledge is a 422 naming body.date. " +
    "A medical or disability need (public under its township, privacy rule R4) may cite only a donation to its township or above, or a general one: a donation to its village or to a project there is a 422 naming body.donation_id." + SCOPE,
  request: { headers: IdempotencyHeader(), params: NeedId, body: body(DeliveryBody) },
  responses: { 201: result("Recorded"), ...failures },
});

export const closeNeedRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/needs/{id}/close",
  tags: ["Admin"],
  summary: "Close a need without delivery (expired or withdrawn)",
  description: "Expired only while open and after its deadline; withdrawn while open or pledged. With a reason from a fixed list." + SCOPE,
  request: { headers: IdempotencyHeader(), params: NeedId, body: body(CloseNeedBody) },
  responses: { 200: result("Closed"), ...failures },
});
