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
import { WriteRefusal, type WriteContext, type WritePlan } from "../writes/plan";
import { byLine, ReferenceFileError } from "../writes/reference-files";
import { executeWrite } from "./execute";

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

/**
 * A reference file's whole admin write: read the body, check every line (a problem names its
 * line and column), then run the write; a refusal of the write names the line too (byLine).
 * Nothing is written unless every line is good: the write is one batch.
 */
export function writeReferenceFile<Item, Result extends object>(
  c: Context<AppEnv>,
  limit: { maxBytes: number; advice: string },
  read: (text: string) => { items: Item[]; lines: number[] },
  write: (ctx: WriteContext, items: Item[]) => Promise<WritePlan<Result>>,
) {
  return readCsvBody(c, limit.maxBytes, limit.advice).then((text) =>
    executeWrite(c, 200, async (ctx) => {
      let file: ReturnType<typeof read>;
      try {
        file = read(text);
      } catch (error) {
        throw error instanceof ReferenceFileError ? error.refusal() : error;
      }
      try {
        return await write(ctx, file.items);
      } catch (error) {
        throw error instanceof WriteRefusal ? byLine(error, file.lines) : error;
      }
    }),
  );
}
