import { describe, expect, it } from "vitest";
import sample from "../../docs/samples/households-sample.csv?raw";
import sampleZh from "../../docs/samples/households-sample-zh.csv?raw";
import { csvRecords, decodeRegisterFile, parseRegister } from "../../worker/domain/register-import";

describe("parseRegister", () => {
  it("reads the English and the Chinese sample to the same households", () => {
    const en = parseRegister(sample, 2018);
    const zh = parseRegister(sampleZh, 2018);
    expect(en.problems).toEqual([]);
    expect(zh.problems).toEqual([]);
    expect(zh.households).toEqual(en.households);
    expect(en.households[0]).toEqual({
      line: 2, registerNo: "NL-102201-0001", villageCode: "340223102201", householdSize: 3, cause: "illness",
      measures: ["health", "industry"], identifiedYear: 2014, exitYear: 2016, returnedYear: null, monitoring: "none",
    });
    expect(en.households[3]).toMatchObject({ measures: ["education", "microcredit"], returnedYear: 2018, monitoring: "edge" });
  });

  it("drops names and ID numbers while reading: no record holds them", () => {
    const text = JSON.stringify(parseRegister(sample, 2018));
    for (const identifier of ["张三", "李四", "340223196503120014", "name", "id_number"]) expect(text).not.toContain(identifier);
  });

  it("ignores (and names) columns that are not register columns, without reading them", () => {
    const parsed = parseRegister(sample.replace("monitoring\r\n", "monitoring,联系电话\r\n").replace(",none\r\n", ",none,13800000000\r\n"), 2018);
    expect(parsed.ignoredColumns).toEqual(["联系电话"]);
    expect(JSON.stringify(parsed)).not.toContain("13800000000");
  });

  it("refuses years after the release year and a return before the exit", () => {
    const rows = "register_no,village_code,household_size,cause,identified_year,exit_year,returned_year\nA,340223102201,2,other,2019,,\nB,340223102201,2,other,2014,2016,2015\n";
    expect(parseRegister(rows, 2018).problems).toEqual([
      { path: "line 2, column identified_year", message: "is after the release year 2018" },
      { path: "line 3, column returned_year", message: "is before the exit (exit_year)" },
    ]);
  });

  it("reports an unclosed quote and an empty file by line", () => {
    expect(parseRegister('register_no,village_code,household_size,cause,identified_year\n"A,340223102201\n', 2018).problems[0]).toEqual({ path: "line 2", message: "a quoted cell is not closed" });
    expect(parseRegister("", 2018).problems[0]!.path).toBe("line 1");
  });
});

describe("csvRecords", () => {
  it("streams RFC 4180 records with their starting line, quotes and CRLF included", () => {
    const records = [...csvRecords('\uFEFFa,b\r\n"x, ""y""","multi\nline"\r\n\r\nlast,\n')];
    expect(records).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ['x, "y"', "multi\nline"] },
      { line: 5, cells: ["last", ""] },
    ]);
  });
});

describe("decodeRegisterFile", () => {
  it("reads UTF-8 with and without a BOM", () => {
    const utf8 = new TextEncoder().encode("户编号\n");
    expect(decodeRegisterFile(utf8)).toEqual({ text: "户编号\n", encoding: "utf-8" });
    expect(decodeRegisterFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: "户编号\n", encoding: "utf-8" });
  });
});
