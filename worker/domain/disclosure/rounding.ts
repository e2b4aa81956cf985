/**
 * R2 (privacy.md): every published count of households or people is 0 (exact), the band
 * "1–7", or rounded to the nearest multiple of 5. Integers never sit halfway between two
 * multiples of 5 (the halfway points are …2.5 and …7.5), so there is no tie to break:
 * remainders 0–2 round down, 3–4 round up. The smallest rounded value is therefore 10
 * (8 → 10); a published 5 can only come from a mistake, and the release gate says so.
 *
 * A fourth state, `withheld`, is secondary suppression: a figure that would let someone
 * narrow a hidden count by subtraction (see protect.ts) is not published at all.
 */
export type Disclosure = "zero" | "banded" | "rounded" | "withheld";

export interface PublishedCount {
  /** The published number; null when banded or withheld. */
  value: number | null;
  disclosure: Disclosure;
}

export const BAND_MIN = 1;
export const BAND_MAX = 7;
export const ROUNDING_BASE = 5;
/** Text of a banded figure in CSV (and on the site). */
export const BAND_TEXT = "1-7";
/** Text of a withheld figure in CSV. */
export const WITHHELD_TEXT = "withheld";

export function roundCount(count: number): PublishedCount {
  if (!Number.isInteger(count) || count < 0) throw new RangeError("a count is a whole number ≥ 0");
  if (count === 0) return { value: 0, disclosure: "zero" };
  if (count <= BAND_MAX) return { value: null, disclosure: "banded" };
  return { value: roundToBase(count), disclosure: "rounded" };
}

function roundToBase(count: number): number {
  const remainder = count % ROUNDING_BASE;
  return remainder <= 2 ? count - remainder : count + (ROUNDING_BASE - remainder);
}

/** Whether a number could have come out of R2 (0, or a multiple of 5 that is at least 10). */
export function isPublishableNumber(value: number): boolean {
  return value === 0 || (Number.isInteger(value) && value >= 10 && value % ROUNDING_BASE === 0);
}

/**
 * What someone who sees only the published figure knows about the true count: an
 * inclusive interval (hi = Infinity when nothing is published).
 */
export function knownInterval(published: PublishedCount): { lo: number; hi: number } {
  switch (published.disclosure) {
    case "zero":
      return { lo: 0, hi: 0 };
    case "banded":
      return { lo: BAND_MIN, hi: BAND_MAX };
    case "rounded": {
      const value = published.value ?? 0;
      return { lo: Math.max(BAND_MAX + 1, value - 2), hi: value + 2 };
    }
    case "withheld":
      return { lo: 0, hi: Number.POSITIVE_INFINITY };
  }
}

/** CSV/site text of a published figure: the number, `1-7` or `withheld`. */
export function publishedText(published: PublishedCount): string {
  if (published.disclosure === "banded") return BAND_TEXT;
  if (published.disclosure === "withheld") return WITHHELD_TEXT;
  return String(published.value);
}

/**
 * Compact storage form (one INTEGER column per figure; the migration's CHECK enforces
 * it): the rounded value, -1 for banded, -2 for withheld. Stored tables never hold an
 * unrounded count.
 */
export const STORED_BANDED = -1;
export const STORED_WITHHELD = -2;

export function toStored(published: PublishedCount): number {
  if (published.disclosure === "banded") return STORED_BANDED;
  if (published.disclosure === "withheld") return STORED_WITHHELD;
  return published.value ?? 0;
}

export function fromStored(stored: number): PublishedCount {
  if (stored === STORED_BANDED) return { value: null, disclosure: "banded" };
  if (stored === STORED_WITHHELD) return { value: null, disclosure: "withheld" };
  if (stored === 0) return { value: 0, disclosure: "zero" };
  return { value: stored, disclosure: "rounded" };
}
