import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { RegionDetailSchema, RegionListQuery, RegionPathParams, RegionSchema } from "./regions.schemas";

export const listRegionsRoute = createRoute({
  method: "get",
  path: "/regions",
  tags: ["Regions"],
  summary: "List regions (province to village)",
  description: "Regions by 12-digit statistical division code, in code order. Filter by level, parent or name.",
  request: { query: RegionListQuery },
  responses: { ...listResponses(RegionSchema, "RegionList"), ...publicErrors },
});

export const getRegionRoute = createRoute({
  method: "get",
  path: "/regions/{code}",
  tags: ["Regions"],
  summary: "One region with its parent chain and counts below it",
  request: { params: RegionPathParams },
  responses: {
    200: { description: "The region", content: { "application/json": { schema: RegionDetailSchema } } },
    304: { description: "Not modified" },
    ...publicErrors,
  },
});
