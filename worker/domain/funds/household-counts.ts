/**
 * A project's beneficiary households are a register-derived count, so they are published
 * under rule R2 through the shared disclosure module: 0 stays 0, 1–7 is a band (null plus a
 * flag), 8 and more is rounded to the nearest 5.
 */
import { BAND_TEXT, roundCount } from "../disclosure/rounding";

export interface PublishedHouseholds {
  value: number | null;
  banded: boolean;
  /** As shown in CSV: the number, `1-7`, or empty when unknown. */
  text: string;
}

export function publishedHouseholdCount(count: number | null): PublishedHouseholds {
  if (count === null) return { value: null, banded: false, text: "" };
  const published = roundCount(count);
  return { value: published.value, banded: published.disclosure === "banded", text: published.disclosure === "banded" ? BAND_TEXT : String(published.value) };
}
