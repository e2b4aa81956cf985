/**
 * The life of a citizen report (举报), after Shangzhou's "register, handle, close, report back":
 *
 *   received → accepted → in_progress → resolved (销号) → answered
 *           ↘ rejected (with a reason)
 *
 * An acknowledgement (accepted or rejected) is due within 7 days of receipt and a resolution
 * within 60; reports past either deadline are flagged overdue. Deadlines are exact durations
 * from the moment of receipt (Asia/Shanghai has no DST, so 7 × 24 h is 7 calendar days).
 */
export const REPORT_CATEGORIES = [
  "fund_misuse",
  "wrongful_identification",
  "wrongful_exit",
  "official_conduct",
  "project_quality",
  "other",
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const REPORT_STATUSES = ["received", "accepted", "rejected", "in_progress", "resolved", "answered"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const ACKNOWLEDGEMENT_DAYS = 7;
export const RESOLUTION_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Allowed next statuses: one step at a time, so no status is ever skipped. */
export const REPORT_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  received: ["accepted", "rejected"],
  accepted: ["in_progress"],
  in_progress: ["resolved"],
  resolved: ["answered"],
  rejected: [],
  answered: [],
};

/** Transitions that must carry a public text: the reason for a rejection, the answer itself. */
export const PUBLIC_TEXT_REQUIRED: Partial<Record<ReportStatus, string>> = {
  rejected: "a rejection needs a public reason",
  answered: "an answer needs its public text",
};

export function canMoveReport(from: ReportStatus, to: ReportStatus): boolean {
  return REPORT_TRANSITIONS[from].includes(to);
}

export function isAcknowledged(status: ReportStatus): boolean {
  return status !== "received";
}
export function isResolved(status: ReportStatus): boolean {
  return status === "resolved" || status === "answered";
}
export function isFinished(status: ReportStatus): boolean {
  return status === "rejected" || status === "answered";
}

export function acknowledgementDue(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + ACKNOWLEDGEMENT_DAYS * DAY_MS);
}
export function resolutionDue(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + RESOLUTION_DAYS * DAY_MS);
}

export interface ReportTimes {
  status: ReportStatus;
  receivedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
}

export interface Deadline {
  due_at: string;
  done_at: string | null;
  /** Not done and past due now. */
  overdue: boolean;
  /** Done, but after it was due. */
  late: boolean;
}

export interface ReportDeadlines {
  acknowledgement: Deadline;
  /** Null for a rejected report: there is nothing to resolve. */
  resolution: Deadline | null;
  overdue: boolean;
}

function deadline(due: Date, done: Date | null, now: Date): Deadline {
  return {
    due_at: due.toISOString(),
    done_at: done ? done.toISOString() : null,
    overdue: done === null && now.getTime() > due.getTime(),
    late: done !== null && done.getTime() > due.getTime(),
  };
}

export function reportDeadlines(report: ReportTimes, now: Date): ReportDeadlines {
  const acknowledgement = deadline(acknowledgementDue(report.receivedAt), report.acknowledgedAt, now);
  const resolution = report.status === "rejected" ? null : deadline(resolutionDue(report.receivedAt), report.resolvedAt, now);
  return { acknowledgement, resolution, overdue: acknowledgement.overdue || (resolution?.overdue ?? false) };
}

/** Days between two instants, to one decimal (for the statistics' medians). */
export function daysTaken(from: Date, to: Date): number {
  return Math.round(((to.getTime() - from.getTime()) / DAY_MS) * 10) / 10;
}

/** The median of a list of numbers, or null for none (mean of the middle two for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}
