import { describe, expect, it } from "vitest";
import { base32, createPseudonymizer, PSEUDONYM_PATTERN, PseudonymKeyError } from "../../worker/domain/pseudonym";

const KEY = "k".repeat(40);

describe("household pseudonyms (R1)", () => {
  it("are 80-bit HMAC-SHA-256 truncations in base32: 16 characters A–Z 2–7", async () => {
    const pseudonym = await (await createPseudonymizer(KEY))("340223101201-0001");
    expect(pseudonym).toMatch(PSEUDONYM_PATTERN);
    // Independent HMAC with the same key: the first 10 bytes, base32 (RFC 4648).
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(KEY), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode("340223101201-0001")));
    expect(pseudonym).toBe(base32(mac.slice(0, 10)));
  });

  it("is stable for a number and key, and differs with another key (never a plain hash)", async () => {
    const a = await createPseudonymizer(KEY);
    const b = await createPseudonymizer("x".repeat(40));
    expect(await a("N-1")).toBe(await a(" N-1 "));
    expect(await a("N-1")).not.toBe(await a("N-2"));
    expect(await a("N-1")).not.toBe(await b("N-1"));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode("N-1")));
    expect(await a("N-1")).not.toBe(base32(digest.slice(0, 10)));
  });

  it("refuses a missing or short key", async () => {
    await expect(createPseudonymizer(undefined)).rejects.toThrow(PseudonymKeyError);
    await expect(createPseudonymizer("short")).rejects.toThrow(PseudonymKeyError);
  });

  it("encodes base32 per RFC 4648 test vectors", () => {
    const enc = (s: string) => base32(new TextEncoder().encode(s));
    expect(enc("f")).toBe("MY");
    expect(enc("fo")).toBe("MZXQ");
    expect(enc("foobar")).toBe("MZXW6YTBOI");
  });
});
