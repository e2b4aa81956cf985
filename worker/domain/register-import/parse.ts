/**
 * Reads and checks a household register file, row by row. Identifiers (R1) are dropped
 * here, as each row is read: the name is never looked at and the ID number only checked
 * for its form; neither enters the returned records, and no error message ever quotes a
 * cell (a shifted column could put a name or ID number anywhere).
 */
import type { Cause, Measure, Monitoring } from "../disclosure/categories";
import { isWellFormedIdNumber } from "../id-number";
import { isRegionCode, levelOfCode } from "../region-codes";
import { CAUSE_NAMES, columnOfHeader, COLUMNS, MEASURE_NAMES, MEASURE_SEPARATORS, MONITORING_NAMES, type ColumnKey } from "./columns";
import { csvRecords } from "./csv-records";
import { CsvSyntaxError } from "../csv";

/** A household as read from the file: no name, no ID number. The register number is kept only until it is pseudonymised. */
export interface ParsedHousehold {
  line: number;
  registerNo: string;
  villageCode: string;
  householdSize: number;
  cause: Cause;
  measures: Measure[];
  identifiedYear: number;
  exitYear: number | null;
  returnedYear: number | null;
  monitoring: Monitoring;
}

export interface ImportProblem {
  /** "line 12, column cause" or "line 1" */
  path: string;
  message: string;
}

export interface ParsedRegister {
  households: ParsedHousehold[];
  problems: ImportProblem[];
  /** Header cells that are not register columns; ignored (never read). */
  ignoredColumns: string[];
  /** Data rows read (valid or not). */
  rows: number;
}

export const MAX_HOUSEHOLD_SIZE = 50;
export const MAX_REGISTER_NO_LENGTH = 64;
const MIN_YEAR = 1980;

/** Where each register column is in the file (read from its header row). */
export interface RegisterHeader {
  position: [ColumnKey, number][];
  ignoredColumns: string[];
}

export interface RegisterChunk {
  /** The header: read from this chunk's first record when none was given. */
  header: RegisterHeader | undefined;
  households: ParsedHousehold[];
  problems: ImportProblem[];
  rows: number;
}

/**
 * Reads part of a register file cut between records (the whole file is one part): the
 * header from its first record unless `header` is given (a later chunk of the same file).
 * Duplicates are found among the register numbers in `seen` (number → first line), which
 * this adds to; a caller reading in chunks checks across chunks itself.
 */
export function parseRegisterChunk(
  text: string,
  options: { releaseYear: number; firstLine?: number; header?: RegisterHeader; seen?: Map<string, number> },
): RegisterChunk {
  const households: ParsedHousehold[] = [];
  const problems: ImportProblem[] = [];
  const seen = options.seen ?? new Map<string, number>();
  let header = options.header;
  const position = new Map<ColumnKey, number>(header?.position);
  let rows = 0;

  try {
    for (const record of csvRecords(text, options.firstLine)) {
      if (!header) {
        const ignoredColumns: string[] = [];
        record.cells.map(columnOfHeader).forEach((key, i) => {
          if (key === undefined) ignoredColumns.push(record.cells[i]!.trim());
          else if (position.has(key)) problems.push({ path: `line ${record.line}, column ${key}`, message: "appears twice in the header" });
          else position.set(key, i);
        });
        for (const column of COLUMNS) {
          if (column.required && !position.has(column.key)) {
            problems.push({ path: `line ${record.line}, column ${column.key}`, message: `missing from the header (write ${column.key} or ${column.zh})` });
          }
        }
        header = { position: [...position], ignoredColumns };
        if (problems.length > 0) break;
        continue;
      }
      rows++;
      const registerNo = (record.cells[position.get("register_no")!] ?? "").trim();
      const earlier = registerNo === "" ? undefined : seen.get(registerNo);
      if (earlier !== undefined) {
        problems.push({ path: `line ${record.line}, column register_no`, message: `duplicate register number (first on line ${earlier})` });
        continue;
      }
      if (registerNo !== "") seen.set(registerNo, record.line);
      const household = readRow(record.line, record.cells, position, options.releaseYear, problems);
      if (household) households.push(household);
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    problems.push({ path: `line ${error.line}`, message: error.message });
  }
  return { header, households, problems, rows };
}

/** The problem of a file with no header, or a header and no households (null: neither). */
export function emptyFileProblem(header: RegisterHeader | undefined, rows: number, problems: number): ImportProblem | null {
  if (!header) return { path: "line 1", message: "the file is empty (expected a header row and one row per household)" };
  if (rows === 0 && problems === 0) return { path: "line 2", message: "the file has a header but no households" };
  return null;
}

export function parseRegister(text: string, releaseYear: number): ParsedRegister {
  const chunk = parseRegisterChunk(text, { releaseYear });
  const empty = emptyFileProblem(chunk.header, chunk.rows, chunk.problems.length);
  return { households: chunk.households, problems: empty ? [...chunk.problems, empty] : chunk.problems, ignoredColumns: chunk.header?.ignoredColumns ?? [], rows: chunk.rows };
}

function readRow(line: number, cells: string[], position: Map<ColumnKey, number>, releaseYear: number, problems: ImportProblem[]): ParsedHousehold | undefined {
  const before = problems.length;
  const cell = (key: ColumnKey) => {
    const i = position.get(key);
    return i === undefined ? "" : (cells[i] ?? "").trim();
  };
  const problem = (key: ColumnKey, message: string) => problems.push({ path: `line ${line}, column ${key}`, message });

  // R1: the name column is never read; the ID number is checked for its form and dropped.
  const idNumber = cell("id_number");
  if (idNumber !== "" && !isWellFormedIdNumber(idNumber)) problem("id_number", "malformed (expected 18 characters with a valid check character)");

  const registerNo = cell("register_no");
  if (registerNo === "") problem("register_no", "is empty");
  else if (registerNo.length > MAX_REGISTER_NO_LENGTH) problem("register_no", `is longer than ${MAX_REGISTER_NO_LENGTH} characters`);

  const villageCode = cell("village_code");
  if (!isRegionCode(villageCode)) problem("village_code", "malformed (expected a 12-digit village code)");
  else if (levelOfCode(villageCode) !== "village") problem("village_code", "is not a village code (its last three digits are 000)");

  const householdSize = wholeNumber(cell("household_size"));
  if (householdSize === undefined) problem("household_size", "malformed (expected a whole number of people)");
  else if (householdSize < 1 || householdSize > MAX_HOUSEHOLD_SIZE) problem("household_size", `must be between 1 and ${MAX_HOUSEHOLD_SIZE}`);

  const cause = CAUSE_NAMES.get(cell("cause").toLowerCase()) ?? CAUSE_NAMES.get(cell("cause"));
  if (cause === undefined) problem("cause", cell("cause") === "" ? "is empty" : "unknown cause (see the list of 12 causes in the docs)");

  const measures: Measure[] = [];
  for (const part of cell("measures").split(MEASURE_SEPARATORS)) {
    const name = part.trim();
    if (name === "") continue;
    const measure = MEASURE_NAMES.get(name.toLowerCase()) ?? MEASURE_NAMES.get(name);
    if (measure === undefined) {
      problem("measures", "unknown measure (see the list of 10 measures in the docs)");
      break;
    }
    if (!measures.includes(measure)) measures.push(measure);
  }

  const identifiedYear = year(cell("identified_year"), "identified_year", true, problem);
  const exitYear = year(cell("exit_year"), "exit_year", false, problem);
  const returnedYear = year(cell("returned_year"), "returned_year", false, problem);
  if (identifiedYear !== undefined && identifiedYear !== null && identifiedYear > releaseYear) problem("identified_year", `is after the release year ${releaseYear}`);
  if (exitYear !== undefined && exitYear !== null) {
    if (identifiedYear && exitYear < identifiedYear) problem("exit_year", "is before identification (identified_year)");
    if (exitYear > releaseYear) problem("exit_year", `is after the release year ${releaseYear}`);
  }
  if (returnedYear !== undefined && returnedYear !== null) {
    if (exitYear === null) problem("returned_year", "is given but the household never exited (exit_year is empty)");
    else if (exitYear !== undefined && returnedYear < exitYear) problem("returned_year", "is before the exit (exit_year)");
    if (returnedYear > releaseYear) problem("returned_year", `is after the release year ${releaseYear}`);
  }

  const monitoringText = cell("monitoring");
  const monitoring = MONITORING_NAMES.get(monitoringText.toLowerCase()) ?? MONITORING_NAMES.get(monitoringText);
  if (monitoring === undefined) problem("monitoring", "must be none, edge or monitored (无, 边缘户, 监测户)");

  if (problems.length > before) return undefined;
  return {
    line,
    registerNo,
    villageCode,
    householdSize: householdSize!,
    cause: cause!,
    measures,
    identifiedYear: identifiedYear!,
    exitYear: exitYear ?? null,
    returnedYear: returnedYear ?? null,
    monitoring: monitoring!,
  };
}

function wholeNumber(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

/** A year cell: null when empty (and allowed), undefined when invalid (a problem is recorded). */
function year(text: string, key: ColumnKey, required: boolean, problem: (key: ColumnKey, message: string) => void): number | null | undefined {
  if (text === "") {
    if (required) {
      problem(key, "is empty");
      return undefined;
    }
    return null;
  }
  const value = wholeNumber(text);
  if (value === undefined || value < MIN_YEAR || value > 2100) {
    problem(key, `malformed (expected a year from ${MIN_YEAR})`);
    return undefined;
  }
  return value;
}
