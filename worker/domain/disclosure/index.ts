/**
 * Disclosure control for register-derived figures: the one place the rules of
 * shared/reference/privacy.md are implemented.
 * - R2 rounding and its storage form: rounding.ts
 * - R3/R4/R5 fixed cuts and thresholds: categories.ts
 * - the tables of a release, computed from unrounded data, then rounded and protected
 *   against subtraction: tables.ts, protect.ts, intervals.ts
 * - the joint attacker (issue 16): every figure of a county, all metrics, levels,
 *   breakdowns and neighbouring years in one linear system (joint-model.ts), attacked by
 *   interval propagation and HiGHS linear programming (exact-attacker.ts, lp-solver.ts),
 *   with complementary suppression at import (joint-protect.ts) and over a running
 *   portal's output (joint-check.ts)
 * - the release gate's check over published output: release-gate.ts
 * R1 pseudonyms live in ../pseudonym.ts.
 */
export * from "./categories";
export * from "./intervals";
export * from "./joint-check";
export * from "./joint-model";
export * from "./joint-protect";
export * from "./protect";
export * from "./release-gate";
export * from "./rounding";
export * from "./tables";
