import { z } from "@hono/zod-openapi";
import { createAdminRoute, IdempotencyHeader } from "../../admin";
import { listResponses } from "../../lib/listing";
import { errorResponses } from "../../lib/schemas";
import { HouseholdImportQuery, HouseholdImportResult, ReleaseListQuery, ReleaseSchema } from "./admin-imports.schemas";

export const importHouseholdsRoute = createAdminRoute({
  role: "editor",
  method: "post",
  path: "/admin/imports/households",
  tags: ["Admin"],
  summary: "Import a household register file (CSV)",
  description: [
    "The request body is the CSV file itself (`Content-Type: text/csv`; UTF-8 with or without BOM, or GB18030/GBK as Excel saves it), at most 4 MB (about 43,000 households: import one county at a time; a larger county's register goes through the console's upload at /admin/imports/, streamed to storage and checked in the background).",
    "Columns in English or Chinese: register_no 户编号, name 户主姓名, id_number 身份证号, village_code 村代码, household_size 家庭人口, cause 致贫原因,",
    "measures 帮扶措施 (`;`-separated), identified_year 识别年度, exit_year 脱贫年度, returned_year 返贫年度, monitoring 监测状态. See docs/samples/households-sample.csv.",
    "Names and ID numbers are dropped while the file is read; a household is stored only as a keyed pseudonym.",
    "Every bad row is named by line and column (422 invalid_register_file) and then nothing is written.",
    "The published figures pass the joint disclosure gate first (every metric, level, breakdown and the previous year's release in one system, attacked by interval propagation and linear programming; figures are withheld until it passes): a release it cannot protect is refused (422 disclosure_unresolved, each exposed cell named). It takes seconds to minutes of CPU per county. The import is atomic:",
    "the new release is staged invisibly and switched on in one final batch with its audit entry. The same file again writes nothing (status unchanged);",
    "a new file for the same region and year replaces the release.",
  ].join(" "),
  request: {
    query: HouseholdImportQuery,
    headers: IdempotencyHeader(),
    body: { required: true, content: { "text/csv": { schema: z.string().openapi({ description: "The register file" }) } } },
  },
  responses: {
    200: { description: "Dry run report, or `unchanged` when this file is already the active release", content: { "application/json": { schema: HouseholdImportResult } } },
    201: { description: "Imported: the new release is active", content: { "application/json": { schema: HouseholdImportResult } } },
    ...errorResponses(400, 409, 413, 415, 422, 500),
  },
});

export const listReleasesRoute = createAdminRoute({
  role: "viewer",
  method: "get",
  path: "/admin/imports/releases",
  tags: ["Admin"],
  summary: "Register releases in the token's region, with the disclosure gate that produced them",
  description: [
    "Every release of a region and below (by region, year, id; keyset-paged): staged (being imported: its tables are being checked),",
    "active or superseded, with its counts and the disclosure gate and rules version its published tables were computed under.",
    "`out_of_date: true`: published under an older disclosure gate or rules version (for example before the edge and unstable",
    "metrics, or under the per-metric gate), so some figures read `withheld` that newer rules publish — send the same file again",
    "(POST /api/v1/admin/imports/households) to republish it. No household is ever listed.",
  ].join(" "),
  request: { query: ReleaseListQuery },
  responses: { ...listResponses(ReleaseSchema, "RegisterReleaseList"), ...errorResponses(400, 500) },
});
