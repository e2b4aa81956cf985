/**
 * The money ceiling. Amounts are integer fen, and JavaScript numbers (and so JSON readers
 * everywhere) are exact only up to 2^53 − 1 ≈ 9.007 × 10^15 fen. One amount may be at most
 * 10^13 fen (100 billion yuan, ~60 times the largest county poverty budget on record), so
 * that any sum of up to 900 amounts — a project's seven budget lines, a county's flows —
 * stays exact: 900 × 10^13 = 9 × 10^15 < 2^53. National totals of real data are some
 * thousand times below the bound (the whole 2013–2020 programme was ~1.6 × 10^14 fen).
 * SQLite sums in 64-bit integers, so the database never rounds either.
 */
export const MAX_AMOUNT_FEN = 10_000_000_000_000;

/** The ceiling as people read it, for error messages. */
export const MAX_AMOUNT_TEXT = "10^13 fen (100 billion yuan)";
