import { createAdminRoute } from "../../admin";
import { IdempotencyHeader } from "../../admin/headers";
import { errorResponses } from "../../lib/schemas";
import { ContactRegionParam, ReplaceContactsBody, ReplaceContactsResult } from "./admin-contacts.schemas";

export const replaceContactsRoute = createAdminRoute({
  role: "editor",
  method: "put",
  path: "/admin/contacts/{code}",
  tags: ["Admin"],
  summary: "Publish who answers for a region",
  description:
    "Replaces the region's published contacts as a whole: a village's first secretary and work team, a township's or county's responsible office, each with the office phone as published and the date it was last confirmed. An empty list withdraws them. A role of another level (a county office on a village) is a 422 naming the field; a phone in another format a 400. Token-scoped, audited (without names or numbers), takes an Idempotency-Key; bumps the contacts dataset, so the village page shows it at once.",
  request: {
    headers: IdempotencyHeader(),
    params: ContactRegionParam,
    body: { required: true, content: { "application/json": { schema: ReplaceContactsBody } } },
  },
  responses: {
    200: { description: "Published", content: { "application/json": { schema: ReplaceContactsResult } } },
    ...errorResponses(400, 404, 422, 500),
  },
});
