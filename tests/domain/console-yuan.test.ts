/** Yuan as clerks type them → exact integer fen; a third decimal is refused, never rounded. */
import { describe, expect, it } from "vitest";
import { parseYuan } from "../../worker/console/funds/yuan";

describe("parseYuan", () => {
  it("converts by digits, with separators, currency marks and full-width digits", () => {
    expect(parseYuan("1234.56")).toEqual({ fen: 123456 });
    expect(parseYuan("1,234.5")).toEqual({ fen: 123450 });
    expect(parseYuan(" ￥3 000 元")).toEqual({ fen: 300000 });
    expect(parseYuan("１２.３４")).toEqual({ fen: 1234 });
    expect(parseYuan("0.29")).toEqual({ fen: 29 }); // 0.29 * 100 is 28.999… in floating point
    expect(parseYuan("100000000000")).toEqual({ fen: 10_000_000_000_000 });
  });

  it("refuses what is not an amount of whole fen", () => {
    expect(parseYuan("1.005")).toEqual({ problem: "decimals" });
    expect(parseYuan("")).toEqual({ problem: "empty" });
    expect(parseYuan("-5")).toEqual({ problem: "format" });
    expect(parseYuan("1e3")).toEqual({ problem: "format" });
    expect(parseYuan("0")).toEqual({ problem: "zero" });
    expect(parseYuan("0", { allowZero: true })).toEqual({ fen: 0 });
    expect(parseYuan("100000000000.01")).toEqual({ problem: "too_large" });
    expect(parseYuan("9999999999999")).toEqual({ problem: "too_large" });
  });
});
