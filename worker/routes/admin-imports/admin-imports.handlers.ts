import type { RouteHandler } from "@hono/zod-openapi";
import { actorOf, executeWrite } from "../../admin/execute";
import { createDb } from "../../db/client";
import { decodeRegisterFile } from "../../domain/register-import/csv-records";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import { ApiError } from "../../lib/errors";
import { planHouseholdImport, previewHouseholdImport, type ImportResult } from "../../writes/register-imports";
import type { importHouseholdsRoute } from "./admin-imports.routes";

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
