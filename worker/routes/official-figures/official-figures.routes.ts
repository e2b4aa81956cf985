import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { OfficialFigureListQuery, OfficialFigureSchema } from "./official-figures.schemas";

export const listOfficialFiguresRoute = createRoute({
  method: "get",
  path: "/statistics/official",
  tags: ["Statistics"],
  summary: "Official figures (公告 statistics) with their sources",
  description:
    "Totals an authority has already announced, published exactly as announced with the document they come from. They do not always add up: real reports count new identifications and other changes separately.",
  request: { query: OfficialFigureListQuery },
  responses: { ...listResponses(OfficialFigureSchema, "OfficialFigureList"), ...publicErrors },
});
