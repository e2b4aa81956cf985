import { z } from "@hono/zod-openapi";

export const HealthSchema = z
  .object({
    status: z.literal("ok"),
    database: z.literal("ok"),
    time: z.string().openapi({ description: "Server time, ISO 8601" }),
  })
  .openapi("Health");
