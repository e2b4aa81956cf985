import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { adminAuth } from "./admin";
import type { AppEnv } from "./lib/app-env";
import { apiErrorOf } from "./admin/execute";
import { ApiError, errorResponse, validationError } from "./lib/errors";
import { WriteRefusal } from "./writes/plan";
import { log } from "./lib/logger";
import { accessLog } from "./middleware/access-log";
import { d1Session } from "./middleware/d1-session";
import { publicCors } from "./middleware/public-cors";
import { requestId } from "./middleware/request-id";
import { securityHeaders } from "./middleware/security-headers";
import { adminAuditRouter } from "./routes/admin-audit";
import { adminImportsRouter } from "./routes/admin-imports";
import { adminOfficialFiguresRouter } from "./routes/admin-official-figures";
import { datasetsRouter } from "./routes/datasets";
import { openApiDocument } from "./routes/docs/openapi-config";
import { strictQuery } from "./lib/strict-query";
import { renderReference } from "./routes/docs/render-reference";
import { healthRouter } from "./routes/health";
import { officialFiguresRouter } from "./routes/official-figures";
import { regionsRouter } from "./routes/regions";
import { registerStatisticsRouter } from "./routes/register-statistics";
import { villagesRouter } from "./routes/villages";
import { donationsRouter } from "./routes/donations";
import { fundsRouter } from "./routes/funds";
import { ledgerRouter } from "./routes/ledger";
import { adminFundsRouter } from "./routes/admin-funds";
import { adminLedgerRouter } from "./routes/admin-ledger";

import { noticesRouter } from "./routes/notices";
import { reportsRouter } from "./routes/reports";
import { adminNoticesRouter } from "./routes/admin-notices";
import { adminReportsRouter } from "./routes/admin-reports";
import { adminVillagesRouter } from "./routes/admin-villages";
import { adminRegionsRouter } from "./routes/admin-regions";
import { snapshotsRouter } from "./routes/snapshots";
import { adminSnapshotsRouter } from "./routes/admin-snapshots";
import { searchRouter } from "./routes/search";
import { needsRouter } from "./routes/needs";
import { adminNeedsRouter } from "./routes/admin-needs";
import { accountabilityRouter } from "./routes/accountability";
import { adminAccountabilityRouter } from "./routes/admin-accountability";
import { contactsRouter } from "./routes/contacts";
import { adminContactsRouter } from "./routes/admin-contacts";
import { monitoringRouter } from "./routes/monitoring";
import { changesRouter } from "./routes/changes";

/** Every router mounted under /api/v1; the OpenAPI document is generated from them. */
const API_ROUTERS = [
  healthRouter,
  regionsRouter,
  villagesRouter,
  officialFiguresRouter,
  datasetsRouter,
  adminAuditRouter,
  adminOfficialFiguresRouter,
  registerStatisticsRouter,
  adminImportsRouter,
  fundsRouter,
  donationsRouter,
  ledgerRouter,
  adminFundsRouter,
  adminLedgerRouter,

  noticesRouter,
  reportsRouter,
  adminNoticesRouter,
  adminReportsRouter,
  adminVillagesRouter,
  adminRegionsRouter,
  searchRouter,
  snapshotsRouter,
  adminSnapshotsRouter,
  needsRouter,
  adminNeedsRouter,
  accountabilityRouter,
  adminAccountabilityRouter,
  contactsRouter,
  adminContactsRouter,
  monitoringRouter,
  changesRouter,
];

/** Routers that need an administrator token: never reachable through the pages' reader. */
const ADMIN_ROUTERS = new Set<unknown>([adminAuditRouter, adminOfficialFiguresRouter, adminImportsRouter, adminFundsRouter, adminNoticesRouter, adminReportsRouter, adminVillagesRouter, adminRegionsRouter, adminSnapshotsRouter, adminNeedsRouter, adminAccountabilityRouter, adminContactsRouter]);

/**
 * The public API routes alone, without the HTTP middleware (request id, access log, CORS,
 * security headers) or the docs: what on-demand pages call in-process to read their data
 * (worker/pages/page-api.ts), so a page shows exactly what the API gives, through the same
 * handlers, queries and domain rules, without a network hop.
 */
export function createPublicApiReader() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });
  // The page's own request id (set by worker/pages on every in-process call), for logs.
  app.use("*", async (c, next) => {
    c.set("requestId", c.req.header("X-Request-Id") ?? "page");
    await next();
  });
  for (const router of API_ROUTERS) if (!ADMIN_ROUTERS.has(router)) app.route("/api/v1", router);
  app.onError(onAppError);
  return app;
}

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target);
    },
  });

  app.use("*", requestId);
  app.use("*", accessLog);
  app.use("*", securityHeaders);
  app.use("/api/v1/*", publicCors);
  app.use("*", d1Session);
  app.use("/api/v1/admin/*", adminAuth);

  for (const router of API_ROUTERS) app.route("/api/v1", router);

  app.openAPIRegistry.registerComponent("securitySchemes", "adminToken", {
    type: "http",
    scheme: "bearer",
    description: "Administrator token (gk_…), created with `npm run admin -- token create`.",
  });
  // The document and its reader take no query parameters either (lib/strict-query.ts).
  app.get("/api/v1/openapi.json", strictQuery(undefined), (c) => c.json(openApiDocument(app, new URL(c.req.url).origin)));
  app.get("/api/v1/docs", strictQuery(undefined), (c) => {
    const doc = openApiDocument(app, new URL(c.req.url).origin);
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    c.header("Cache-Control", "public, max-age=300");
    return c.html(renderReference(doc));
  });

  app.notFound((c) =>
    errorResponse(
      c,
      new ApiError(404, "route_not_found", `No API route matches ${c.req.method} ${new URL(c.req.url).pathname}. See /api/v1/docs.`),
    ),
  );

  app.onError(onAppError);

  return app;
}

function onAppError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return errorResponse(c, err);
  // A domain rule's refusal (worker/writes/): its kind becomes a status here, at the edge.
  if (err instanceof WriteRefusal) return errorResponse(c, apiErrorOf(err));
  if (err instanceof HTTPException && err.status < 500) {
    return errorResponse(c, new ApiError(err.status as 400, "bad_request", err.message || "Bad request."));
  }
  // Unexpected: log the class and request id (never the request data) and reveal nothing.
  log("error", "unhandled_error", {
    request_id: c.get("requestId"),
    error: err instanceof Error ? err.name : "unknown",
    message: err instanceof Error ? err.message.slice(0, 300) : undefined,
  });
  return c.json(
    { error: { code: "internal_error", message: "Something went wrong on our side. Quote the request id if you report it.", details: [], request_id: c.get("requestId") ?? "unknown" } },
    500,
  );
}
