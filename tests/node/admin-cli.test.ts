import { describe, expect, it } from "vitest";
import { parseAdminArgs, progressBar, UsageError } from "../../scripts/admin/args";
import { readRegionFile, ReferenceFileError } from "../../worker/writes/reference-files";
import { decodeRegisterFile } from "../../worker/domain/register-import/csv-records";

describe("npm run admin -- … (argument parsing)", () => {
  it("parses token create with role, region, label and --remote", () => {
    expect(parseAdminArgs(["token", "create", "--role", "editor", "--region", "340223000000", "--label", "Nanling office", "--remote"])).toEqual({
      command: "token create", role: "editor", region: "340223000000", label: "Nanling office", remote: true,
    });
  });

  it("refuses an unknown role, a malformed region and a missing region", () => {
    expect(() => parseAdminArgs(["token", "create", "--role", "root", "--region", "340223000000"])).toThrow(/--role must be one of viewer, editor, admin/);
    expect(() => parseAdminArgs(["token", "create", "--role", "admin", "--region", "3402"])).toThrow(/12-digit/);
    expect(() => parseAdminArgs(["token", "create", "--role", "admin"])).toThrow(UsageError);
  });

  it("parses create-first-admin: name and region required, URL from the flag, the environment or localhost", () => {
    expect(parseAdminArgs(["create-first-admin", "--name", "李明", "--region", "340200000000"])).toEqual({
      command: "create-first-admin", name: "李明", region: "340200000000", url: "http://localhost:8787", remote: false,
    });
    expect(parseAdminArgs(["create-first-admin", "--name", "Li", "--region", "340200000000", "--remote"], { GONGKAI_URL: "https://g.example.org/" })).toMatchObject({ url: "https://g.example.org", remote: true });
    expect(() => parseAdminArgs(["create-first-admin", "--region", "340200000000"])).toThrow(/--name/);
    expect(() => parseAdminArgs(["create-first-admin", "--name", "Li"])).toThrow(/--region/);
    expect(() => parseAdminArgs(["create-first-admin", "--name", "Li", "--region", "340200000000", "--url", "https://x.org/admin"])).toThrow(/origin/);
  });

  it("parses import regions (a file, local only) and reads a division-code list, naming bad lines", () => {
    expect(parseAdminArgs(["import", "regions", "codes.csv"])).toEqual({ command: "import regions", file: "codes.csv" });
    expect(() => parseAdminArgs(["import", "regions"])).toThrow(/CSV file/);
    expect(() => parseAdminArgs(["import", "regions", "codes.csv", "--remote"])).toThrow(/local/);
    const file = "\uFEFFcode,parent_code,level,name_zh,name_en\r\n340000000000,,province,安徽省,Anhui Province\r\n\r\n340200000000,340000000000,city,芜湖市,\"Wuhu City\"\r\n";
    expect(readRegionFile(file)).toEqual({
      regions: [
        { code: "340000000000", parent_code: null, level: "province", name_zh: "安徽省", name_en: "Anhui Province" },
        { code: "340200000000", parent_code: "340000000000", level: "city", name_zh: "芜湖市", name_en: "Wuhu City" },
      ],
      lines: [2, 4],
    });
    expect(() => readRegionFile("code,parent,level,name_zh,name_en\n")).toThrow(/line 1: the header/);
    expect(() => readRegionFile("code,parent_code,level,name_zh,name_en\n340000000000,,state,安徽省,Anhui\n")).toThrow(/line 2, column level: must be one of/);
    expect(() => readRegionFile("code,parent_code,level,name_zh,name_en\n340000000000,,province,安徽省\n")).toThrow(/line 2: expected 5 cells/);
    expect(() => readRegionFile("code,parent_code,level,name_zh,name_en\n")).toThrow(ReferenceFileError);
  });

  it("parses token list and token revoke (with a token id)", () => {
    expect(parseAdminArgs(["token", "list"])).toEqual({ command: "token list", remote: false });
    expect(parseAdminArgs(["token", "revoke", "tok_M63S1HQCNHQ8M"])).toEqual({ command: "token revoke", id: "tok_M63S1HQCNHQ8M", remote: false });
    expect(() => parseAdminArgs(["token", "revoke", "M63S1"])).toThrow(/tok_/);
  });

  it("parses a local import (region required) and a remote one (URL and token from flags or environment)", () => {
    expect(parseAdminArgs(["import", "households", "f.csv", "--year", "2017", "--region", "340200000000", "--dry-run"])).toEqual({
      command: "import households", file: "f.csv", year: 2017, region: "340200000000", dryRun: true, remote: false, url: undefined, token: undefined,
    });
    expect(() => parseAdminArgs(["import", "households", "f.csv", "--year", "2017"])).toThrow(/--region/);
    expect(parseAdminArgs(["import", "households", "f.csv", "--year", "2017", "--remote"], { GONGKAI_URL: "https://g.example.org", GONGKAI_TOKEN: "gk_x" })).toMatchObject({
      remote: true, url: "https://g.example.org", token: "gk_x", region: undefined,
    });
    expect(() => parseAdminArgs(["import", "households", "f.csv", "--year", "2017", "--remote"])).toThrow(/--url/);
    expect(() => parseAdminArgs(["import", "households", "f.csv", "--year", "17", "--region", "340200000000"])).toThrow(/--year/);
  });

  it("refuses unknown commands and flags, and shows help", () => {
    expect(() => parseAdminArgs(["token", "delete"])).toThrow(UsageError);
    expect(() => parseAdminArgs(["token", "list", "--force"])).toThrow();
    expect(parseAdminArgs([])).toEqual({ command: "help" });
  });
});

describe("progressBar", () => {
  it("draws the share done with counts", () => {
    expect(progressBar(5_000, 20_000, 20)).toBe("[#####---------------]  25%  5,000 / 20,000 rows");
    expect(progressBar(0, 0, 4)).toBe("[####] 100%  0 / 0 rows");
  });
});

describe("encoding detection of register files", () => {
  it("reads GB18030/GBK (what Excel saves for Chinese text) when the bytes are not UTF-8", () => {
    // "户编号,因病\n" in GB18030
    const gbk = new Uint8Array([187, 167, 177, 224, 186, 197, 44, 210, 242, 178, 161, 10]);
    expect(decodeRegisterFile(gbk)).toEqual({ text: "户编号,因病\n", encoding: "gb18030" });
  });

  it("keeps UTF-8 as it is, with or without a BOM", () => {
    const utf8 = new TextEncoder().encode("户编号,因病\n");
    expect(decodeRegisterFile(utf8).encoding).toBe("utf-8");
    expect(decodeRegisterFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: "户编号,因病\n", encoding: "utf-8" });
  });
});
