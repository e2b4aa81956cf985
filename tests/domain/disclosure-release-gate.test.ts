import { describe, expect, it } from "vitest";
import { checkRelease, type PublishedOutput } from "../../worker/domain/disclosure";
import { withCheckCharacter } from "../../worker/domain/id-number";

const HEADER = "kind,year,level,region_code,breakdown,category,registered_households,registered_people\r\n";
const csv = (body: string): PublishedOutput => ({ source: "/test.csv", format: "csv", body: HEADER + body });
const figure = (value: number | null, disclosure: string) => ({ value, banded: disclosure === "banded", disclosure });

describe("checkRelease (the release gate's disclosure check)", () => {
  it("passes clean output: 0, 1-7, multiples of 5 from 10, withheld", () => {
    const output = csv("register-derived,2017,village,340223101201,none,total,1-7,10\r\nregister-derived,2017,township,340223101000,none,total,0,withheld\r\n");
    expect(checkRelease([output])).toEqual([]);
  });

  it("fails an exact count of 1–7, a 5, and a number off the grid of 5 (R2)", () => {
    const output = csv("register-derived,2017,village,340223101201,none,total,3,5\r\nregister-derived,2017,village,340223101202,none,total,12,35\r\n");
    const violations = checkRelease([output]);
    expect(violations.map((v) => [v.rule, v.where])).toEqual([
      ["R2", "line 2, registered_households"],
      ["R2", "line 2, registered_people"],
      ["R2", "line 3, registered_households"],
    ]);
  });

  it("fails a JSON figure with a number under 8 or a null that is neither banded nor withheld", () => {
    const body = JSON.stringify({ data: [{ kind: "register-derived", year: 2017, level: "county", region: { code: "340223000000" }, breakdown: "none", category: "total", figures: { registered_households: figure(4, "rounded"), registered_people: figure(null, "rounded") } }] });
    expect(checkRelease([{ source: "/x", format: "json", body }]).map((v) => v.rule)).toEqual(["R2", "R2"]);
  });

  it("fails a small village broken down (R3), judged from its published total or from the true count", () => {
    const output = csv(
      "register-derived,2017,village,340223101201,none,total,1-7,10\r\nregister-derived,2017,village,340223101201,cause,other,1-7,10\r\n" +
        "register-derived,2017,village,340223101204,none,total,20,50\r\nregister-derived,2017,village,340223101204,cause,other,20,50\r\n",
    );
    expect(checkRelease([output]).map((v) => [v.rule, v.where])).toEqual([["R3", "line 3"]]);
    const withTruth = checkRelease([output], { villageHouseholds: new Map([["340223101204:2017", 19]]) });
    expect(withTruth.map((v) => [v.rule, v.where])).toEqual([["R3", "line 3"], ["R3", "line 5"]]);
  });

  it("fails a health cause or the health measure below township level (R4)", () => {
    const output = csv(
      "register-derived,2017,village,340223101205,none,total,20,50\r\nregister-derived,2017,village,340223101205,cause,illness,10,20\r\n" +
        "register-derived,2017,village,340223101205,measure,health,10,20\r\nregister-derived,2017,township,340223101000,cause,illness,10,20\r\n",
    );
    expect(checkRelease([output]).map((v) => [v.rule, v.where])).toEqual([["R4", "line 3"], ["R4", "line 4"]]);
  });

  it("fails any planted identifier, household pseudonym or well-formed ID number anywhere (R1)", () => {
    const id = withCheckCharacter("34022319700101777");
    const outputs: PublishedOutput[] = [
      { source: "/a", format: "json", body: JSON.stringify({ data: [{ note: `金丝雀 ${id}` }] }) },
      { source: "/b", format: "csv", body: "code,name\r\n1,ABCDEFGHIJKLMNOP\r\n" },
    ];
    const violations = checkRelease(outputs, { forbidden: ["金丝雀"], pseudonyms: new Set(["ABCDEFGHIJKLMNOP"]) });
    expect(violations.map((v) => [v.rule, v.source])).toEqual([["R1", "/a"], ["R1", "/a"], ["R1", "/b"]]);
    expect(JSON.stringify(violations)).not.toContain(id);
    expect(JSON.stringify(violations)).not.toContain("金丝雀");
  });

  it("does not mistake a region code or a malformed 18-digit number for an ID number", () => {
    expect(checkRelease([{ source: "/c", format: "json", body: '{"code":"340223101201","n":"340223197001017770"}' }])).toEqual([]);
  });
});
