import type { RouteHandler } from "@hono/zod-openapi";
import { writeReferenceFile } from "../../admin/csv-body";
import type { AppEnv } from "../../lib/app-env";
import { readRegionFile } from "../../writes/reference-files";
import { loadRegions } from "../../writes/regions";
import type { loadRegionsRoute } from "./admin-regions.routes";

/** About 25,000 rows of a division-code list: one load stays one batch within a Worker's budget. */
export const MAX_REGION_FILE_BYTES = 2 * 1024 * 1024;

/** Reads the file (problems by line and column), then runs the region write, its refusals by line too. */
export const loadRegionsHandler: RouteHandler<typeof loadRegionsRoute, AppEnv> = (c) =>
  writeReferenceFile(
    c,
    { maxBytes: MAX_REGION_FILE_BYTES, advice: "load a province at a time." },
    (text) => {
      const file = readRegionFile(text);
      return { items: file.regions, lines: file.lines };
    },
    loadRegions,
  );
