/**
 * Needs matched with donors (社会扶贫网 对接): the vocabulary, privacy rule R4 as it applies
 * to needs, and the life of a need. Pure: no I/O, so the site can import it too.
 *
 *   open → pledged → delivered
 *   open → expired (only once its deadline has passed)      — with a reason
 *   open | pledged → withdrawn                                — with a reason
 *
 * A need names no household: it shows its village (or, for health needs, its township), its
 * category and the ask. One pledge covers one need; one delivery closes it.
 */
export const NEED_CATEGORIES = ["schooling", "housing_repair", "medical_aid", "disability_aid", "production_inputs", "employment", "daily_necessities", "village_infrastructure"] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];

export const NEED_STATUSES = ["open", "pledged", "delivered", "expired", "withdrawn"] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];

export const NEED_BENEFICIARIES = ["household", "village"] as const;

/**
 * Privacy rule R4 (privacy.md): illness and disability are public at township level or above
 * only. A medical or disability need in a village is as telling as a register figure (the
 * neighbours know who is ill), so it is shown under its township.
 */
export const HEALTH_NEED_CATEGORIES: readonly NeedCategory[] = ["medical_aid", "disability_aid"];

export function isHealthNeed(category: NeedCategory): boolean {
  return HEALTH_NEED_CATEGORIES.includes(category);
}

/** The region a need may be shown under: its village, or its township for a health need. */
export function publicRegionOf(category: NeedCategory, villageCode: string, townshipCode: string): string {
  return isHealthNeed(category) ? townshipCode : villageCode;
}

/**
 * The ceiling of one need's ask: 1,000,000 yuan. Anything larger is a project for the
 * project library, not a need for a donor; it also keeps any sum of needs exact.
 */
export const NEED_MAX_AMOUNT_FEN = 100_000_000;
export const NEED_MAX_AMOUNT_TEXT = "100,000,000 fen (1,000,000 yuan)";

/** Why a need closes without a delivery: a closed list (public), plus an optional note. */
export const NEED_CLOSE_REASONS = ["deadline_passed", "met_otherwise", "no_longer_needed", "posted_in_error", "donor_withdrew", "other"] as const;
export type NeedCloseReason = (typeof NEED_CLOSE_REASONS)[number];

export type NeedMove = "pledge" | "deliver" | "expire" | "withdraw";

/** The status a move starts from, and where it leads. */
export const NEED_MOVES: Record<NeedMove, { from: readonly NeedStatus[]; to: NeedStatus }> = {
  pledge: { from: ["open"], to: "pledged" },
  deliver: { from: ["pledged"], to: "delivered" },
  expire: { from: ["open"], to: "expired" },
  withdraw: { from: ["open", "pledged"], to: "withdrawn" },
};

/** Null when the move is allowed from `status`; else why not, in words for the error. */
export function moveProblem(move: NeedMove, status: NeedStatus): string | null {
  if (NEED_MOVES[move].from.includes(status)) return null;
  if (move === "deliver" && status === "open") return "the need has no pledge yet: a delivery follows a pledge";
  if (move === "pledge" && status === "pledged") return "the need already has a pledge";
  if (status === "delivered" || status === "expired" || status === "withdrawn") return `the need is ${status}: it is final`;
  return `a need that is ${status} cannot be ${NEED_MOVES[move].to}`;
}

/** Statuses that count as matched with a donor (the report's 成功对接). */
export const MATCHED_STATUSES: readonly NeedStatus[] = ["pledged", "delivered"];

/** Board order: open needs first, then pledged, then the closed ones. */
export const BOARD_ORDER: Record<NeedStatus, number> = { open: 0, pledged: 1, delivered: 2, expired: 3, withdrawn: 4 };
