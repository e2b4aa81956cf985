import { describe, expect, it } from "vitest";
import { newReceipt, normalizeReceipt, RECEIPT_BITS, receiptHash } from "../../worker/domain/receipts";

describe("receipts", () => {
  it("carry at least 100 random bits, in six groups of four Crockford base32 characters", () => {
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(100);
    const receipt = newReceipt();
    expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    // 24 characters × 5 bits = 120 bits.
    expect(receipt.replaceAll("-", "")).toHaveLength(24);
  });

  it("are different every time and use the whole alphabet", () => {
    const many = Array.from({ length: 500 }, newReceipt);
    expect(new Set(many).size).toBe(500);
    const chars = new Set(many.join("").replaceAll("-", ""));
    expect(chars.size).toBe(32);
  });

  it("read back as a person may type them: lower case, no dashes, O for 0 and I or L for 1", () => {
    expect(normalizeReceipt("7k3d w9qx-m2ht-a8rf-0c5n-jb4e")).toBe("7K3DW9QXM2HTA8RF0C5NJB4E");
    expect(normalizeReceipt("7K3D-W9QX-M2HT-A8RF-OC5N-JB4E")).toBe("7K3DW9QXM2HTA8RF0C5NJB4E");
    expect(normalizeReceipt("IIII-LLLL-1111-0000-0000-0000")).toBe("111111111111000000000000");
    expect(normalizeReceipt("7K3D-W9QX")).toBeNull();
    expect(normalizeReceipt("7K3D-W9QX-M2HT-A8RF-0C5N-JB4U")).toBeNull();
    expect(normalizeReceipt("x".repeat(100))).toBeNull();
  });

  it("are stored as a SHA-256 hash that does not contain the receipt", async () => {
    const receipt = newReceipt();
    const hash = await receiptHash(receipt);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await receiptHash(receipt.toLowerCase().replaceAll("-", ""))).toBe(hash);
    expect(hash).not.toContain(receipt.replaceAll("-", "").toLowerCase());
    expect(await receiptHash("not a receipt")).toBeNull();
  });
});
