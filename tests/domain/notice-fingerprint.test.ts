import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../../worker/domain/canonical-json";
import { noticeFingerprint, publishedDocument, type PublishedNotice } from "../../worker/domain/notice-fingerprint";

const notice: PublishedNotice = {
  id: "ntc_test",
  type: "household_identification",
  regionCode: "340223101201",
  titleZh: "贫困户识别公示",
  titleEn: null,
  bodyZh: "<script>alert(1)</script>",
  bodyEn: null,
  issuer: "某村村民委员会",
  publishedAt: "2026-11-20T01:00:00.000Z",
  period: { start: "2026-11-20", end: "2026-11-26" },
  supersedesId: null,
};
const items = [
  { itemNo: 2, maskedName: "李**", villageGroup: "3组", householdSize: 4, decision: "identified" as const },
  { itemNo: 1, maskedName: "张*", villageGroup: "1组", householdSize: 2, decision: "identified" as const },
];

describe("canonical JSON and notice fingerprints", () => {
  it("sorts keys and drops whitespace, whatever the insertion order", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "x"], c: { z: "中", y: 2 } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":2,"z":"中"}}');
    expect(() => canonicalJson(1.5)).toThrow(RangeError);
  });

  it("hashes with SHA-256 (known vector)", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("is the SHA-256 of the canonical published document, items in item order", async () => {
    const doc = publishedDocument(notice, items) as any;
    expect(doc.items.map((i: any) => i.item_no)).toEqual([1, 2]);
    expect(await noticeFingerprint(notice, items)).toBe(await sha256Hex(canonicalJson(doc)));
    expect(await noticeFingerprint(notice, [...items].reverse())).toBe(await noticeFingerprint(notice, items));
  });

  it("changes when any published character changes", async () => {
    const base = await noticeFingerprint(notice, items);
    expect(await noticeFingerprint({ ...notice, titleZh: "贫困户识别公示 " }, items)).not.toBe(base);
    expect(await noticeFingerprint(notice, [{ ...items[0]!, householdSize: 5 }, items[1]!])).not.toBe(base);
    expect(await noticeFingerprint({ ...notice, period: { start: "2026-11-20", end: "2026-11-27" } }, items)).not.toBe(base);
  });
});
