import { z } from "@hono/zod-openapi";
import { listParams } from "../../lib/listing";
import { ChangeSchema } from "../../schemas/changes";

export const ChangesQuery = z.strictObject({
  ...listParams,
  since: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 instant with a time zone, e.g. 2026-12-01T00:00:00Z" })
    .optional()
    .openapi({ description: "Start at the earliest-committed change recorded at or after this instant (default: the beginning): every change recorded since is listed, even when writers' clocks disagree. To keep polling, follow `next` or keep the last cursor instead: ids, unlike clocks, never go back.", example: "2026-12-01T00:00:00Z" }),
});

export { ChangeSchema };
