import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { SearchHitSchema, SearchQuery } from "./search.schemas";

export const searchRoute = createRoute({
  method: "get",
  path: "/search",
  tags: ["Search"],
  summary: "Find regions, villages, notices, projects, named donors and official-figure metrics",
  description:
    "Ranked by how the name matches (exact, starts with, contains, other text), then regions from the top down and the newest records first; paged with a cursor. " +
    "Never returns a draft notice, a notice's household items (masked names) or an anonymous donation.",
  request: { query: SearchQuery },
  responses: { ...listResponses(SearchHitSchema, "SearchResults"), ...publicErrors },
});
