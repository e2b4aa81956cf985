import { describe, expect, it } from "vitest";
import { utf8 } from "../../worker/lib/listing";

describe("utf8 (a JSON page's bytes through a kept buffer)", () => {
  it("gives exactly TextEncoder's bytes, copied out at their length, whatever came before", () => {
    const encoder = new TextEncoder();
    const texts = [
      JSON.stringify({ name_zh: "西庄村", name_en: "Xizhuang Village", emoji: "𠀀😀", lone: "\ud800x" }),
      "短",
      "",
      "村".repeat(40_000), // grows the buffer past its first size
      "a",
    ];
    for (const text of texts) {
      const bytes = utf8(text);
      expect(Array.from(bytes)).toEqual(Array.from(encoder.encode(text)));
      expect(bytes.byteLength).toBe(bytes.buffer.byteLength); // its own buffer, not a view of the kept one
    }
    const first = utf8("first");
    utf8("second, longer text");
    expect(new TextDecoder().decode(first)).toBe("first");
  });
});
