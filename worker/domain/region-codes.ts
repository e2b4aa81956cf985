/**
 * China's 12-digit statistical division codes: 2 digits province, 2 city, 2 county,
 * 3 township, 3 village. A region's descendants share its significant prefix, so
 * "this region and everything below it" is the code range [prefix000…, prefix999…].
 */
export const REGION_LEVELS = ["province", "city", "county", "township", "village"] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Significant digits of a code at each level. */
const PREFIX_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

export const REGION_CODE_PATTERN = /^\d{12}$/;

export function isRegionCode(value: string): boolean {
  return REGION_CODE_PATTERN.test(value);
}

/** The level a well-formed code denotes, judged from its trailing zero groups. */
export function levelOfCode(code: string): RegionLevel {
  if (code.slice(9) !== "000") return "village";
  if (code.slice(6, 9) !== "000") return "township";
  if (code.slice(4, 6) !== "00") return "county";
  if (code.slice(2, 4) !== "00") return "city";
  return "province";
}

export function prefixOf(code: string, level: RegionLevel = levelOfCode(code)): string {
  return code.slice(0, PREFIX_LENGTH[level]);
}

/** Inclusive code range covering a region and all its descendants. */
export function descendantRange(code: string): { min: string; max: string } {
  const prefix = prefixOf(code);
  return { min: prefix.padEnd(12, "0"), max: prefix.padEnd(12, "9") };
}

/** The code of the ancestor at `level` (e.g. a village's county). */
export function ancestorCode(code: string, level: RegionLevel): string {
  return code.slice(0, PREFIX_LENGTH[level]).padEnd(12, "0");
}

export function isWithin(code: string, ancestor: string): boolean {
  const { min, max } = descendantRange(ancestor);
  return code >= min && code <= max;
}
