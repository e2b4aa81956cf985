import { z } from "@hono/zod-openapi";
import { listParams } from "../../lib/listing";
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

export const DisclosureGateSchema = z.enum(["per-metric", "joint"]).openapi({
  description: "The disclosure gate the release's tables were computed under: `joint` (every published figure attacked together, with the previous year's release) or `per-metric` (the older gate; releases from before migration 0036 read as per-metric)",
});
export const DisclosureRulesSchema = z.number().int().min(0).openapi({ description: "Version of the disclosure rules the tables were computed under (0: before it was recorded)" });

export const HouseholdImportResult = z
  .object({
    data: z.object({
      status: z.enum(["dry_run", "unchanged", "imported"]).openapi({
        description: "unchanged: this exact file is already the active release, published under the current disclosure gate and rules (nothing written). The same file under a newer gate or rules is republished (imported, `republished: true`).",
      }),
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
      disclosure_gate: DisclosureGateSchema,
      disclosure_rules: DisclosureRulesSchema,
      republished: z.boolean().openapi({ description: "true: the replaced release had this same file, published under an older disclosure gate or rules version" }),
    }),
  })
  .openapi("HouseholdImportResult");

export const ReleaseListQuery = z.strictObject({
  ...listParams,
  region: RegionCodeSchema.optional().openapi({ description: "Releases of this region and below (default: the token's region)" }),
  year: YearSchema.optional(),
  status: z.enum(["staging", "active", "superseded"], { error: "must be one of staging, active, superseded" }).optional().openapi({
    description: "staging: being imported (its tables are being checked); active: published; superseded: replaced (its rows are deleted, its metadata kept)",
  }),
});

export const ReleaseSchema = z
  .object({
    id: z.string(),
    scope_code: z.string(),
    year: z.number().int(),
    status: z.enum(["staging", "active", "superseded"]),
    file_sha256: z.string(),
    created_by: z.string(),
    created_at: z.string(),
    activated_at: z.string().nullable(),
    households: z.number().int().openapi({ description: "Exact counts, for administrators only (0 once superseded)" }),
    people: z.number().int(),
    villages: z.number().int(),
    statistics_rows: z.number().int(),
    withheld_figures: z.number().int(),
    disclosure_gate: DisclosureGateSchema,
    disclosure_rules: DisclosureRulesSchema,
    out_of_date: z.boolean().openapi({
      description: "Published (or staged) under an older disclosure gate or rules version than imports use now: send the same file again to republish it",
    }),
  })
  .openapi("RegisterRelease");
