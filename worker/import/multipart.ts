/**
 * A multipart/form-data body read as it arrives. Hono's parseBody (like Request.formData)
 * holds the whole body, file included, in memory: a county's register is ~20 MB and a Worker
 * has 128 MB. Here the small fields are collected and the file part's bytes are handed on
 * chunk by chunk (to R2), holding at most one network chunk plus a boundary's length.
 *
 * The form puts its fields before the file (the browser sends parts in document order), so
 * the caller can check the CSRF token and the idempotency key before a byte is stored.
 */

export interface MultipartHandlers {
  /** A text field, complete. */
  field(name: string, value: string): void;
  /** Before the first byte of a file part (may throw to stop reading). */
  fileStart(name: string, filename: string): Promise<void>;
  fileBytes(bytes: Uint8Array): Promise<void>;
}

export class MultipartError extends Error {}

const CRLF = new Uint8Array([13, 10]);
const HEADER_END = new Uint8Array([13, 10, 13, 10]);
const MAX_HEADER_BYTES = 8 * 1024;
const MAX_FIELD_BYTES = 64 * 1024;

/** The boundary of a multipart/form-data Content-Type, or undefined. */
export function boundaryOf(contentType: string | null): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0]!;
  for (let i = haystack.indexOf(first, from); i >= 0 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && haystack[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function dispositionOf(headerText: string): { name: string; filename: string | undefined } {
  const line = headerText.split("\r\n").find((l) => /^content-disposition:/i.test(l));
  if (!line) throw new MultipartError("a part has no Content-Disposition");
  const name = /;\s*name="([^"]*)"/i.exec(line)?.[1];
  if (name === undefined) throw new MultipartError("a part has no name");
  return { name, filename: /;\s*filename="([^"]*)"/i.exec(line)?.[1] };
}

export async function readMultipart(body: ReadableStream<Uint8Array>, boundary: string, handlers: MultipartHandlers): Promise<void> {
  // Every delimiter, the first included, is CRLF "--" boundary once a CRLF is put in front.
  const delimiter = new TextEncoder().encode(`\r\n--${boundary}`);
  const decoder = new TextDecoder();
  let buffer: Uint8Array = CRLF;
  let state: "preamble" | "after-delimiter" | "headers" | "body" | "done" = "preamble";
  let part: { name: string; file: boolean; field: Uint8Array } | undefined;
  const reader = body.getReader();
  let ended = false;

  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      return false;
    }
    buffer = concat(buffer, value);
    return true;
  };

  try {
    while (state !== "done") {
      if (state === "preamble") {
        const at = indexOf(buffer, delimiter);
        if (at < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw new MultipartError("no boundary found");
          if (!(await more())) throw new MultipartError("the body ended before its first part");
          continue;
        }
        buffer = buffer.subarray(at + delimiter.length);
        state = "after-delimiter";
      } else if (state === "after-delimiter") {
        if (buffer.length < 2 && (await more())) continue;
        if (buffer[0] === 45 && buffer[1] === 45) state = "done";
        else if (buffer[0] === 13 && buffer[1] === 10) {
          buffer = buffer.subarray(2);
          state = "headers";
        } else throw new MultipartError("a malformed boundary line");
      } else if (state === "headers") {
        const at = indexOf(buffer, HEADER_END);
        if (at < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw new MultipartError("a part's headers are too long");
          if (!(await more())) throw new MultipartError("the body ended inside a part's headers");
          continue;
        }
        const { name, filename } = dispositionOf(decoder.decode(buffer.subarray(0, at)));
        buffer = buffer.subarray(at + HEADER_END.length);
        part = { name, file: filename !== undefined, field: new Uint8Array(0) };
        if (part.file) await handlers.fileStart(name, filename!);
        state = "body";
      } else {
        const at = indexOf(buffer, delimiter);
        // Everything before the delimiter, or all but what could be a delimiter's start.
        const safe = at >= 0 ? at : Math.max(0, buffer.length - delimiter.length + 1);
        if (safe > 0) {
          const bytes = buffer.subarray(0, safe);
          if (part!.file) await handlers.fileBytes(bytes);
          else {
            part!.field = concat(part!.field, bytes.slice());
            if (part!.field.length > MAX_FIELD_BYTES) throw new MultipartError(`the field ${part!.name} is too long`);
          }
          buffer = buffer.subarray(safe);
        }
        if (at >= 0) {
          if (!part!.file) handlers.field(part!.name, decoder.decode(part!.field));
          buffer = buffer.subarray(delimiter.length);
          part = undefined;
          state = "after-delimiter";
        } else if (!(await more())) throw new MultipartError("the body ended inside a part");
      }
    }
  } finally {
    if (!ended) await reader.cancel().catch(() => undefined);
  }
}
