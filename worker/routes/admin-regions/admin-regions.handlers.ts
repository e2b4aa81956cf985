import type { RouteHandler } from "@hono/zod-openapi";
import { executeWrite } from "../../admin/execute";
import { readCsvBody } from "../../admin/csv-body";
import type { AppEnv } from "../../lib/app-env";
import { WriteRefusal } from "../../writes/plan";
import { byLine, readRegionFile, ReferenceFileError } from "../../writes/reference-files";
import { loadRegions } from "../../writes/regions";
import type { loadRegionsRoute } from "./admin-regions.routes";

/** About 25,000 rows of a division-code list: one load stays one batch within a Worker's budget. */
export const MAX_REGION_FILE_BYTES = 2 * 1024 * 1024;

/** Reads the file (problems by line and column), then runs the region write, its refusals by line too. */
export const loadRegionsHandler: RouteHandler<typeof loadRegionsRoute, AppEnv> = async (c) => {
  const text = await readCsvBody(c, MAX_REGION_FILE_BYTES, "load a province at a time.");
  return executeWrite(c, 200, async (ctx) => {
    let file: ReturnType<typeof readRegionFile>;
    try {
      file = readRegionFile(text);
    } catch (error) {
      throw error instanceof ReferenceFileError ? error.refusal() : error;
    }
    try {
      return await loadRegions(ctx, file.regions);
    } catch (error) {
      throw error instanceof WriteRefusal ? byLine(error, file.lines) : error;
    }
  });
};
