/**
 * The CSV files of the reference writes: a division-code list for the region write
 * (`code,parent_code,level,name_zh,name_en`, an empty parent_code for a province, parents
 * before their children) and a list of village statuses for the batched status write
 * (`code,status,designated_year,exit_year`, empty years for none). Read by the admin API
 * (POST /api/v1/admin/regions, /api/v1/admin/villages/statuses) and by `npm run admin --
 * import regions`. Each row is checked with zod; anything unreadable is named by its line and
 * column (`line 3, column level`), and so is a refusal of the write (`byLine`): the write's
 * `body.<list>.<i>.<field>` becomes the line the row came from.
 */
import { z } from "zod";
import { parseCsv } from "../domain/csv";
import { REGION_LEVELS } from "../domain/region-codes";
import { WriteRefusal, type RefusalDetail } from "./plan";
import type { RegionInput } from "./regions";
import type { VillageStatusItem } from "./villages";

export const REGION_FILE_COLUMNS = ["code", "parent_code", "level", "name_zh", "name_en"] as const;
export const VILLAGE_STATUS_FILE_COLUMNS = ["code", "status", "designated_year", "exit_year"] as const;

/** A file the writes cannot be given: every problem named `line N, column X` (at most 20). */
export class ReferenceFileError extends Error {
  constructor(readonly details: RefusalDetail[]) {
    super(`${details[0]!.path}: ${details[0]!.message}`);
    this.name = "ReferenceFileError";
  }

  /** The project's error shape (400 invalid_request) for the admin API. */
  refusal(): WriteRefusal {
    return new WriteRefusal("invalid", "invalid_request", `Invalid body: ${this.details[0]!.path} — ${this.details[0]!.message}`, this.details);
  }
}

const Code = z.string().regex(/^\d{12}$/, "must be a 12-digit division code");
const Name = z.string().min(1, "must not be empty").max(200, "must be at most 200 characters");
const emptyAsNull = (value: string) => (value === "" ? null : value);

const RegionRow = z.object({
  code: Code,
  parent_code: z.preprocess(emptyAsNull, Code.nullable()),
  level: z.enum(REGION_LEVELS, { error: `must be one of ${REGION_LEVELS.join(", ")}` }),
  name_zh: Name,
  name_en: Name,
});

const Year = z.preprocess(
  (value: string) => (value === "" ? null : /^\d+$/.test(value) ? Number(value) : value),
  z.number({ error: "must be a year or empty" }).int().min(1980, "must be 1980 or later").max(2100, "must be 2100 or earlier").nullable(),
);
const VillageStatusRow = z.object({
  code: Code,
  status: z.enum(["not_designated", "poor", "exited"], { error: "must be one of not_designated, poor, exited" }),
  designated_year: Year,
  exit_year: Year,
});

/** Rows of a CSV file with a fixed header, each checked by `row`; problems name line and column. */
function readFile<Row>(text: string, columns: readonly string[], row: z.ZodType<Row>, what: string): { rows: Row[]; lines: number[] } {
  const records = parseCsv(text).filter((r) => r.cells.some((c) => c.trim() !== ""));
  const [header, ...body] = records;
  if (!header || header.cells.map((c) => c.trim()).join(",") !== columns.join(",")) {
    throw new ReferenceFileError([{ path: "line 1", message: `the header must be ${columns.join(",")}` }]);
  }
  const rows: Row[] = [];
  const lines: number[] = [];
  const problems: RefusalDetail[] = [];
  for (const { line, cells } of body) {
    if (cells.length !== columns.length) {
      problems.push({ path: `line ${line}`, message: `expected ${columns.length} cells, found ${cells.length}` });
      continue;
    }
    const parsed = row.safeParse(Object.fromEntries(columns.map((c, i) => [c, cells[i]!.trim()])));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ path: `line ${line}, column ${String(issue.path[0])}`, message: issue.message });
      continue;
    }
    rows.push(parsed.data);
    lines.push(line);
  }
  if (problems.length > 0) throw new ReferenceFileError(problems.slice(0, 20));
  if (rows.length === 0) throw new ReferenceFileError([{ path: "line 2", message: `the file lists no ${what}` }]);
  return { rows, lines };
}

export function readRegionFile(text: string): { regions: RegionInput[]; lines: number[] } {
  const { rows, lines } = readFile(text, REGION_FILE_COLUMNS, RegionRow, "regions");
  return { regions: rows, lines };
}

export function readVillageStatusFile(text: string): { villages: VillageStatusItem[]; lines: number[] } {
  const { rows, lines } = readFile(text, VILLAGE_STATUS_FILE_COLUMNS, VillageStatusRow, "villages");
  return { villages: rows, lines };
}

/**
 * A write's refusal of a file's rows, each detail renamed from `body.<list>.<i>.<field>` to the
 * row's line and column. A row naming a record that does not exist is a bad line of the file
 * (400), not a missing resource of the URL (404).
 */
export function byLine(refusal: WriteRefusal, lines: readonly number[], offset = 0): WriteRefusal {
  const details = refusal.details.map((d) => {
    const [, , index, ...field] = d.path.split(".");
    const line = lines[offset + Number(index)];
    if (!/^body\.\w+\.\d+/.test(d.path) || line === undefined) return d;
    return { path: field.length > 0 ? `line ${line}, column ${field.join(".")}` : `line ${line}`, message: d.message };
  });
  if (details.every((d, i) => d === refusal.details[i])) return refusal;
  const kind = refusal.kind === "not_found" ? "invalid" : refusal.kind;
  const code = refusal.kind === "not_found" ? "invalid_request" : refusal.code;
  const message = kind === "invalid" ? `Invalid body: ${details[0]!.path} — ${details[0]!.message}` : refusal.message;
  return new WriteRefusal(kind, code, message, details);
}
