/** Identifiers and secrets from the platform's CSPRNG (crypto.getRandomValues). */
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Crockford base32 (no I, L, O, U: easy to read aloud and copy by hand). */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** A prefixed public id such as `prj_7K3M9Q2X4T8B` (60 random bits: unguessable enough to list, not a secret). */
export function publicId(prefix: string, bytes = 8): string {
  return `${prefix}_${base32(randomBytes(bytes)).slice(0, Math.ceil((bytes * 8) / 5))}`;
}

export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  // A copy: WebCrypto wants an ArrayBuffer-backed view (not a SharedArrayBuffer one).
  const data = typeof input === "string" ? new TextEncoder().encode(input) : new Uint8Array(input);
  const digest = await crypto.subtle.digest("SHA-256", data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
