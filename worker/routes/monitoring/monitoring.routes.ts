import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { MonitoringQuery, MonitoringRowSchema } from "./monitoring.schemas";

export const listMonitoringRoute = createRoute({
  method: "get",
  path: "/monitoring",
  tags: ["Statistics"],
  summary: "Dynamic monitoring (动态管理, 防返贫监测): identified, exited, returned and monitored households per year and region",
  description: [
    "Per register year and region: households and people newly identified, exited, returned to poverty and under monitoring (edge or monitored households),",
    "with the registered households and people they are part of; by cause from township level up.",
    "Every figure is one the register import's disclosure gate published (the same stored figures as /statistics/register: 0 exact, `1-7` banded,",
    "8 and more rounded to the nearest 5, `withheld` where subtraction — across regions, cuts and years — could narrow a hidden count); nothing is computed per request,",
    "and no difference of published figures is offered. Ordered by region code, year and category.",
  ].join(" "),
  request: { query: MonitoringQuery },
  responses: { ...listResponses(MonitoringRowSchema, "MonitoringList"), ...publicErrors },
});
