import { createAdminRoute } from "../../admin";
import { IdempotencyHeader } from "../../admin/headers";
import { errorResponses } from "../../lib/schemas";
import { SnapshotTakenSchema } from "./admin-snapshots.schemas";

export const takeSnapshotRoute = createAdminRoute({
  role: "admin",
  method: "post",
  path: "/admin/snapshots",
  tags: ["Admin"],
  summary: "Take a citable snapshot now",
  description:
    "Builds the Frictionless Data Package of every public dataset (streamed to R2 while hashed) and records it with its package hash in the transparency ledger, in one batch. When nothing changed since the last snapshot, no new one is built and the last one is the answer (200). The hourly Cron Trigger does the same. Administrator role; audited; takes an Idempotency-Key.",
  request: { headers: IdempotencyHeader() },
  responses: {
    200: { description: "Nothing changed: the last snapshot", content: { "application/json": { schema: SnapshotTakenSchema } } },
    201: { description: "A new snapshot", content: { "application/json": { schema: SnapshotTakenSchema } } },
    ...errorResponses(400, 409, 422, 500),
  },
});
