import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env";
import { validationError } from "./errors";

/**
 * Every router in the app is made here, so that a failed zod validation anywhere
 * (query, path, body, header) becomes the one error shape with the field named.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
}
