import type { RouteHandler } from "@hono/zod-openapi";
import { executeWrite } from "../../admin/execute";
import { readCsvBody } from "../../admin/csv-body";
import type { AppEnv } from "../../lib/app-env";
import { WriteRefusal } from "../../writes/plan";
import { byLine, readVillageStatusFile, ReferenceFileError } from "../../writes/reference-files";
import { setVillageStatus, setVillageStatuses } from "../../writes/villages";
import type { villageStatusesRoute, villageStatusRoute } from "./admin-villages.routes";

/** About 40,000 villages (a province's): one write stays one batch within a Worker's budget. */
export const MAX_VILLAGE_STATUS_FILE_BYTES = 1024 * 1024;

export const villageStatusHandler: RouteHandler<typeof villageStatusRoute, AppEnv> = (c) =>
  executeWrite(c, 200, (ctx) => setVillageStatus(ctx, c.req.valid("param").code, c.req.valid("json")));

/** Reads the file (problems by line and column), then runs the batched status write, its refusals by line too. */
export const villageStatusesHandler: RouteHandler<typeof villageStatusesRoute, AppEnv> = async (c) => {
  const text = await readCsvBody(c, MAX_VILLAGE_STATUS_FILE_BYTES, "send a county at a time.");
  return executeWrite(c, 200, async (ctx) => {
    let file: ReturnType<typeof readVillageStatusFile>;
    try {
      file = readVillageStatusFile(text);
    } catch (error) {
      throw error instanceof ReferenceFileError ? error.refusal() : error;
    }
    try {
      return await setVillageStatuses(ctx, file.villages);
    } catch (error) {
      throw error instanceof WriteRefusal ? byLine(error, file.lines) : error;
    }
  });
};
