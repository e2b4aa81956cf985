import { z } from "@hono/zod-openapi";
import { RegionCodeSchema, YearSchema } from "../../lib/schemas";

export const HouseholdImportQuery = z.strictObject({
  year: YearSchema.openapi({ description: "The register year the file describes (required)", example: 2017 }),
  region: RegionCodeSchema.optional().openapi({
    description: "The release's region: a county, city or province within the token's scope (default: the token's region). A new file for the same region and year replaces the release.",
  }),
  dry_run: z
    .enum(["0", "1"], { error: "must be 0 or 1" })
    .optional()
    .openapi({ description: "1: validate and report, write nothing (no Idempotency-Key needed)" }),
});

export const HouseholdImportResult = z
  .object({
    data: z.object({
      status: z.enum(["dry_run", "unchanged", "imported"]).openapi({ description: "unchanged: this exact file is already the active release (nothing written)" }),
      encoding: z.enum(["utf-8", "gb18030"]),
      release_id: z.string().openapi({ example: "rel_3f9a0c1b2d4e5f60718293a4" }),
      scope_code: z.string(),
      year: z.number().int(),
      file_sha256: z.string(),
      households: z.number().int().openapi({ description: "Exact counts, for the administrator only (never published)" }),
      people: z.number().int(),
      villages: z.number().int(),
      statistics_rows: z.number().int(),
      withheld_figures: z.number().int().openapi({ description: "Figures withheld by secondary suppression (per metric, then the joint disclosure gate's complementary suppression)" }),
      ignored_columns: z.array(z.string()).openapi({ description: "Header cells that are not register columns; their cells were never read" }),
      replaces_release_id: z.string().nullable(),
    }),
  })
  .openapi("HouseholdImportResult");
