import { z } from "@hono/zod-openapi";

/** The Idempotency-Key header every admin write documents (enforced by idempotentWrite). */
export function IdempotencyHeader() {
  return z.object({
    "idempotency-key": z
      .string()
      .optional()
      .openapi({ description: "Required. A unique key per intended write (e.g. a UUID); a retry with the same key and body replays the first answer.", example: "6f1c2b1e-7d1a-4a55-9d43-2f1f2b1f7c0a" }),
  });
}
