import { describe, expect, it } from "vitest";
import { ancestorCode, descendantRange, isRegionCode, isWithin, levelOfCode } from "../../worker/domain/region-codes";

describe("statistical division codes", () => {
  it("tells the level from the trailing zero groups", () => {
    expect(levelOfCode("340000000000")).toBe("province");
    expect(levelOfCode("340200000000")).toBe("city");
    expect(levelOfCode("340223000000")).toBe("county");
    expect(levelOfCode("340223101000")).toBe("township");
    expect(levelOfCode("340223101201")).toBe("village");
  });

  it("gives the code range of a region and everything below it", () => {
    expect(descendantRange("340223000000")).toEqual({ min: "340223000000", max: "340223999999" });
    expect(descendantRange("340223101000")).toEqual({ min: "340223101000", max: "340223101999" });
    expect(descendantRange("340223101201")).toEqual({ min: "340223101201", max: "340223101201" });
  });

  it("finds ancestors and containment", () => {
    expect(ancestorCode("340223101201", "county")).toBe("340223000000");
    expect(ancestorCode("340223101201", "township")).toBe("340223101000");
    expect(isWithin("340223101201", "340200000000")).toBe(true);
    expect(isWithin("340225101201", "340223000000")).toBe(false);
    expect(isWithin("220800000000", "340000000000")).toBe(false);
  });

  it("accepts exactly 12 digits", () => {
    expect(isRegionCode("340223000000")).toBe(true);
    expect(isRegionCode("34022300000")).toBe(false);
    expect(isRegionCode("34022300000a")).toBe(false);
    expect(isRegionCode("3402230000000")).toBe(false);
  });
});
