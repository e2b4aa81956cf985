/**
 * R1 household pseudonyms: HMAC-SHA-256 keyed with a secret that lives only in the
 * Worker's secrets (PSEUDONYM_KEY), over the household's register number, truncated to
 * 80 bits and base32-encoded (RFC 4648 alphabet, no padding: 16 characters). Never a
 * plain hash: register numbers come from a small, searchable space. The same key and
 * number give the same pseudonym, so a household can be followed across releases
 * without its number ever being stored.
 */
export const PSEUDONYM_BITS = 80;
export const PSEUDONYM_LENGTH = PSEUDONYM_BITS / 5;
/** Shortest accepted secret: a key must carry at least 128 bits of entropy in practice. */
export const MIN_KEY_LENGTH = 32;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

export class PseudonymKeyError extends Error {
  constructor() {
    super(`PSEUDONYM_KEY is missing or shorter than ${MIN_KEY_LENGTH} characters; set it with \`wrangler secret put PSEUDONYM_KEY\` (npm start writes a development key to .dev.vars)`);
    this.name = "PseudonymKeyError";
  }
}

/** Imports the key once; the returned function maps a register number to its pseudonym. */
export async function createPseudonymizer(secret: string | undefined): Promise<(registerNo: string) => Promise<string>> {
  if (!secret || secret.length < MIN_KEY_LENGTH) throw new PseudonymKeyError();
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const encoder = new TextEncoder();
  return async (registerNo) => {
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(registerNo.trim())));
    return base32(mac.subarray(0, PSEUDONYM_BITS / 8));
  };
}

export const PSEUDONYM_PATTERN = /^[A-Z2-7]{16}$/;
