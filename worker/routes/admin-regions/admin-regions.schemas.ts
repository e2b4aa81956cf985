import { z } from "@hono/zod-openapi";
import { RegionCodeSchema } from "../../lib/schemas";
import { REGION_FILE_COLUMNS } from "../../writes/reference-files";

export const RegionFileBody = z.string().openapi({
  description: `UTF-8 (or GB18030) CSV with the header \`${REGION_FILE_COLUMNS.join(",")}\`: a 12-digit code, its parent's code (empty for a province; the region exactly one level up), the level (province, city, county, township, village) and the names. Parents before their children (or already loaded).`,
  example: "code,parent_code,level,name_zh,name_en\n340223199000,340223000000,township,测试镇,Test Township\n340223199201,340223199000,village,测试一村,Test Village 1\n",
});

export const RegionsLoadResult = z
  .object({
    data: z.object({
      regions: z.number().int().openapi({ description: "Rows in the file" }),
      created: z.number().int(),
      updated: z.number().int().openapi({ description: "Existing regions whose parent, level or names changed" }),
      unchanged: z.number().int().openapi({ description: "Existing regions left as they were (their updated_at kept)" }),
      scope: RegionCodeSchema.openapi({ description: "The lowest region covering every row (the audit row and the change feed name it)" }),
    }),
  })
  .openapi("RegionsLoadResult");
