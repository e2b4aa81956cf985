/**
 * Prefixed random ids (`prj_…`, `don_…`): generated in code so a write's response is
 * known before its batch runs, and unguessable so a donation's public receipt id does not
 * reveal how many donations came before it. 80 bits, Crockford base32.
 */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdPrefix = "prj" | "fal" | "dsb" | "don" | "dal";

export function newId(prefix: IdPrefix, random: () => Uint8Array = () => crypto.getRandomValues(new Uint8Array(10))): string {
  const bytes = random();
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return `${prefix}_${out}`;
}

export const ID_PATTERN = /^(prj|fal|dsb|don|dal)_[0-9a-hjkmnp-tv-z]{16}$/;
