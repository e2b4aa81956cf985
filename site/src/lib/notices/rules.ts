/**
 * Pure rules shared by the build (Astro pages) and the islands (browser): no imports, so the
 * browser bundle stays tiny. Periods are judged in Asia/Shanghai exactly as the API judges
 * them: the API gives `opens_at`/`closes_at` as instants, and the browser only compares them
 * with its clock.
 */
export type DisplayState = "open" | "upcoming" | "closed" | "announced" | "superseded";

/** What a resident needs to know first: can I object now? "upcoming" is split from "open". */
export function displayState(status: string, period: { opens_at: string; closes_at: string }, now: Date): DisplayState {
  // An upcoming notice (API status since issue 13) moves by the clock like an open one: a
  // page left open across the start of the period offers the form when the period opens.
  if (status !== "open" && status !== "upcoming") return status as DisplayState;
  const t = now.getTime();
  if (t < Date.parse(period.opens_at)) return "upcoming";
  if (t >= Date.parse(period.closes_at)) return "closed";
  return "open";
}

/** Whole days, hours and minutes from now until the period closes (null once it has). */
export function timeLeft(closesAt: string, now: Date): { days: number; hours: number; minutes: number } | null {
  const ms = Date.parse(closesAt) - now.getTime();
  if (ms <= 0) return null;
  const minutesTotal = Math.ceil(ms / 60_000);
  return { days: Math.floor(minutesTotal / 1440), hours: Math.floor((minutesTotal % 1440) / 60), minutes: minutesTotal % 60 };
}

/** "{start}"-style placeholders filled in (templates travel to the islands as data attributes). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export interface TimeLeftTemplates {
  days: string;
  hours: string;
  minutes: string;
}

export function formatTimeLeft(t: TimeLeftTemplates, left: { days: number; hours: number; minutes: number }): string {
  const values = { d: left.days, h: left.hours, m: left.minutes };
  return fill(left.days > 0 ? t.days : left.hours > 0 ? t.hours : t.minutes, values);
}

/** An instant written in Beijing time (Asia/Shanghai, UTC+8, no DST), "2026-11-25 14:05". */
export function beijingTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

export function noticeTitle(lang: string, n: { title_zh: string; title_en: string | null }): string {
  return lang === "en" ? n.title_en ?? n.title_zh : n.title_zh;
}
