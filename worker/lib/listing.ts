import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { csvCell, csvRow, UTF8_BOM, type CsvCell } from "../domain/csv";
import type { AppEnv } from "./app-env";
import { cellOf, flatFields } from "./dataset-fields";
import { ApiError } from "./errors";
import { edgeCached } from "./edge-cache";
import { negotiate } from "./accept";
import { DATASETS } from "../domain/datasets";

export const FORMATS = ["json", "csv", "ndjson"] as const;
export type Format = (typeof FORMATS)[number];

export const DEFAULT_LIMIT = 100;
const UTF8 = new TextEncoder();
/** A buffer kept for `utf8` and `encodeLines`, grown to the largest page seen, never past MAX_SCRATCH_BYTES. */
let scratch = new Uint8Array(64 * 1024);
const MAX_SCRATCH_BYTES = 4 * 1024 * 1024;

/**
 * A page's JSON as UTF-8: encoded into a kept buffer and copied out at its exact length. In
 * the bench (bench/app.ts) `TextEncoder.encode` of a 48 KB page of Chinese text cost twice as
 * much as `encodeInto` plus the copy. Synchronous, so no other request can touch the buffer
 * in between.
 */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  const worst = text.length * 3;
  if (worst > MAX_SCRATCH_BYTES) return UTF8.encode(text) as Uint8Array<ArrayBuffer>;
  if (scratch.length < worst) scratch = new Uint8Array(worst);
  const { written } = UTF8.encodeInto(text, scratch);
  return scratch.slice(0, written);
}
export const MAX_LIMIT = 1000;
/** Rows fetched per query while streaming a whole export: bounded memory whatever the size. */
const STREAM_PAGE_SIZE = 1000;

/** Query parameters shared by every list endpoint. */
export const listParams = {
  limit: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(MAX_LIMIT, "must be at most 1,000")
    .optional()
    .openapi({
      description:
        "Rows per page (default 100, at most 1,000). For csv and ndjson, leaving it out streams every matching row.",
      example: 100,
    }),
  cursor: z
    .string()
    .max(512, "is too long")
    .optional()
    .openapi({ description: "Opaque cursor from the previous page's `next` link." }),
  format: z
    .enum(FORMATS, { error: "must be one of json, csv, ndjson" })
    .optional()
    .openapi({ description: "Response format; also negotiated from the Accept header. Default json." }),
  bom: z
    .enum(["0", "1"], { error: "must be 0 or 1" })
    .optional()
    .openapi({ description: "With format=csv, 1 prefixes a UTF-8 BOM so Excel shows Chinese text correctly." }),
};

export type ListParams = { limit?: number; cursor?: string; format?: Format; bom?: "0" | "1" };

/** Response bodies of a list endpoint, for the OpenAPI document. */
export function listResponses<T extends z.ZodTypeAny>(item: T, name: string, alternative?: z.ZodTypeAny) {
  const envelope = z
    .object({
      data: z.array(item),
      next: z.string().url().nullable().openapi({ description: "URL of the next page, or null on the last page." }),
      meta: z.object({
        dataset: z.string(),
        versions: z.record(z.string(), z.number().int()),
        limit: z.number().int(),
        returned: z.number().int(),
      }).passthrough(),
    })
    .openapi(name);
  return {
    200: {
      description: "A page of rows (json), or CSV / NDJSON (streamed in full when no limit is given).",
      headers: z.object({
        ETag: z.string(),
        Link: z.string().optional().openapi({ description: '`<url>; rel="next"` when there is a next page' }),
        "X-Request-Id": z.string(),
      }),
      content: {
        // `alternative`: the group_by answer of a statistical list.
        "application/json": { schema: alternative ? z.union([envelope, alternative]) : envelope },
        "text/csv": { schema: z.string().openapi({ description: "RFC 4180, UTF-8, English headers" }) },
        "application/x-ndjson": { schema: z.string().openapi({ description: "One JSON object per line" }) },
      },
    },
    304: { description: "Not modified (If-None-Match matched the dataset version)" },
  } as const;
}

/** Media types of each format, JSON first (the answer when the client states no preference). */
const FORMAT_MEDIA_TYPES = [
  ["json", ["application/json"]],
  ["csv", ["text/csv"]],
  ["ndjson", ["application/x-ndjson", "application/ndjson"]],
] as const satisfies readonly (readonly [Format, readonly string[]])[];

/** `format=` wins; otherwise the Accept header with its q-values (lib/accept.ts). */
export function negotiateFormat(c: Context, explicit: Format | undefined): Format {
  if (explicit) return explicit;
  return negotiate(c.req.header("Accept"), FORMAT_MEDIA_TYPES);
}

export function encodeCursor(key: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor<K>(cursor: string, keySchema: z.ZodType<K>): K {
  const malformed = () =>
    new ApiError(400, "invalid_request", "Invalid query: query.cursor — is malformed (use the `next` link as given)", [
      { path: "query.cursor", message: "is malformed" },
    ]);
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
    const parsed = keySchema.safeParse(JSON.parse(json));
    if (!parsed.success) throw malformed();
    return parsed.data;
  } catch {
    throw malformed();
  }
}

/** One column of a CSV export: its English header and how to read it from a row. */
export interface CsvColumn<Row> {
  name: string;
  value: (row: Row) => CsvCell;
}

/** How one dataset lists: keyset pages, its public JSON shape and its CSV columns. */
export interface Listing<Row, Key> {
  /** Dataset id reported in `meta` and used for the ETag. */
  dataset: string;
  /** Every dataset whose changes change this response (for the ETag). */
  dependsOn?: readonly string[];
  keySchema: z.ZodType<Key>;
  keyOf: (row: Row) => Key;
  /** Rows after `after` (exclusive) in the listing's stable order; at most `limit`. */
  page: (after: Key | undefined, limit: number) => Promise<Row[]>;
  toJson: (row: Row) => unknown;
  /**
   * A public dataset gives the zod schema of its JSON item: the CSV columns are derived
   * from it (lib/dataset-fields.ts), so CSV, JSON, NDJSON and the catalogue agree.
   * Private lists (admin views) may give hand-written `columns` instead.
   */
  schema?: z.ZodType;
  columns?: readonly CsvColumn<Row>[];
  /** Extra fields for `meta` (for example the filters applied). */
  meta?: Record<string, unknown>;
  /** File name stem for downloads. */
  filename: string;
  /** false for private, fast-changing lists (admin views): no ETag, `Cache-Control: no-store`. */
  cacheable?: boolean;
  /** Extra ETag input for responses that also depend on something other than the data (e.g. the date). */
  etagVariant?: string;
  /**
   * Checks of the request's filters already under way (e.g. that a region code exists): the
   * answer waits for them and fails with their error, but they read beside the page instead of
   * before it, and a 304 or an edge-cache hit does not wait for them at all (its key carries the
   * versions of the data they check, so they passed when the entry was stored).
   */
  ready?: Promise<unknown>;
  /**
   * Checks of the request's filters run only when the page itself does not prove them
   * (`checkedBy`): a village page whose rows joined the county named in `county=` shows that
   * county exists, so the read that would check it is skipped (one statement fewer on most
   * pages); an empty page, or one that proves nothing, runs the check after its read. A
   * stream runs it before its status is sent. A 304 or an edge-cache hit runs neither.
   */
  check?: () => Promise<unknown>;
  checkedBy?: (rows: readonly Row[]) => boolean;
}

function nextUrl(c: Context, cursor: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set("cursor", cursor);
  return url.toString();
}

/**
 * Answers a list request in json (envelope + Link header), csv or ndjson. A csv/ndjson
 * request without `limit` streams every row in keyset pages through a ReadableStream, so
 * an export of any size runs in bounded memory (Workers: 128 MB).
 */
export async function respondList<Row, Key>(c: Context<AppEnv>, params: ListParams, listing: Listing<Row, Key>): Promise<Response> {
  const format = negotiateFormat(c, params.format);
  const after = params.cursor === undefined ? undefined : decodeCursor(params.cursor, listing.keySchema);
  const streamAll = format !== "json" && params.limit === undefined;
  // Nothing may be left rejecting unobserved when a 304 or a hit answers without waiting.
  listing.ready?.catch(() => undefined);
  if (listing.cacheable === false) {
    c.header("Cache-Control", "private, no-store");
    if (streamAll) await Promise.all([listing.ready, listing.check?.()]);
    return streamAll ? streamExport(c, format, params, listing, after) : respondPage(c, format, params, listing, after, {});
  }
  const spec = {
    datasets: listing.dependsOn ?? [listing.dataset],
    variant: `${format}:${c.req.header("Accept") ?? ""}${listing.etagVariant ? `:${listing.etagVariant}` : ""}`,
    // An unbounded export is streamed, never buffered or teed into the cache (bounded memory).
    store: !streamAll,
  };
  return edgeCached(c, spec, async ({ versions }) => {
    if (!streamAll) return respondPage(c, format, params, listing, after, versions);
    // A stream's status is sent before its rows are read: its checks must pass first.
    await Promise.all([listing.ready, listing.check?.()]);
    return streamExport(c, format, params, listing, after);
  });
}

/** One page (json envelope with Link header, or a csv/ndjson page of `limit` rows). */
async function respondPage<Row, Key>(
  c: Context<AppEnv>,
  format: Format,
  params: ListParams,
  listing: Listing<Row, Key>,
  after: Key | undefined,
  versions: Record<string, number>,
): Promise<Response> {
  const limit = params.limit ?? DEFAULT_LIMIT;
  const [fetched] = await Promise.all([listing.page(after, limit + 1), listing.ready]);
  if (listing.check && !listing.checkedBy?.(fetched)) await listing.check();
  const rows = fetched.slice(0, limit);
  const last = rows[rows.length - 1];
  const next = fetched.length > limit && last !== undefined ? nextUrl(c, encodeCursor(listing.keyOf(last))) : null;
  if (next) c.header("Link", `<${next}>; rel="next"`);

  if (format === "json") {
    // Encoded to UTF-8 once here: a string body is measured, checked for lone surrogates and
    // encoded again by the Response (Node's undici spent 14 % of a 100-row page on that,
    // bench/app.ts); bytes pass through. Same body and Content-Type as c.json gives.
    const json = JSON.stringify({
      data: rows.map(listing.toJson),
      next,
      meta: { dataset: listing.dataset, versions, limit, returned: rows.length, ...listing.meta },
    });
    return c.body(utf8(json), 200, { "Content-Type": "application/json" });
  }
  const body = format === "csv" ? csvHeader(listing, params) + rows.map((r) => csvLine(listing, r)).join("") : rows.map((r) => ndjsonLine(listing, r)).join("");
  return new Response(body, { headers: exportHeaders(c, format, listing) });
}

function csvColumns<Row, Key>(listing: Listing<Row, Key>): readonly CsvColumn<Row>[] {
  if (listing.schema) return flatFields(listing.schema).map((field) => ({ name: field.name, value: (row: Row) => cellOf(listing.toJson(row), field) }));
  if (!listing.columns) throw new Error(`listing ${listing.dataset} has neither a schema nor columns`);
  return listing.columns;
}
function csvHeader<Row, Key>(listing: Listing<Row, Key>, params: ListParams): string {
  return (params.bom === "1" ? UTF8_BOM : "") + csvRow(csvColumns(listing).map((col) => col.name));
}
function csvLine<Row, Key>(listing: Listing<Row, Key>, row: Row): string {
  if (listing.schema) {
    const item = listing.toJson(row);
    return csvRow(flatFields(listing.schema).map((field) => cellOf(item, field)));
  }
  return csvRow(csvColumns(listing).map((col) => col.value(row)));
}
function ndjsonLine<Row, Key>(listing: Listing<Row, Key>, row: Row): string {
  return `${JSON.stringify(listing.toJson(row))}\n`;
}

const CATALOGUED = new Set(DATASETS.map((d) => d.id));

function exportHeaders<Row, Key>(c: Context, format: Format, listing: Listing<Row, Key>): Headers {
  const headers = new Headers(c.res.headers);
  if (format === "csv") {
    headers.set("Content-Type", "text/csv; charset=utf-8");
    headers.set("Content-Disposition", `inline; filename="${listing.filename}.csv"`);
    // A catalogued dataset's CSV points at its Table Schema (types, codes as text, missing values).
    if (listing.schema && CATALOGUED.has(listing.dataset)) {
      const describedBy = `<${new URL(c.req.url).origin}/api/v1/datasets/${listing.dataset}/schema.json>; rel="describedby"; type="application/json"`;
      const link = [c.res.headers.get("Link"), describedBy].filter(Boolean).join(", ");
      // Also on the context: Hono copies its headers over the returned response's.
      c.header("Link", link);
      headers.set("Link", link);
    }
  } else {
    headers.set("Content-Type", "application/x-ndjson; charset=utf-8");
  }
  return headers;
}

/**
 * A whole export's line encoder, made once per stream rather than once per row: the CSV
 * columns are resolved once (the generic csvLine looks them up again for every row).
 */
function exportLine<Row, Key>(listing: Listing<Row, Key>, format: Format): (row: Row) => string {
  if (format !== "csv") return (row) => ndjsonLine(listing, row);
  if (!listing.schema) return (row) => csvLine(listing, row);
  const fields = flatFields(listing.schema);
  // Most columns repeat from one row to the next (the township, the county, the provenance,
  // the status, the years), so each column keeps its last value and its encoded cell: the same
  // value again costs one comparison instead of csvCell's two pattern scans and a new string.
  const lastValue = new Array<CsvCell | typeof UNSET>(fields.length).fill(UNSET);
  const lastCell = new Array<string>(fields.length).fill("");
  return (row) => {
    const item = listing.toJson(row);
    for (let i = 0; i < fields.length; i++) {
      const value = cellOf(item, fields[i]!);
      if (value !== lastValue[i]) {
        lastValue[i] = value;
        lastCell[i] = csvCell(value);
      }
    }
    // join() gives a flat string; `+=` would build a rope that encodeInto must flatten again.
    return `${lastCell.join(",")}\r\n`;
  };
}
const UNSET = Symbol("unset");

/**
 * A page of lines as UTF-8, each line encoded into one buffer in turn. Joining a thousand lines
 * first and encoding the result cost about three times as much (measured on the national export:
 * the joined string, half a megabyte of two-byte text per page, is built and then copied again);
 * the buffer is sized for the worst case (3 bytes per UTF-16 unit) and only its filled part is sent.
 */
function encodeLines(encoder: TextEncoder, lines: readonly string[]): Uint8Array {
  let worst = 0;
  for (const line of lines) worst += line.length * 3;
  // Into the kept buffer (see utf8), then copied out at its length: a fresh worst-case buffer
  // per page was three times the page's size, zero-filled, for every 1,000 rows of an export.
  if (worst > MAX_SCRATCH_BYTES) {
    const bytes = new Uint8Array(worst);
    let at = 0;
    for (const line of lines) at += encoder.encodeInto(line, bytes.subarray(at)).written;
    return bytes.subarray(0, at);
  }
  if (scratch.length < worst) scratch = new Uint8Array(worst);
  let at = 0;
  for (const line of lines) at += encoder.encodeInto(line, scratch.subarray(at)).written;
  return scratch.slice(0, at);
}

function streamExport<Row, Key>(c: Context<AppEnv>, format: Format, params: ListParams, listing: Listing<Row, Key>, start: Key | undefined): Response {
  const encoder = new TextEncoder();
  const lineOf = exportLine(listing, format);
  let after = start;
  let headerSent = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      const lines: string[] = [];
      if (!headerSent && format === "csv") lines.push(csvHeader(listing, params));
      headerSent = true;
      const rows = await listing.page(after, STREAM_PAGE_SIZE);
      for (const row of rows) lines.push(lineOf(row));
      const last = rows[rows.length - 1];
      if (last !== undefined) after = listing.keyOf(last);
      if (lines.length > 0) controller.enqueue(encodeLines(encoder, lines));
      if (rows.length < STREAM_PAGE_SIZE) {
        done = true;
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: exportHeaders(c, format, listing) });
}

/** Answers a single-object GET with the same ETag/304 and edge caching rules as lists. */
export function respondOne(c: Context<AppEnv>, datasets: readonly string[], load: () => Promise<unknown>): Promise<Response> {
  return edgeCached(c, { datasets, variant: "json" }, async () => c.json({ data: await load() }));
}
