import { describe, expect, it } from "vitest";
import {
  fromStored,
  isPublishableNumber,
  knownInterval,
  publishedText,
  roundCount,
  toStored,
} from "../../worker/domain/disclosure";

describe("R2 rounding of a published count", () => {
  it("publishes 0 exactly", () => {
    expect(roundCount(0)).toEqual({ value: 0, disclosure: "zero" });
    expect(publishedText(roundCount(0))).toBe("0");
  });

  it("bands every count from 1 to 7: null in JSON, the text 1-7 in CSV", () => {
    for (let n = 1; n <= 7; n++) {
      expect(roundCount(n)).toEqual({ value: null, disclosure: "banded" });
      expect(publishedText(roundCount(n))).toBe("1-7");
    }
  });

  it("rounds 8 and more to the nearest multiple of 5: remainders 0–2 down, 3–4 up (no ties exist)", () => {
    const cases: [number, number][] = [[8, 10], [9, 10], [10, 10], [11, 10], [12, 10], [13, 15], [14, 15], [15, 15], [17, 15], [18, 20], [19, 20], [20, 20], [22, 20], [23, 25], [1002, 1000], [1003, 1005]];
    for (const [n, rounded] of cases) expect(roundCount(n), `count ${n}`).toEqual({ value: rounded, disclosure: "rounded" });
  });

  it("never publishes 5 or any number that is not 0 or a multiple of 5 of at least 10", () => {
    for (let n = 0; n <= 2000; n++) {
      const { value } = roundCount(n);
      if (value !== null) expect(isPublishableNumber(value), `count ${n} → ${value}`).toBe(true);
    }
    expect(isPublishableNumber(5)).toBe(false);
    expect(isPublishableNumber(12)).toBe(false);
    expect(isPublishableNumber(3)).toBe(false);
  });

  it("leaves at least 5 possible true values behind every non-zero published figure", () => {
    for (let n = 1; n <= 500; n++) {
      const interval = knownInterval(roundCount(n));
      expect(interval.lo <= n && n <= interval.hi, `count ${n}`).toBe(true);
      expect(interval.hi - interval.lo + 1).toBeGreaterThanOrEqual(5);
    }
  });

  it("refuses counts that are not whole numbers ≥ 0", () => {
    expect(() => roundCount(-1)).toThrow(RangeError);
    expect(() => roundCount(2.5)).toThrow(RangeError);
  });

  it("round-trips through the storage form, which never holds an unrounded count", () => {
    for (let n = 0; n <= 60; n++) {
      const published = roundCount(n);
      const stored = toStored(published);
      expect(stored === -1 || stored === 0 || (stored >= 10 && stored % 5 === 0)).toBe(true);
      expect(fromStored(stored)).toEqual(published);
    }
    expect(fromStored(toStored({ value: null, disclosure: "withheld" }))).toEqual({ value: null, disclosure: "withheld" });
  });
});
