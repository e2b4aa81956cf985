/**
 * A small CSV file sent as the request body (`Content-Type: text/csv`): the reference lists of
 * the admin API (regions, village statuses). UTF-8 with or without BOM, or GB18030/GBK as
 * Excel saves Chinese CSV (the register file's decoding). Larger files are refused before
 * they are read.
 */
import type { Context } from "hono";
import { decodeRegisterFile } from "../domain/register-import/csv-records";
import type { AppEnv } from "../lib/app-env";
import { ApiError } from "../lib/errors";

const ACCEPTED_TYPES = ["text/csv", "text/plain", "application/csv"];

export async function readCsvBody(c: Context<AppEnv>, maxBytes: number, advice: string): Promise<string> {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the CSV file itself as the body with Content-Type: text/csv.", [
      { path: "header.content-type", message: type ? "must be text/csv" : "required (text/csv)" },
    ]);
  }
  const tooLarge = () => new ApiError(413, "file_too_large", `The file is larger than ${maxBytes / 1024 / 1024} MB; ${advice}`, [{ path: "body", message: "too large" }]);
  if (Number(c.req.header("Content-Length") ?? 0) > maxBytes) throw tooLarge();
  // Read through the request's body cache: the idempotent executor hashes the same text.
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw tooLarge();
  return decodeRegisterFile(bytes).text;
}
