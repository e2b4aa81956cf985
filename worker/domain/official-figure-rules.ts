import { OFFICIAL_METRICS, type OfficialMetric } from "./official-metrics";

/**
 * Checks an announced value against its metric's unit: counts and money (fen) are
 * non-negative integers, percentages lie in 0–100. Returns a message, or null when valid.
 */
export function officialValueProblem(metric: OfficialMetric, value: number): string | null {
  const unit = OFFICIAL_METRICS[metric].unit;
  if (value < 0) return "must not be negative";
  if (unit === "percent") return value <= 100 ? null : "a percentage must be at most 100";
  if (unit === "MW") return null;
  if (!Number.isInteger(value)) return unit === "fen" ? "money is a whole number of fen (分)" : `a count of ${unit} must be a whole number`;
  return null;
}
