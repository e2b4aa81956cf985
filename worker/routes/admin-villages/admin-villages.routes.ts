import { createAdminRoute } from "../../admin";
import { IdempotencyHeader } from "../../admin/headers";
import { errorResponses } from "../../lib/schemas";
import { MAX_VILLAGE_STATUS_FILE_BYTES } from "./admin-villages.handlers";
import { VillageCodeParam, VillageStatusBody, VillageStatusFileBody, VillageStatusesResult, VillageStatusResult } from "./admin-villages.schemas";

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

export const villageStatusesRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/villages/statuses",
  tags: ["Admin"],
  summary: "Set many villages' exit statuses (CSV)",
  description: [
    "The statuses of many villages (a county's list) from a CSV file sent as the body (`Content-Type: text/csv`),",
    `at most ${MAX_VILLAGE_STATUS_FILE_BYTES / 1024 / 1024} MB: the same rules as one village's status (status ↔ years, exit not before designation, neither in the future).`,
    "Editor role; every village within the token's scope. Every row is checked before anything is written: a bad row, or a code that is no village, is a 400",
    "naming its line and column (`line 4, column exit_year`), and nothing is written. The write is ONE atomic batch (upserts of at most 100 bound parameters each;",
    "a village whose status is unchanged keeps its updated_at), with one version bump of the villages dataset and one audit row (`village_status.set_many`)",
    "naming the lowest region covering the villages, so /api/v1/changes lists it. Takes an Idempotency-Key: a retry with the same key and file replays the first answer.",
  ].join(" "),
  request: {
    headers: IdempotencyHeader(),
    body: { required: true, content: { "text/csv": { schema: VillageStatusFileBody } } },
  },
  responses: {
    200: { description: "Set (or nothing changed)", content: { "application/json": { schema: VillageStatusesResult } } },
    ...errorResponses(400, 409, 413, 415, 422, 500),
  },
});
