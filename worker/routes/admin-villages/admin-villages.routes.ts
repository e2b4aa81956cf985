import { createAdminRoute } from "../../admin";
import { IdempotencyHeader } from "../../admin/headers";
import { errorResponses } from "../../lib/schemas";
import { VillageCodeParam, VillageStatusBody, VillageStatusResult } from "./admin-villages.schemas";

export const villageStatusRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/villages/{code}/status",
  tags: ["Admin"],
  summary: "Set a village's exit status",
  description:
    "Designation (贫困村) and exit (出列) of one village, with their years: status not_designated has no years, poor has designated_year, exited has both (exit not before designation, neither in the future). Token-scoped, audited, takes an Idempotency-Key; bumps the villages dataset version, so the village's page and the API show it at once.",
  request: {
    headers: IdempotencyHeader(),
    params: VillageCodeParam,
    body: { required: true, content: { "application/json": { schema: VillageStatusBody } } },
  },
  responses: {
    200: { description: "Set", content: { "application/json": { schema: VillageStatusResult } } },
    ...errorResponses(400, 404, 422, 500),
  },
});
