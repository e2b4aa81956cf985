/** Dates of money events are calendar dates in China (Asia/Shanghai, UTC+8 all year). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** True when `date` (YYYY-MM-DD) is after today in Asia/Shanghai. */
export function isFutureDate(date: string, now: Date): boolean {
  return date > shanghaiDate(now);
}

/** A real calendar date in YYYY-MM-DD form (not 2018-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
