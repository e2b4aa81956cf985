/**
 * Objection periods (公示期) are set in local calendar dates and judged in Asia/Shanghai.
 *
 * China has observed no daylight-saving time since 1991, so Asia/Shanghai is UTC+08:00 all
 * year. The offset is written out as a constant instead of asking the runtime's time-zone
 * database, so that the rule is explicit, testable and identical in every runtime.
 *
 * A period "2026-11-20 to 2026-11-26" covers both named days in full:
 *   opens_at  = 2026-11-20T00:00:00+08:00 (inclusive)
 *   closes_at = 2026-11-27T00:00:00+08:00 (exclusive; "24:00 on the last day")
 * so the notice is open exactly when opens_at <= now < closes_at. 23:59:59.999 local time on
 * the end date is still inside; midnight that follows is not.
 */
export const SHANGHAI_UTC_OFFSET_MINUTES = 8 * 60;
export const TIME_ZONE = "Asia/Shanghai";
/** A notice is posted for 7 days unless the issuer sets another period (domain.md). */
export const DEFAULT_PERIOD_DAYS = 7;
export const MAX_PERIOD_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;
const OFFSET_MS = SHANGHAI_UTC_OFFSET_MINUTES * 60 * 1000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date in Asia/Shanghai, as YYYY-MM-DD. */
export type LocalDate = string;

export interface ObjectionPeriod {
  /** First day (Asia/Shanghai), inclusive. */
  start: LocalDate;
  /** Last day (Asia/Shanghai), inclusive. */
  end: LocalDate;
}

export type WindowState = "upcoming" | "open" | "ended";

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

function utcMidnightOf(date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

/** The instant local midnight begins on `date` in Asia/Shanghai. */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(utcMidnightOf(date) - OFFSET_MS);
}

/** The Asia/Shanghai calendar date of an instant. */
export function localDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(utcMidnightOf(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((utcMidnightOf(b) - utcMidnightOf(a)) / DAY_MS);
}

/** The default period: `days` calendar days starting on `start`, both ends counted. */
export function defaultPeriod(start: LocalDate, days = DEFAULT_PERIOD_DAYS): ObjectionPeriod {
  return { start, end: addDays(start, days - 1) };
}

/** Length of a period in calendar days, both ends counted. */
export function periodDays(period: ObjectionPeriod): number {
  return daysBetween(period.start, period.end) + 1;
}

/** The exact instants of a period: [opensAt, closesAt). */
export function periodInstants(period: ObjectionPeriod): { opensAt: Date; closesAt: Date } {
  return { opensAt: startOfLocalDay(period.start), closesAt: startOfLocalDay(addDays(period.end, 1)) };
}

export function windowState(period: ObjectionPeriod, now: Date): WindowState {
  const { opensAt, closesAt } = periodInstants(period);
  if (now.getTime() < opensAt.getTime()) return "upcoming";
  if (now.getTime() < closesAt.getTime()) return "open";
  return "ended";
}

export function isWithinPeriod(period: ObjectionPeriod, now: Date): boolean {
  return windowState(period, now) === "open";
}

/** Why a period is unacceptable for publication, or null when it is fine. */
export function periodProblem(period: ObjectionPeriod, publishedOn: LocalDate): string | null {
  if (!isLocalDate(period.start)) return "period start must be a date written YYYY-MM-DD";
  if (!isLocalDate(period.end)) return "period end must be a date written YYYY-MM-DD";
  if (period.end < period.start) return "period end must not be before its start";
  if (period.start < publishedOn) return `period cannot start before the day of publication (${publishedOn}, Asia/Shanghai)`;
  if (periodDays(period) > MAX_PERIOD_DAYS) return `period must be at most ${MAX_PERIOD_DAYS} days`;
  return null;
}

/** "2026-11-20 00:00 – 2026-11-26 24:00 (Asia/Shanghai, UTC+8)": the way periods are quoted to people. */
export function describePeriod(period: ObjectionPeriod): string {
  return `${period.start} 00:00 – ${period.end} 24:00 (Asia/Shanghai, UTC+8)`;
}

/** A stored notice's objection period, once it has one (it is fixed when the notice opens). */
export function periodOf(row: { periodStart: string | null; periodEnd: string | null }): ObjectionPeriod | null {
  return row.periodStart && row.periodEnd ? { start: row.periodStart, end: row.periodEnd } : null;
}
