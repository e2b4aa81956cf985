import { createAdminRoute } from "../../admin";
import { IdempotencyHeader } from "../../admin/headers";
import { errorResponses } from "../../lib/schemas";
import { PublishOfficialFiguresBody, PublishOfficialFiguresResult } from "./admin-official-figures.schemas";

export const publishOfficialFiguresRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/official-figures",
  tags: ["Admin"],
  summary: "Publish official figures with their source document",
  description:
    "Official (公告) figures are published exactly as announced, with the document they come from (privacy.md, 'two kinds of figures'). All figures of a request are written atomically; every region must be within the token's scope.",
  request: {
    headers: IdempotencyHeader(),
    body: { required: true, content: { "application/json": { schema: PublishOfficialFiguresBody } } },
  },
  responses: {
    201: { description: "Published", content: { "application/json": { schema: PublishOfficialFiguresResult } } },
    ...errorResponses(400, 409, 422, 500),
  },
});
