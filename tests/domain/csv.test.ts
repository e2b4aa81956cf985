import { describe, expect, it } from "vitest";
import { csvCell, csvRow, parseCsv } from "../../worker/domain/csv";

describe("csvCell (RFC 4180 and formula neutralising)", () => {
  it("quotes cells with commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("桃园村")).toBe("桃园村");
  });

  it("neutralises text that a spreadsheet would run as a formula", () => {
    for (const text of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]) expect(csvCell(text).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it("writes numbers as numbers, negative ones included, and empty cells for null", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(true)).toBe("true");
  });

  it("ends rows with CRLF", () => {
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
  });
});

describe("parseCsv", () => {
  it("reads quoted cells with commas, quotes and newlines, and names each row's line", () => {
    const rows = parseCsv('a,b\r\n"x,1","say ""hi"""\r\n"multi\nline",2\n3,4');
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x,1", 'say "hi"'] },
      { line: 3, cells: ["multi\nline", "2"] },
      { line: 5, cells: ["3", "4"] },
    ]);
  });

  it("strips a UTF-8 BOM and skips blank lines", () => {
    expect(parseCsv("\uFEFF户编号,村代码\n\n1,2\n")).toEqual([
      { line: 1, cells: ["户编号", "村代码"] },
      { line: 3, cells: ["1", "2"] },
    ]);
  });

  it("keeps empty cells", () => {
    expect(parseCsv("a,,c\n,,\n")).toEqual([
      { line: 1, cells: ["a", "", "c"] },
      { line: 2, cells: ["", "", ""] },
    ]);
  });

  it("round-trips what csvRow writes", () => {
    const cells = ["x,y", 'q"q', "line\nbreak", "普通"];
    expect(parseCsv(csvRow(cells))[0]!.cells).toEqual(cells);
  });

  it("reports an unclosed quote with its line", () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(/not closed/);
  });
});
