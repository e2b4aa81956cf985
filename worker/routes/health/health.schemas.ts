import { z } from "@hono/zod-openapi";

/** A register import under way: its release is staged while the disclosure gate checks its tables. */
export const CheckingReleaseSchema = z
  .object({
    scope_code: z.string().openapi({ description: "The release's region (county, city or province)" }),
    year: z.number().int(),
    since: z.string().openapi({ description: "When the import started, ISO 8601" }),
  })
  .openapi("CheckingRelease");

export const HealthSchema = z
  .object({
    status: z.literal("ok"),
    database: z.literal("ok"),
    time: z.string().openapi({ description: "Server time, ISO 8601" }),
    register: z
      .object({
        checking: z.array(CheckingReleaseSchema).openapi({
          description: "Register imports under way (the disclosure gate may take minutes): their region-years' figures appear when it finishes. Empty when none.",
        }),
      })
      .openapi({ description: "Readiness of the register statistics" }),
  })
  .openapi("Health");
