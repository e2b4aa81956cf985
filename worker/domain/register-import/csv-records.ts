/**
 * RFC 4180 records, one at a time. Unlike parseCsv (worker/domain/csv.ts), which builds
 * every row at once, this yields each record and keeps nothing, so a register file of a
 * whole county is read in bounded memory and each row's identifiers can be dropped as
 * soon as that row is read.
 */
import { CsvSyntaxError } from "../csv";

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  cells: string[];
}

/** `firstLine`: the line `text` starts on (a chunk of a larger file, cut between records). */
export function* csvRecords(text: string, firstLine = 1): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = firstLine;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let cell = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(start, "a quoted cell is not closed");
          const next = text.indexOf('"', i);
          if (next < 0) throw new CsvSyntaxError(start, "a quoted cell is not closed");
          const chunk = text.slice(i, next);
          for (let k = chunk.indexOf("\n"); k >= 0; k = chunk.indexOf("\n", k + 1)) line++;
          cell += chunk;
          i = next + 1;
          if (text[i] === '"') {
            cell += '"';
            i++;
          } else break;
        }
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        while (i < n && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") cell += text[i++];
      } else {
        let j = i;
        while (j < n) {
          const ch = text.charCodeAt(j);
          if (ch === 44 || ch === 13 || ch === 10) break;
          j++;
        }
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (i >= n) endOfRecord = true;
      else if (text[i] === ",") i++;
      else {
        if (text[i] === "\r" && text[i + 1] === "\n") i++;
        i++;
        line++;
        endOfRecord = true;
      }
    }
    // Blank lines (a single empty cell) are not records.
    if (cells.length > 1 || cells[0] !== "") yield { line: start, cells };
  }
}

/**
 * Decodes a register file: UTF-8 with or without BOM, otherwise GB18030 (a superset of
 * GBK, which is what Excel on a Chinese system saves as "CSV").
 */
export function decodeRegisterFile(bytes: Uint8Array): { text: string; encoding: "utf-8" | "gb18030" } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}
