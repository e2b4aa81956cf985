/**
 * The life of a public notice (公示): draft → open → closed → announced, or superseded by a
 * correction. Once open a notice is never edited: its published content is fingerprinted and a
 * correction is a new notice that supersedes it (both link to each other).
 */
import type { ObjectionPeriod } from "./notice-window";
import { windowState } from "./notice-window";

export const NOTICE_TYPES = [
  "household_identification",
  "household_exit",
  "village_exit",
  "return_to_poverty",
  "project",
  "fund_allocation",
  "donation_use",
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export const NOTICE_STATUSES = ["draft", "open", "closed", "announced", "superseded"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
/**
 * Statuses the public can see (drafts never leave the administration). `upcoming` is a
 * published notice (stored `open`) whose objection period has not started yet: it is not
 * `open` (nobody can object yet), and every published notice is in exactly one of these.
 */
export const PUBLIC_NOTICE_STATUSES = ["upcoming", "open", "closed", "announced", "superseded"] as const;
export type PublicNoticeStatus = (typeof PUBLIC_NOTICE_STATUSES)[number];

/** Notice types whose items are households (privacy.md: masked minimum only). */
export const HOUSEHOLD_NOTICE_TYPES: readonly NoticeType[] = ["household_identification", "household_exit", "return_to_poverty"];

export const ITEM_DECISIONS = ["identified", "exits", "returned"] as const;
export type ItemDecision = (typeof ITEM_DECISIONS)[number];

/** The decision a household item of each household notice type records. */
export const DECISION_FOR_TYPE: Partial<Record<NoticeType, ItemDecision>> = {
  household_identification: "identified",
  household_exit: "exits",
  return_to_poverty: "returned",
};

export type NoticeAction = "open" | "close" | "announce" | "supersede";

/** Which stored status each administrative action starts from and leads to. */
export const NOTICE_TRANSITIONS: Record<NoticeAction, { from: readonly NoticeStatus[]; to: NoticeStatus }> = {
  open: { from: ["draft"], to: "open" },
  close: { from: ["open"], to: "closed" },
  announce: { from: ["closed"], to: "announced" },
  // A correction may replace a notice while residents can still see its items, not after the result is announced.
  supersede: { from: ["open", "closed"], to: "superseded" },
};

export function canTransition(from: NoticeStatus, action: NoticeAction): boolean {
  return NOTICE_TRANSITIONS[action].from.includes(from);
}

/**
 * The status the public sees. A notice stored `open` reads `upcoming` before its period
 * starts and `closed` once it has ended, without waiting for an administrator: the period,
 * not a person, opens and ends the objection window. (The list filter `status=` uses the
 * same rule in SQL: db/queries/notices.ts.)
 */
export function effectiveStatus(stored: NoticeStatus, period: ObjectionPeriod | null, now: Date): NoticeStatus | "upcoming" {
  if (stored === "open" && period) {
    const state = windowState(period, now);
    if (state === "ended") return "closed";
    if (state === "upcoming") return "upcoming";
  }
  return stored;
}

/**
 * privacy.md: items are public only while the notice is open and until its announcement.
 * A superseded notice's items were wrong or incomplete; the correction carries the right list.
 */
export function itemsArePublic(status: NoticeStatus | "upcoming"): boolean {
  // A published notice shows its items from publication, before its period starts too.
  return status === "upcoming" || status === "open" || status === "closed";
}

/** Whether the notice may still be edited (only drafts). */
export function isEditable(status: NoticeStatus): boolean {
  return status === "draft";
}
