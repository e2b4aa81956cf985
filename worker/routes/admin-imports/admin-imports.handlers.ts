import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { requireScope } from "../../admin";
import { actorOf, executeWrite } from "../../admin/execute";
import { createDb } from "../../db/client";
import { adminReleasesQuery, type ReleaseListKey, type ReleaseRow } from "../../db/queries/register";
import { useDevTablesStore } from "../../lib/dev-tables-store";
import { respondList } from "../../lib/listing";
import { decodeRegisterFile } from "../../domain/register-import/csv-records";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import { ApiError } from "../../lib/errors";
import { planHouseholdImport, previewHouseholdImport, releaseOutOfDate, type ImportResult } from "../../writes/register-imports";
import type { importHouseholdsRoute, listReleasesRoute } from "./admin-imports.routes";

/**
 * A Worker has 128 MB. Measured (bench, tmp runs): preparing an import holds about 2 KB per
 * household at its peak, so 4 MB (about 43,000 households, a large county's register) stays
 * near 90 MB with the body and its text. Larger registers: split by county, or use the
 * command line's local mode.
 */
export const MAX_REGISTER_FILE_BYTES = 4 * 1024 * 1024;
const ACCEPTED_TYPES = ["text/csv", "text/plain", "application/csv", "application/octet-stream"];

/** Only the body and headers are read, so any Request flavour (typed cf properties or not) fits. */
async function readRegisterFile(request: Pick<Request, "headers" | "arrayBuffer">) {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the register file itself as the body with Content-Type: text/csv.", [
      { path: "header.content-type", message: type ? "must be text/csv" : "required (text/csv)" },
    ]);
  }
  const tooLarge = () =>
    new ApiError(413, "file_too_large", `The register file is larger than ${MAX_REGISTER_FILE_BYTES / 1024 / 1024} MB; import one county at a time.`, [
      { path: "body", message: "too large" },
    ]);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_REGISTER_FILE_BYTES) throw tooLarge();
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > MAX_REGISTER_FILE_BYTES) throw tooLarge();
  return decodeRegisterFile(bytes);
}

function resultBody({ status, summary }: ImportResult, encoding: "utf-8" | "gb18030") {
  return { data: { status, encoding, ...summary } };
}

export const importHouseholdsHandler: RouteHandler<typeof importHouseholdsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  // Local development only: tables Node already computed for the demo (npm start).
  useDevTablesStore(c.env);
  const { text, encoding } = await readRegisterFile(c.req.raw.clone());
  const request = { text, year: query.year, scopeCode: query.region, pseudonymKey: c.env.PSEUDONYM_KEY };
  if (query.dry_run === "1") {
    const preview = await previewHouseholdImport({ actor: actorOf(c), now: clock(c), db: createDb(c.env.DB) }, request);
    return c.json(resultBody(preview, encoding), 200);
  }
  return executeWrite(
    c,
    (result: ImportResult) => (result.status === "imported" ? 201 : 200),
    (ctx) => planHouseholdImport(ctx, request),
    (result) => resultBody(result, encoding),
  );
};

/** A release's metadata as listed (never a household), with whether a re-send would republish it. */
export function releaseJson(r: ReleaseRow) {
  return {
    id: r.id,
    scope_code: r.scopeCode,
    year: r.year,
    status: r.status,
    file_sha256: r.fileSha256,
    created_by: r.createdBy,
    created_at: r.createdAt,
    activated_at: r.activatedAt,
    households: r.households,
    people: r.people,
    villages: r.villages,
    statistics_rows: r.statisticsRows,
    withheld_figures: r.withheldFigures,
    disclosure_gate: r.disclosureGate,
    disclosure_rules: r.disclosureRules,
    out_of_date: releaseOutOfDate(r),
  };
}

const RELEASE_COLUMNS = ["id", "scope_code", "year", "status", "file_sha256", "created_by", "created_at", "activated_at", "households", "people", "villages", "statistics_rows", "withheld_figures", "disclosure_gate", "disclosure_rules", "out_of_date"] as const;

export const listReleasesHandler: RouteHandler<typeof listReleasesRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const region = query.region ?? c.get("admin").regionCode;
  requireScope(c, region, "query.region");
  const db = createDb(c.env.DB);
  const filters = { region, year: query.year, status: query.status };
  return respondList<ReleaseRow, ReleaseListKey>(c, query, {
    dataset: "register_releases",
    filename: "register-releases",
    cacheable: false,
    keySchema: z.tuple([z.string(), z.number().int(), z.string()]),
    keyOf: (r) => [r.scopeCode, r.year, r.id],
    page: (after, limit) => adminReleasesQuery(db, filters, after, limit),
    toJson: releaseJson,
    columns: RELEASE_COLUMNS.map((name) => ({ name, value: (r: ReleaseRow) => releaseJson(r)[name] })),
    meta: { filters },
  });
};
