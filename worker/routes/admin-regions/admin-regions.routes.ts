import { createAdminRoute, IdempotencyHeader } from "../../admin";
import { errorResponses } from "../../lib/schemas";
import { MAX_REGION_FILE_BYTES } from "./admin-regions.handlers";
import { RegionFileBody, RegionsLoadResult } from "./admin-regions.schemas";

export const loadRegionsRoute = createAdminRoute({
  role: "admin",
  method: "post",
  path: "/admin/regions",
  tags: ["Admin"],
  summary: "Load division codes (CSV)",
  description: [
    "Creates or updates regions (division codes, levels, parents, names) from a CSV file sent as the body (`Content-Type: text/csv`),",
    `at most ${MAX_REGION_FILE_BYTES / 1024 / 1024} MB — the same write and rules as \`npm run admin -- import regions\`.`,
    "Administrator role with a scope of a city or above (a county's administrator is refused: 403 out_of_scope); every row within the token's scope.",
    "A region's parent is exactly one level up (a village's parent is its township, never its county), by the code's structure and the parent row's level.",
    "Every row is checked before anything is written: a bad row is a 400 naming its line and column (`line 3, column parent_code`), and nothing is written.",
    "The load is ONE atomic batch (inserts of at most 100 bound parameters each, an update per changed region; an unchanged region keeps its updated_at),",
    "with one version bump of the regions dataset and one audit row (`regions.load`) naming the lowest region covering the file, so /api/v1/changes lists it.",
    "Takes an Idempotency-Key: a retry with the same key and file replays the first answer. Regions are never deleted.",
  ].join(" "),
  request: {
    headers: IdempotencyHeader(),
    body: { required: true, content: { "text/csv": { schema: RegionFileBody } } },
  },
  responses: {
    200: { description: "Loaded (or nothing changed: every region unchanged)", content: { "application/json": { schema: RegionsLoadResult } } },
    ...errorResponses(400, 409, 413, 415, 422, 500),
  },
});
