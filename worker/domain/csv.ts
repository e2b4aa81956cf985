/**
 * CSV encoding per RFC 4180 (CRLF rows, quotes doubled), with cells that a spreadsheet
 * would read as a formula neutralised (OWASP "CSV injection"): a text cell starting with
 * = + - @, tab or carriage return gets a leading apostrophe. Numbers are written as numbers.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** UTF-8 byte order mark: lets Excel open Chinese text in a CSV correctly. */
export const UTF8_BOM = "\uFEFF";

/**
 * Parses RFC 4180 CSV text into rows of cells, keeping each row's 1-based line number
 * (the line it starts on) so validation errors can name it. Strips a leading BOM.
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const input = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let inQuotes = false;
  let line = 1;
  let rowStart = 1;
  let sawAny = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") {
      inQuotes = true;
      sawAny = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
      sawAny = true;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      cells.push(cell);
      if (sawAny || cells.length > 1 || cell !== "") rows.push({ line: rowStart, cells });
      cells = [];
      cell = "";
      sawAny = false;
      line++;
      rowStart = line;
    } else {
      cell += ch;
      sawAny = true;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(rowStart, "a quoted cell is not closed");
  if (sawAny || cell !== "") {
    cells.push(cell);
    rows.push({ line: rowStart, cells });
  }
  return rows;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}
