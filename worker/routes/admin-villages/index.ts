import { z } from "@hono/zod-openapi";
import { auditEntry, createAdminRoute, idempotentWrite, requireScope } from "../../admin";
import { IdempotencyHeader } from "../../admin/headers";
import { createRouter } from "../../lib/router";
import { errorResponses, RegionCodeSchema } from "../../lib/schemas";
import { planVillageStatus } from "../../writes/villages";

const Year = z.number({ error: "must be a year or null" }).int("must be a whole year").min(1980, "must be 1980 or later").max(2100, "must be 2100 or earlier").nullable();

export const VillageStatusBody = z
  .strictObject({
    status: z.enum(["not_designated", "poor", "exited"], { error: "must be one of not_designated, poor, exited" }),
    designated_year: Year.openapi({ description: "Year the village was designated poor (贫困村); null if never", example: 2014 }),
    exit_year: Year.openapi({ description: "Year it exited (出列); null unless exited", example: 2017 }),
  })
  .openapi("VillageStatusBody");

const VillageStatusResult = z
  .object({
    data: z.object({
      code: z.string(),
      status: z.enum(["not_designated", "poor", "exited"]),
      designated_year: z.number().int().nullable(),
      exit_year: z.number().int().nullable(),
      previous_status: z.string().nullable(),
    }),
  })
  .openapi("VillageStatusResult");

export const villageStatusRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/villages/{code}/status",
  tags: ["Admin"],
  summary: "Set a village's exit status",
  description:
    "Designation (贫困村) and exit (出列) of one village, with their years: status not_designated has no years, poor has designated_year, exited has both (exit not before designation, neither in the future). Token-scoped, audited, takes an Idempotency-Key; bumps the villages dataset version, so the village's page and the API show it at once.",
  request: {
    headers: IdempotencyHeader(),
    params: z.object({ code: RegionCodeSchema.openapi({ param: { name: "code", in: "path" }, example: "340223101201" }) }),
    body: { required: true, content: { "application/json": { schema: VillageStatusBody } } },
  },
  responses: {
    200: { description: "Set", content: { "application/json": { schema: VillageStatusResult } } },
    ...errorResponses(400, 404, 422, 500),
  },
});

export const adminVillagesRouter = createRouter().openapi(villageStatusRoute, async (c) => {
  const { code } = c.req.valid("param");
  const body = c.req.valid("json");
  const admin = c.get("admin");
  requireScope(c, code, "param.code");
  return idempotentWrite(c, async (db) => {
    const now = new Date();
    const plan = await planVillageStatus(db, code, body, now);
    return {
      status: 200 as const,
      body: plan.body,
      statements: [
        ...plan.statements,
        auditEntry(db, admin, { action: "village_status.set", targetType: "village", targetId: code, regionCode: code, summary: plan.summary }, now),
      ],
    };
  });
});
