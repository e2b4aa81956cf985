/**
 * Disclosure control for register-derived figures: the one place the rules of
 * shared/reference/privacy.md are implemented.
 * - R2 rounding and its storage form: rounding.ts
 * - R3/R4/R5 fixed cuts and thresholds: categories.ts
 * - the tables of a release, computed from unrounded data, then rounded and protected
 *   against subtraction: tables.ts, protect.ts, intervals.ts
 * - the release gate's check over published output: release-gate.ts
 * R1 pseudonyms live in ../pseudonym.ts.
 */
export * from "./categories";
export * from "./intervals";
export * from "./protect";
export * from "./release-gate";
export * from "./rounding";
export * from "./tables";
