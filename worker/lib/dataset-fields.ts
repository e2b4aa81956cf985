/**
 * Dataset columns from one definition: the zod schema of a dataset's JSON item. From it
 * come the OpenAPI document (as before), the CSV columns (respondList) and the catalogue's
 * field dictionary (/api/v1/datasets), so the three can no longer drift apart.
 *
 * Flattening, documented in docs/open-data (README "Open data"): a nested object's fields
 * become `<parent>_<child>` columns (region.code → region_code); an array is one cell
 * holding its JSON text. Types come from the zod type (`format: "date"` / `"date-time"`
 * in `.openapi()` marks dates); units from the name (`…_fen` fen, `year`/`…_year` year,
 * `…_households`, `…_people`, `…_pct` percent); descriptions from `.openapi({ description })`.
 */
import { getOpenApiMetadata } from "@asteasolutions/zod-to-openapi";
import type { z } from "@hono/zod-openapi";
import type { CsvCell } from "../domain/csv";
import { BAND_TEXT, publishedText, type PublishedCount } from "../domain/disclosure/rounding";
import type { DatasetField } from "../domain/datasets";

type AnySchema = z.ZodType;

interface Def {
  type: string;
  innerType?: AnySchema;
  shape?: Record<string, AnySchema>;
  checks?: { _zod: { def: { check: string; format?: string } } }[];
  format?: string;
  in?: AnySchema;
}

const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function metadata(schema: AnySchema): { description?: string; format?: string } {
  return (getOpenApiMetadata(schema as never) ?? {}) as { description?: string; format?: string };
}

/** Strips nullable/optional/default wrappers, keeping the first description and format met. */
function unwrap(schema: AnySchema): { inner: AnySchema; description?: string; format?: string; nullable: boolean } {
  let current = schema;
  let description: string | undefined;
  let format: string | undefined;
  let nullable = false;
  for (;;) {
    const meta = metadata(current);
    description ??= meta.description;
    format ??= meta.format;
    const def = defOf(current);
    if ((def.type === "nullable" || def.type === "optional" || def.type === "default" || def.type === "readonly") && def.innerType) {
      if (def.type !== "readonly") nullable = true;
      current = def.innerType;
      continue;
    }
    if (def.type === "pipe" && def.in) {
      current = def.in;
      continue;
    }
    return { inner: current, description, format, nullable };
  }
}

function fieldType(inner: AnySchema, format: string | undefined): DatasetField["type"] {
  if (format === "date") return "date";
  if (format === "date-time") return "datetime";
  const def = defOf(inner);
  if (def.type === "boolean") return "boolean";
  if (def.type === "number") {
    const integer = def.format === "safeint" || def.format === "int32" || (def.checks ?? []).some((c) => c._zod.def.check === "number_format" && /int/.test(c._zod.def.format ?? ""));
    return integer ? "integer" : "number";
  }
  if (def.type === "int") return "integer";
  if (def.type === "literal" || def.type === "enum" || def.type === "string" || def.type === "array") return "string";
  return "string";
}

function unitOf(name: string): string | undefined {
  if (name.endsWith("_fen")) return "fen";
  if (name === "year" || name.endsWith("_year") || name === "period_from") return "year";
  if (name.endsWith("_households") || name === "item_count") return "households";
  if (name.endsWith("_people")) return "people";
  if (name.endsWith("_pct")) return "percent";
  return undefined;
}

/**
 * Objects that are one CSV cell (`.openapi({ "x-csv-cell": "<renderer>" })`): a published
 * register count is `{ value, banded, disclosure }` in JSON and one text cell in CSV
 * ("1-7", "withheld" or the number), as the disclosure rules publish it.
 */
const CELL_RENDERERS: Record<string, (value: Record<string, unknown>) => CsvCell> = {
  "published-count": (v) => publishedText(v as unknown as PublishedCount),
};

/** One flattened column: its name, dictionary entry and where it sits in the JSON item. */
export interface FlatField extends DatasetField {
  path: readonly string[];
  array: boolean;
  cell?: (value: Record<string, unknown>) => CsvCell;
  /** JSON path of the flag that marks a null count as the band 1–7 (`x-csv-banded-by`). */
  bandedBy?: readonly string[];
}

const cache = new WeakMap<AnySchema, FlatField[]>();

export function flatFields(schema: AnySchema): FlatField[] {
  const known = cache.get(schema);
  if (known) return known;
  const out: FlatField[] = [];
  const walk = (object: AnySchema, path: string[], names: string[]) => {
    const shape = defOf(unwrap(object).inner).shape ?? {};
    for (const [key, child] of Object.entries(shape)) {
      const { inner, description, format } = unwrap(child);
      const childPath = [...path, key];
      const meta = metadata(inner) as Record<string, unknown>;
      const cellName = meta["x-csv-cell"] as string | undefined;
      if (defOf(inner).type === "object" && !cellName) {
        // `x-csv-flatten: unprefixed`: the children keep their own names (figures.exited_people → exited_people).
        walk(inner, childPath, meta["x-csv-flatten"] === "unprefixed" ? names : [...names, key]);
        continue;
      }
      const name = [...names, key].join("_");
      const array = defOf(inner).type === "array";
      const unit = unitOf(name);
      const cell = cellName ? CELL_RENDERERS[cellName] : undefined;
      // privacy.md R2: a banded count is null plus a flag in JSON but the text `1-7` in CSV.
      // (Set with .openapi() on the nullable wrapper, so read from the field as declared.)
      const bandedBy = ((metadata(child) as Record<string, unknown>)["x-csv-banded-by"] ?? meta["x-csv-banded-by"]) as string | undefined;
      if (cellName && !cell) throw new Error(`unknown x-csv-cell renderer ${cellName}`);
      out.push({
        name,
        type: cell ? "string" : fieldType(inner, format),
        ...(unit ? { unit } : {}),
        description: (description ?? name.replaceAll("_", " ")) + (array ? " (JSON text in CSV)" : ""),
        path: childPath,
        array,
        ...(cell ? { cell } : {}),
        ...(bandedBy ? { bandedBy: [...path, bandedBy] } : {}),
      });
    }
  };
  walk(schema, [], []);
  cache.set(schema, out);
  return out;
}

/** The catalogue's field dictionary of a dataset (no JSON paths). */
export function datasetFields(schema: AnySchema): DatasetField[] {
  return flatFields(schema).map(({ path: _path, array: _array, ...field }) => field);
}


function valueAt(item: unknown, path: readonly string[]): unknown {
  let value: unknown = item;
  for (const key of path) value = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key];
  return value;
}

/** A JSON item's value for one flattened column, as a CSV cell. */
export function cellOf(item: unknown, field: FlatField): CsvCell {
  const value = valueAt(item, field.path);
  if (value === undefined || value === null) return field.bandedBy && valueAt(item, field.bandedBy) === true ? BAND_TEXT : null;
  if (field.cell) return field.cell(value as Record<string, unknown>);
  if (field.array || typeof value === "object") return JSON.stringify(value);
  return value as CsvCell;
}

/**
 * Every leaf path of a JSON item (objects walked, arrays and nulls are leaves), to check
 * that the flattened columns cover exactly what the JSON holds.
 */
export function leafPaths(item: unknown, prefix: readonly string[] = []): string[][] {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return [[...prefix]];
  return Object.entries(item as Record<string, unknown>).flatMap(([key, value]) => leafPaths(value, [...prefix, key]));
}

/**
 * A Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/) of a
 * dataset's CSV, from the same flattened columns: typed readers (frictionless, pandas with
 * `dtype`, R with `colClasses`) keep codes as text (leading digits and all 12 of them),
 * years and counts as integers, and read a register figure's `1-7` or `withheld` — and an
 * empty cell — as missing rather than turning the whole column into text.
 */
export interface TableSchema {
  $schema: string;
  fields: { name: string; type: string; format?: string; description: string; constraints?: Record<string, unknown>; "x-unit"?: string }[];
  missingValues: string[];
}

/** CSV cells that mean "no number here": empty, and the disclosure texts (privacy.md R2, R5). */
export const CSV_MISSING_VALUES = ["", BAND_TEXT, "withheld"] as const;

const TABLE_TYPES: Record<DatasetField["type"], string> = { string: "string", integer: "integer", number: "number", boolean: "boolean", date: "date", datetime: "datetime" };

export function tableSchema(schema: AnySchema): TableSchema {
  return {
    $schema: "https://specs.frictionlessdata.io/schemas/table-schema.json",
    fields: flatFields(schema).map((field) => {
      // A published register count is one text cell in CSV but an integer with missing values to a typed reader.
      const type = field.cell ? "integer" : field.array ? "array" : TABLE_TYPES[field.type];
      return {
        name: field.name,
        type,
        // Times carry milliseconds (…:00.000Z), which the default datetime format does not.
        ...(type === "datetime" ? { format: "any" } : {}),
        description: field.description,
        ...(/(^|_)code$/.test(field.name) && type === "string" ? { constraints: { pattern: "^[0-9]{12}$" } } : {}),
        ...(field.unit ? { "x-unit": field.unit } : {}),
      };
    }),
    missingValues: [...CSV_MISSING_VALUES],
  };
}
