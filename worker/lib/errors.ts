import type { Context } from "hono";
import type { ZodError } from "zod";

/** One entry of `error.details`: what was wrong and where (a query field, a body path, a CSV line). */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** The project's one error shape, used by every 4xx and 5xx response. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    details: ErrorDetail[];
    request_id: string;
  };
}

/**
 * An expected failure with a status and a stable machine-readable code.
 * Thrown from handlers and queries; turned into the error shape by `errorResponse`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (what: string, id: string) =>
  new ApiError(404, "not_found", `${what} ${JSON.stringify(id)} does not exist.`, [
    { path: "path", message: `unknown ${what}` },
  ]);

/** A receipt (objection or report) that matches nothing: the same answer whatever was asked. */
export const unknownReceipt = (what: "report" | "objection" | "pledge") =>
  new ApiError(404, "receipt_not_found", `No ${what} matches this receipt. Check it and try again.`, [{ path: "param.receipt", message: "unknown receipt" }]);

/** Converts zod issues into details; `where` is the request part ("query", "body", "path"). */
export function zodDetails(error: ZodError, where: string): ErrorDetail[] {
  return error.issues.map((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const base = [where, ...issue.path.map(String)].join(".");
    if (keys.length > 0) {
      return { path: keys.map((k) => `${base}.${k}`).join(", "), message: `unknown parameter${keys.length > 1 ? "s" : ""}: ${keys.join(", ")}` };
    }
    return { path: base, message: issue.message };
  });
}

/** Validator targets as users know them: a JSON or form body is "body". */
const TARGET_NAMES: Record<string, string> = { json: "body", form: "body" };

export function validationError(error: ZodError, target: string): ApiError {
  const where = TARGET_NAMES[target] ?? target;
  const details = zodDetails(error, where);
  const first = details[0];
  return new ApiError(
    400,
    "invalid_request",
    first ? `Invalid ${where}: ${first.path} — ${first.message}` : `Invalid ${where}.`,
    details,
  );
}

export function requestIdOf(c: Context): string {
  return (c.get("requestId") as string | undefined) ?? "unknown";
}

export function errorResponse(c: Context, err: ApiError): Response {
  const body: ErrorBody = {
    error: { code: err.code, message: err.message, details: err.details, request_id: requestIdOf(c) },
  };
  return c.json(body, err.status, err.headers);
}
