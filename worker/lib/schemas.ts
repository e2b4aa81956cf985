import { z } from "@hono/zod-openapi";

/** The one error shape (also described in README and checked by tests/contracts). */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid_request" }),
      message: z.string().openapi({ example: "Invalid query: query.limit — must be at most 1,000" }),
      details: z.array(
        z.object({
          path: z.string().openapi({ example: "query.limit" }),
          message: z.string().openapi({ example: "must be at most 1,000" }),
        }),
      ),
      request_id: z.string().openapi({ example: "3f0c9a51-2c0e-4a7e-9b0b-6b1d1f7e2c11" }),
    }),
  })
  .openapi("Error");

const errorContent = { "application/json": { schema: ErrorSchema } };

/** Standard error responses for public GET routes. */
export const publicErrors = {
  400: { description: "Invalid parameter (named in error.details)", content: errorContent },
  404: { description: "Not found", content: errorContent },
  500: { description: "Unexpected error (no internals are revealed)", content: errorContent },
} as const;

export const errorResponses = (...codes: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500)[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code], content: errorContent }]));

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid parameter or body (named in error.details)",
  401: "Missing or invalid token",
  403: "Token lacks the role or region scope",
  404: "Not found",
  409: "Conflict with the current state",
  413: "Body too large",
  415: "Unsupported media type",
  422: "Unprocessable (for example, an idempotency key reused with another body)",
  429: "Too many requests (see Retry-After)",
  500: "Unexpected error (no internals are revealed)",
};

export const RegionCodeSchema = z
  .string()
  .regex(/^\d{12}$/, "must be a 12-digit statistical division code")
  .openapi({ example: "340223000000", description: "12-digit statistical division code (统计用区划代码)" });

export const YearSchema = z.coerce
  .number({ error: "must be a year" })
  .int("must be a whole year")
  .min(1980, "must be 1980 or later")
  .max(2100, "must be 2100 or earlier");

/** A calendar date as written in requests (YYYY-MM-DD; whether it exists is checked by the rule using it). */
export const DateTextSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)").openapi({ example: "2018-05-20" });

/** A project id in a body; `ProjectIdSchema` is the same as a path parameter. */
export const ProjectIdText = z.string().regex(/^prj_[0-9a-z]{4,36}$/, "must be a project id (prj_…)");

export const ProjectIdSchema = ProjectIdText.openapi({ param: { name: "id", in: "path" }, example: "prj_0h7k2m4q8r1t5v9w" });

export const DonationIdSchema = z
  .string()
  .regex(/^don_[0-9a-z]{4,36}$/, "must be a donation id (don_…), as printed on the receipt")
  .openapi({ param: { name: "id", in: "path" }, example: "don_0h7k2m4q8r1t5v9w" });
