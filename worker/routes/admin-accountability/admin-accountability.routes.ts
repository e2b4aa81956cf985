import { createAdminRoute } from "../../admin";
import { IdempotencyHeader } from "../../admin/headers";
import { errorResponses } from "../../lib/schemas";
import { CaseBody, CaseWriteResult } from "./admin-accountability.schemas";

export const recordCaseRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/accountability/cases",
  tags: ["Admin"],
  summary: "Publish a closed accountability case",
  description:
    "Problem and outcome from fixed lists; counts that agree with the outcome (422 naming the field otherwise); an official only with the bulletin that named them. " +
    "A case record is written once. Token-scoped (the case's region and any cited report must be in the token's region) and audited; takes an Idempotency-Key.",
  request: { headers: IdempotencyHeader(), body: { required: true, content: { "application/json": { schema: CaseBody } } } },
  responses: {
    201: { description: "Published", content: { "application/json": { schema: CaseWriteResult } } },
    ...errorResponses(400, 404, 409, 422, 500),
  },
});
