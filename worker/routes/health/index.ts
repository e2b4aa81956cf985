import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../lib/router";
import { errorResponses } from "../../lib/schemas";

const HealthSchema = z
  .object({
    status: z.literal("ok"),
    database: z.literal("ok"),
    time: z.string().openapi({ description: "Server time, ISO 8601" }),
  })
  .openapi("Health");

export const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["Service"],
  summary: "Liveness and database reachability",
  request: { query: z.strictObject({}) },
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: HealthSchema } } },
    ...errorResponses(400, 500),
  },
});

export const healthRouter = createRouter().openapi(healthRoute, async (c) => {
  await c.env.DB.prepare("SELECT 1").first();
  c.header("Cache-Control", "no-store");
  return c.json({ status: "ok" as const, database: "ok" as const, time: new Date().toISOString() }, 200);
});
