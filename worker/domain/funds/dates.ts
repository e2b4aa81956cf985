/**
 * Dates of money events are calendar dates in China (Asia/Shanghai, UTC+8 all year), judged
 * by the same rules as notice periods: one Shanghai date for the whole portal
 * (domain/notice-window.ts). Official figures and reports judge "today" the same way.
 */
import { isLocalDate, localDateOf } from "../notice-window";

export const shanghaiDate = localDateOf;

/** True when `date` (YYYY-MM-DD) is after today in Asia/Shanghai. */
export function isFutureDate(date: string, now: Date): boolean {
  return date > localDateOf(now);
}

/** A real calendar date in YYYY-MM-DD form (not 2018-02-30). */
export const isCalendarDate = isLocalDate;
