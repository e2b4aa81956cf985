/**
 * Receipts let a resident follow a report or an objection without an account (privacy.md):
 * 120 bits from crypto.getRandomValues, written in Crockford base32 as six groups of four
 * (e.g. `7K3D-W9QX-M2HT-A8RF-0C5N-JB4E`), shown once and stored only as a SHA-256 hash.
 * A plain hash suffices here (unlike register numbers) because 2^120 values cannot be searched.
 */
import { sha256Hex } from "./canonical-json";
import { base32, randomBytes } from "./secure-random";

export const RECEIPT_BITS = 120;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHARS = RECEIPT_BITS / 5; // 24
const GROUP = 4;

/** A new receipt in display form. */
export function newReceipt(): string {
  // 15 bytes = 120 bits = exactly 24 base32 characters, so no character carries padding.
  return formatReceipt(base32(randomBytes(RECEIPT_BITS / 8)));
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
  return `${prefix}_${base32(randomBytes(10)).toLowerCase()}`;
}
