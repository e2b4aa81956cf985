import { OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env";
import { validationError } from "./errors";
import { errorResponses } from "./schemas";
import { strictQuery, withQueryProblems } from "./strict-query";

/**
 * Every router in the app is made here, so that a failed zod validation anywhere
 * (query, path, body, header) becomes the one error shape with the field named, and every
 * route registered with `.openapi(route, handler)` gets, without asking:
 *
 * - strict query parsing (lib/strict-query.ts): undeclared, unnamed or repeated parameters
 *   and integers not written in digits are a 400 — item routes included;
 * - a complete OpenAPI operation (`completeOperation`): an `operationId`, a tag, a
 *   description, a 400 answer, and `security: []` when the route declares no security
 *   (public). A route may set its own `operationId`, `tags` and `description`.
 */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.target === "query") {
        // lib/strict-query.ts left its findings for here, so every bad parameter is named at once.
        const pending = c.get("queryProblems") ?? [];
        const error = withQueryProblems(pending, result.success ? [] : validationError(result.error, "query").details);
        if (error) throw error;
        return;
      }
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
  const register = router.openapi;
  router.openapi = ((route: RouteConfig, handler: never, hook?: never) => register(completeOperation(route) as never, handler, hook)) as typeof register;
  return router;
}

/** `get /regions/{code}` → `getRegionsByCode`: unique because method and path are. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return (param ? ["by", ...param[1]!.split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/)).filter(Boolean);
    })
    .flat();
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

/** The first path segment as a readable tag (`/funds/flows` → `Funds`), for routes without one. */
function tagOf(path: string): string {
  const first = path.split("/").filter(Boolean)[0] ?? "API";
  const word = first.split(/[^A-Za-z0-9]+/)[0] ?? first;
  return word[0]!.toUpperCase() + word.slice(1);
}

export function completeOperation<R extends RouteConfig>(route: R): R {
  const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
  return {
    ...route,
    operationId: route.operationId ?? operationIdOf(route.method, route.path),
    tags: route.tags && route.tags.length > 0 ? route.tags : [tagOf(route.path)],
    description: route.description ?? route.summary,
    // Public unless the route says otherwise (admin routes declare the bearer token).
    security: route.security ?? [],
    // Every route can answer 400 now (an unknown query parameter), so every operation says so.
    responses: "400" in route.responses ? route.responses : { ...errorResponses(400), ...route.responses },
    // The route's own middleware (an admin role check) first, then the query rules.
    middleware: [...own, strictQuery(route.request?.query as never)],
  };
}
