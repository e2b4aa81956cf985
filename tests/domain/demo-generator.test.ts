import { describe, expect, it } from "vitest";
import { createRandom } from "../../worker/demo/random";
import { demoRegions } from "../../worker/demo/regions";

describe("the demo generator", () => {
  it("is deterministic: the same seed gives the same data", () => {
    expect(demoRegions(createRandom(7))).toEqual(demoRegions(createRandom(7)));
    expect(demoRegions(createRandom(7))).not.toEqual(demoRegions(createRandom(8)));
  });

  it("makes 71 poor villages designated in 2014: 34 exited in 2016 and 37 in 2017", () => {
    for (const seed of [1, 2, 3]) {
      const { villages } = demoRegions(createRandom(seed));
      const poor = villages.filter((v) => v.designatedYear === 2014);
      expect(poor).toHaveLength(71);
      expect(poor.filter((v) => v.exitYear === 2016)).toHaveLength(34);
      expect(poor.filter((v) => v.exitYear === 2017)).toHaveLength(37);
    }
  });

  it("marks every synthetic township and village as demo data, and gives each a parent", () => {
    const { regions } = demoRegions(createRandom(1));
    const codes = new Set(regions.map((r) => r.code));
    for (const region of regions) {
      if (region.level === "township" || region.level === "village") expect(region.isDemo).toBe(true);
      if (region.parentCode) expect(codes.has(region.parentCode)).toBe(true);
    }
    expect(codes.size).toBe(regions.length);
  });
});
