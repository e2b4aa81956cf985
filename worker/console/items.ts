/**
 * Notice items as a clerk types or pastes them: one household a line, columns separated by
 * tabs (what Excel puts on the clipboard) — name, village group, household size. A first line
 * whose size column is not a number is the header row and is skipped. The items are then
 * checked by the admin API's own schema (CreateNoticeBody) and masked by the write layer on
 * arrival, so the console has no second rule; this only says which line a problem is on.
 */
import { CsvSyntaxError, parseCsv } from "../domain/csv";
import { decodeRegisterFile } from "../domain/register-import/csv-records";
export interface PastedItem {
  name: string;
  village_group: string;
  household_size: number;
}

export function parseItems(text: string): { items: PastedItem[]; lines: number[]; badLines: number[] } {
  const items: PastedItem[] = [];
  const lines: number[] = [];
  const badLines: number[] = [];
  let first = true;
  text.replace(/\r\n?/g, "\n").split("\n").forEach((raw, index) => {
    if (raw.trim() === "") return;
    const cells = raw.split("\t").map((c) => c.trim());
    const size = cells[2] ?? "";
    if (first && cells.length >= 3 && !/^\d+$/.test(size)) {
      first = false;
      return; // the header row Excel copies with the data
    }
    first = false;
    if (cells.length < 3) {
      badLines.push(index + 1);
      return;
    }
    items.push({ name: cells[0]!, village_group: cells[1]!, household_size: /^\d+$/.test(size) ? Number(size) : Number.NaN });
    lines.push(index + 1);
  });
  return { items, lines, badLines };
}

/** A column of an uploaded items file, for messages ("line 4, column 3 (household size)"). */
export type ItemColumn = 1 | 2 | 3;
export interface ItemProblem {
  line: number;
  column: ItemColumn | null;
  kind: "columns" | "empty" | "size" | "syntax";
}

/**
 * Items uploaded as a CSV file, as Excel saves it on a Chinese system (GBK) or elsewhere
 * (UTF-8, with or without BOM): the same three columns as pasted text, a header row skipped.
 * Every problem names its line and column; nothing is half-read.
 */
export function parseItemsCsv(bytes: Uint8Array): { items: PastedItem[]; lines: number[]; problems: ItemProblem[]; encoding: string } {
  const { text, encoding } = decodeRegisterFile(bytes);
  let rows: { line: number; cells: string[] }[];
  try {
    rows = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { items: [], lines: [], problems: [{ line: error.line, column: null, kind: "syntax" }], encoding };
    throw error;
  }
  const items: PastedItem[] = [];
  const lines: number[] = [];
  const problems: ItemProblem[] = [];
  rows.forEach((row, index) => {
    const cells = row.cells.map((c) => c.trim());
    if (cells.every((c) => c === "")) return;
    if (index === 0 && cells.length >= 3 && !/^\d+$/.test(cells[2]!)) return; // the header row
    if (cells.length < 3) return void problems.push({ line: row.line, column: null, kind: "columns" });
    const empty = ([1, 2, 3] as const).find((k) => cells[k - 1] === "");
    if (empty) return void problems.push({ line: row.line, column: empty, kind: "empty" });
    if (!/^\d+$/.test(cells[2]!)) return void problems.push({ line: row.line, column: 3, kind: "size" });
    items.push({ name: cells[0]!, village_group: cells[1]!, household_size: Number(cells[2]) });
    lines.push(row.line);
  });
  return { items, lines, problems, encoding };
}
