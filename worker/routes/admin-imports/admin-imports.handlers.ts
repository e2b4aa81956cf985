import type { RouteHandler } from "@hono/zod-openapi";
import { auditEntry, guardChanged, idempotentWrite, requireScope } from "../../admin";
import { createDb } from "../../db/client";
import { cleanUpReleases } from "../../db/queries/register";
import { decodeRegisterFile } from "../../domain/register-import/csv-records";
import type { AppEnv } from "../../lib/app-env";
import { ApiError } from "../../lib/errors";
import { activateReleaseStatements, prepareHouseholdImport, stageRelease, type ImportSummary } from "../../register/import-households";
import type { importHouseholdsRoute } from "./admin-imports.routes";

/** A county's register is a few MB; 16 MB leaves room while the Worker stays within 128 MB. */
export const MAX_REGISTER_FILE_BYTES = 16 * 1024 * 1024;
const ACCEPTED_TYPES = ["text/csv", "text/plain", "application/csv", "application/octet-stream"];

async function readRegisterFile(request: Request) {
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

type ImportStatus = "dry_run" | "unchanged" | "imported";
function resultBody(status: ImportStatus, encoding: "utf-8" | "gb18030", summary: ImportSummary) {
  return { data: { status, encoding, ...summary } };
}

export const importHouseholdsHandler: RouteHandler<typeof importHouseholdsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const admin = c.get("admin");
  const scopeCode = query.region ?? admin.regionCode;
  requireScope(c, scopeCode, "query.region");
  const { text, encoding } = await readRegisterFile(c.req.raw.clone());
  const input = { text, year: query.year, scopeCode, tokenRegion: admin.regionCode, createdBy: admin.tokenId, pseudonymKey: c.env.PSEUDONYM_KEY };

  if (query.dry_run === "1") {
    const prepared = await prepareHouseholdImport(createDb(c.env.DB), input);
    return c.json(resultBody("dry_run", encoding, prepared.summary), 200);
  }

  let imported = false;
  const response = await idempotentWrite(c, async (db) => {
    const prepared = await prepareHouseholdImport(db, input);
    if (prepared.kind === "unchanged") {
      return { status: 200 as const, body: resultBody("unchanged", encoding, prepared.summary), statements: [] };
    }
    await stageRelease(db, prepared, admin.tokenId);
    imported = true;
    const { summary } = prepared;
    const now = new Date();
    const [supersede, activate, bump] = activateReleaseStatements(db, summary, now);
    return {
      status: 201 as const,
      body: resultBody("imported", encoding, summary),
      statements: [
        supersede!,
        activate!,
        guardChanged(db),
        bump!,
        auditEntry(db, admin, {
          action: "register.import",
          targetType: "register_release",
          targetId: summary.release_id,
          regionCode: summary.scope_code,
          summary: `Imported the ${summary.year} household register for ${summary.scope_code}: ${summary.households} households, ${summary.people} people in ${summary.villages} villages (file sha256 ${summary.file_sha256.slice(0, 12)}…)${summary.replaces_release_id ? `; replaces ${summary.replaces_release_id}` : ""}.`,
        }, now),
      ],
      conflict: new ApiError(409, "import_conflict", "The staged release was removed before it could be switched on (another import cleaned it up). Send the file again.", []),
    };
  });
  // After the switch: the superseded release's rows go, in short chunks (never visible any more).
  if (imported && response.status === 201) await cleanUpReleases(createDb(c.env.DB), scopeCode, query.year);
  return response;
};
