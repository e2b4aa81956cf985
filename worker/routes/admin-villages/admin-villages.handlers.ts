import type { RouteHandler } from "@hono/zod-openapi";
import { executeWrite } from "../../admin/execute";
import { writeReferenceFile } from "../../admin/csv-body";
import type { AppEnv } from "../../lib/app-env";
import { readVillageStatusFile } from "../../writes/reference-files";
import { setVillageStatus, setVillageStatuses } from "../../writes/villages";
import type { villageStatusesRoute, villageStatusRoute } from "./admin-villages.routes";

/** About 40,000 villages (a province's): one write stays one batch within a Worker's budget. */
export const MAX_VILLAGE_STATUS_FILE_BYTES = 1024 * 1024;

export const villageStatusHandler: RouteHandler<typeof villageStatusRoute, AppEnv> = (c) =>
  executeWrite(c, 200, (ctx) => setVillageStatus(ctx, c.req.valid("param").code, c.req.valid("json")));

/** Reads the file (problems by line and column), then runs the batched status write, its refusals by line too. */
export const villageStatusesHandler: RouteHandler<typeof villageStatusesRoute, AppEnv> = (c) =>
  writeReferenceFile(
    c,
    { maxBytes: MAX_VILLAGE_STATUS_FILE_BYTES, advice: "send a county at a time." },
    (text) => {
      const file = readVillageStatusFile(text);
      return { items: file.villages, lines: file.lines };
    },
    setVillageStatuses,
  );
