import { createRoute, z } from "@hono/zod-openapi";
import { listParams, listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { ChangeSchema } from "../../schemas/changes";

export const ChangesQuery = z.strictObject({
  ...listParams,
  since: z.iso
    .datetime({ offset: true, error: "must be an ISO 8601 instant with a time zone, e.g. 2026-12-01T00:00:00Z" })
    .optional()
    .openapi({ description: "Start at the first change written at or after this instant (default: the beginning). To keep polling, follow `next` or keep the last cursor instead: ids, unlike clocks, never go back.", example: "2026-12-01T00:00:00Z" }),
});

export const listChangesRoute = createRoute({
  method: "get",
  path: "/changes",
  tags: ["Datasets"],
  summary: "What changed in the public datasets, in commit order",
  description:
    "One feed across the catalogue: each public write (a notice opened, closed, announced or superseded; a project created or changed; money recorded or reversed; figures published; a register release or contacts replaced; a need, case or snapshot added) with its dataset, public id, kind, time and a link. Read from the audit log every administrative write appends in the same batch, in the order writes committed, so a change made while you page is never skipped: it comes after your cursor.",
  request: { query: ChangesQuery },
  responses: { ...listResponses(ChangeSchema, "ChangeList"), ...publicErrors },
});
