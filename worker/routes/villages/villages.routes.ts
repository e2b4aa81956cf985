import { GroupRowsSchema } from "../../lib/grouping";
import { createRoute } from "@hono/zod-openapi";
import { listResponses } from "../../lib/listing";
import { publicErrors } from "../../lib/schemas";
import { VillageListQuery, VillageSchema } from "./villages.schemas";

export const listVillagesRoute = createRoute({
  method: "get",
  path: "/villages",
  tags: ["Villages"],
  summary: "Village exit data",
  description:
    "Every village with the year it was designated poor and the year it exited (出列). Filters combine; order is by village code. With `group_by`, the number of villages per group instead (e.g. `group_by=county,exit_year`).",
  request: { query: VillageListQuery },
  responses: { ...listResponses(VillageSchema, "VillageList", GroupRowsSchema), ...publicErrors },
});
