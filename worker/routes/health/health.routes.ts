import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/schemas";
import { HealthSchema } from "./health.schemas";

export const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["Service"],
  summary: "Liveness, database reachability and register imports under way",
  request: { query: z.strictObject({}) },
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: HealthSchema } } },
    ...errorResponses(400, 500),
  },
});
