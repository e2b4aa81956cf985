/**
 * Rule R2 of privacy.md for the one register-derived count this feature publishes (a
 * project's beneficiary households): 0 stays 0, 1–7 is a band (null plus a flag), 8 and
 * more is rounded to the nearest 5.
 * TODO(lead): point this at the shared disclosure module when the register issue lands it.
 */
export interface PublishedCount {
  value: number | null;
  banded: boolean;
  /** As shown in CSV: the number, `1-7`, or empty when unknown. */
  text: string;
}

export function publishedHouseholdCount(count: number | null): PublishedCount {
  if (count === null) return { value: null, banded: false, text: "" };
  if (count === 0) return { value: 0, banded: false, text: "0" };
  if (count <= 7) return { value: null, banded: true, text: "1-7" };
  const rounded = Math.round(count / 5) * 5;
  return { value: rounded, banded: false, text: String(rounded) };
}
