/**
 * Strict reading of the query string, for every route made with `createRouter()`
 * (lib/router.ts adds `strictQuery` to each route it registers), so a route added later
 * follows the same rules without doing anything:
 *
 * - only the parameters the route's `request.query` schema declares are accepted; any other
 *   (item routes included, which declare none) is a 400 naming `query.<name>` — a typo never
 *   silently returns everything;
 * - a parameter without a name (`?=`, `?=x`) is a 400 naming `query`;
 * - a parameter given twice is a 400 unless its schema is an array (which value would win is
 *   otherwise a guess);
 * - an integer parameter (a zod number, coerced or not) must be written in decimal digits:
 *   `0x10`, `1e2`, `+5`, `5.0`, ` 5` and `` are refused, although `Number()` — and so
 *   `z.coerce.number()` — would read them.
 *
 * The zod validators still run after this for ranges, enums and patterns.
 */
import type { MiddlewareHandler } from "hono";
import type { z } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env";
import { ApiError, type ErrorDetail } from "./errors";

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional/nullable/default wrappers and the input side of pipes. */
function innermost(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType && ["optional", "nullable", "default", "readonly", "catch", "prefault", "nonoptional"].includes(def.type)) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}

type Kind = "integer" | "array" | "other";

/** What each declared query parameter is, from the route's query schema. */
export function queryKinds(schema: z.ZodType | undefined): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  if (!schema) return kinds;
  const shape = defOf(innermost(schema)).shape ?? {};
  for (const [name, child] of Object.entries(shape)) {
    const type = defOf(innermost(child)).type;
    kinds.set(name, type === "number" || type === "int" || type === "bigint" ? "integer" : type === "array" ? "array" : "other");
  }
  return kinds;
}

/** Decimal digits only (no sign, exponent, point, hex prefix or spaces). */
const DIGITS = /^[0-9]{1,16}$/;

/** The query problems of a request for a route declaring `kinds`; empty when all is well. */
export function queryProblems(search: URLSearchParams, kinds: ReadonlyMap<string, Kind>): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const [name, value] of search) {
    if (name === "") {
      details.push({ path: "query", message: "a parameter has no name (for example `?=` or `&=x`)" });
      continue;
    }
    const kind = kinds.get(name);
    if (kind === undefined) {
      details.push({ path: `query.${name}`, message: `unknown parameter: ${name}` });
      continue;
    }
    if (seen.has(name) && kind !== "array") details.push({ path: `query.${name}`, message: "is given more than once" });
    seen.add(name);
    if (kind === "integer" && !DIGITS.test(value)) details.push({ path: `query.${name}`, message: "must be a whole number written in digits 0–9 (no sign, point, exponent or hex)" });
  }
  // One detail per parameter and problem, in the order met.
  return details.filter((d, i) => details.findIndex((e) => e.path === d.path && e.message === d.message) === i);
}

export function queryError(details: ErrorDetail[]): ApiError {
  const first = details[0]!;
  return new ApiError(400, "invalid_request", `Invalid query: ${first.path} — ${first.message}`, details);
}

/**
 * The middleware `createRouter()` puts in front of each route's validators. A route with a
 * query schema leaves the problems for its query validator's hook, which reports them with
 * zod's own (every bad parameter named at once: `withQueryProblems`); a route without one
 * refuses here.
 */
export function strictQuery(schema: z.ZodType | undefined): MiddlewareHandler<AppEnv> {
  const kinds = queryKinds(schema);
  return async (c, next) => {
    if (c.req.url.includes("?")) {
      const details = queryProblems(new URL(c.req.url).searchParams, kinds);
      if (details.length > 0) {
        if (!schema) throw queryError(details);
        c.set("queryProblems", details);
      }
    }
    await next();
  };
}

/**
 * The query validator's result with the strict-query problems added: both lists, zod's
 * details for a parameter already named left out (a hex `limit` is "digits only", not
 * also "must be at least 1"). Undefined when all is well.
 */
export function withQueryProblems(pending: readonly ErrorDetail[], zodDetails: readonly ErrorDetail[]): ApiError | undefined {
  const named = new Set(pending.map((d) => d.path));
  const rest = zodDetails.filter((d) => !d.path.split(", ").every((p) => named.has(p)));
  const all = [...pending, ...rest];
  return all.length > 0 ? queryError(all) : undefined;
}
