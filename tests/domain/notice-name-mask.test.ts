import { describe, expect, it } from "vitest";
import { isMaskedName, maskName } from "../../worker/domain/name-mask";

describe("maskName", () => {
  it("keeps the surname and puts one * for every other character", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("李小龙")).toBe("李**");
    expect(maskName("王")).toBe("王");
  });

  it("keeps both characters of a compound surname when a given name follows", () => {
    expect(maskName("欧阳修")).toBe("欧阳*");
    expect(maskName("司马相如")).toBe("司马**");
    expect(maskName("诸葛亮")).toBe("诸葛*");
    // Two characters only: 欧 is the surname and 阳 the given name.
    expect(maskName("欧阳")).toBe("欧*");
  });

  it("counts characters outside the BMP once and ignores separators in transliterated names", () => {
    expect(maskName("𠮷野家")).toBe("𠮷**");
    expect(maskName("买买提·艾力")).toBe("买****");
    expect(maskName(" 张 三 ")).toBe("张*");
  });

  it("refuses an empty name and recognises masked names", () => {
    expect(() => maskName("  ")).toThrow(RangeError);
    expect(isMaskedName("张**")).toBe(true);
    expect(isMaskedName("欧阳*")).toBe(true);
    expect(isMaskedName("张三")).toBe(false);
  });
});
