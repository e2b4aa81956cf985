import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { ChangeSchema, ChangesQuery } from "./changes.schemas";

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
