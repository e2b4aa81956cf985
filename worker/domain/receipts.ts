/**
 * Receipts let a resident follow a report or an objection without an account (privacy.md):
 * 120 bits from crypto.getRandomValues, written in Crockford base32 as six groups of four
 * (e.g. `7K3D-W9QX-M2HT-A8RF-0C5N-JB4E`), shown once and stored only as a SHA-256 hash.
 * A plain hash suffices here (unlike register numbers) because 2^120 values cannot be searched.
 */
import { sha256Hex } from "./canonical-json";

export const RECEIPT_BITS = 120;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHARS = RECEIPT_BITS / 5; // 24
const GROUP = 4;

/** A new receipt in display form. */
export function newReceipt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(RECEIPT_BITS / 8));
  let bits = 0;
  let acc = 0;
  let out = "";
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return formatReceipt(out);
}

function formatReceipt(chars: string): string {
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP) groups.push(chars.slice(i, i + GROUP));
  return groups.join("-");
}

/**
 * The canonical 24 characters of a receipt as a person may type it: any case, with or without
 * dashes or spaces, and Crockford's look-alikes (O → 0, I/L → 1). Null when it cannot be one.
 */
export function normalizeReceipt(input: string): string | null {
  if (input.length > 64) return null;
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (cleaned.length !== CHARS) return null;
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
  return cleaned;
}

/** The stored form: SHA-256 (hex) of the normalized receipt. Null for something that is not a receipt. */
export async function receiptHash(input: string): Promise<string | null> {
  const normalized = normalizeReceipt(input);
  return normalized === null ? null : sha256Hex(`receipt:${normalized}`);
}

/** A prefixed random record id (`rpt_…`, `obj_…`, `ntc_…`): 80 random bits, lower-case base32. Not a secret. */
export function randomId(prefix: "ntc" | "obj" | "rpt"): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return `${prefix}_${out.toLowerCase()}`;
}
