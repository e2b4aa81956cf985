import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { MonitoringQuery, MonitoringRowSchema } from "./monitoring.schemas";

export const listMonitoringRoute = createRoute({
  method: "get",
  path: "/monitoring",
  tags: ["Statistics"],
  summary: "Dynamic monitoring (动态管理, 防返贫监测): identified, exited, returned, edge and unstable households per year and region, with causes of risk",
  description: [
    "Per register year and region: households and people newly identified, exited, returned to poverty and under monitoring — together (`monitored_*`) and apart as",
    "edge households (`edge_*`, 边缘易致贫户) and unstable exited households (`unstable_*`, 脱贫不稳定户), monitored = edge + unstable — with the registered households and people",
    "they are part of. By cause (致贫/返贫风险): registered and exited from township level up; the households of the monitoring flows (newly identified, returned, monitored, edge, unstable)",
    "at county level only; their people, and these flows by cause below county, are `withheld` by design (small counts that pin single households).",
    "Every figure is one the register import's disclosure gate published (the same stored figures as /statistics/register: 0 exact, `1-7` banded,",
    "8 and more rounded to the nearest 5, `withheld` where subtraction — across regions, cuts and years — could narrow a hidden count); nothing is computed per request,",
    "and no difference of published figures is offered. Ordered by region code, year and category.",
  ].join(" "),
  request: { query: MonitoringQuery },
  responses: { ...listResponses(MonitoringRowSchema, "MonitoringList"), ...publicErrors },
});
