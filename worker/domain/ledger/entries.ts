/**
 * What a ledger leaf says. Each leaf is the canonical JSON of one money event: a
 * donation received, a donation allocated, public funds allocated to a project, a
 * disbursement, or the reversal of one of these (a correction is never an edit).
 *
 * Leaves hold no personal data: a donor's display name lives in the donations table
 * only, because a leaf can never be changed or withdrawn once it is in the tree.
 */
import { canonicalJson } from "./canonical-json";
import { utf8, type Hash } from "./bytes";
import { leafHash } from "./hash";

export const LEDGER_SCHEMA = "gongkai.ledger/1";

export const LEDGER_ENTRY_TYPES = [
  "donation",
  "donation_reversal",
  "donation_allocation",
  "donation_allocation_reversal",
  "fund_allocation",
  "fund_allocation_reversal",
  "disbursement",
  "disbursement_reversal",
  // A project's budget from one fund source, recorded when the project is created: the
  // budget is public money information, so it is vouched for like every other amount.
  "project_budget",
  // A project's amendment (its reason's hash and any new names) and each budget line it
  // changes, before and after (worker/writes/project-amendments.ts): a budget is changed by
  // new entries, never by editing the first one.
  "project_amendment",
  "project_budget_amendment",
  // A notice's fingerprint when it opens, when a correction supersedes it and when its
  // result is announced (worker/ledger/entries.ts): a 公示 cannot be changed quietly.
  "notice_opened",
  "notice_superseded",
  "notice_announced",
  // A citable snapshot of every public dataset: its package hash (worker/snapshots/).
  "snapshot",
  // Needs matched with donors (worker/needs): a donor's pledge to a need, and what was
  // delivered against it. Public forever, so they name the need's public region only (R4).
  "need_pledge",
  "need_delivery",
] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

/** Why an entry was reversed: a closed list, because the leaf is public forever. */
export const REVERSAL_REASONS = ["entry_error", "duplicate", "refunded", "funds_returned", "cancelled", "other"] as const;
export type ReversalReason = (typeof REVERSAL_REASONS)[number];

type Fields = Record<string, string | number | boolean | null | undefined>;

export interface LedgerEntryInput {
  type: LedgerEntryType;
  /** Id of the record this entry is about (donation, allocation, disbursement). */
  subjectId: string;
  /** When the portal recorded it (ISO 8601, UTC). */
  recordedAt: string;
  /** The event's own fields: dates, amounts in fen, references. */
  fields: Fields;
}

export function ledgerLeaf(entry: LedgerEntryInput): string {
  return canonicalJson({
    ...entry.fields,
    schema: LEDGER_SCHEMA,
    type: entry.type,
    id: entry.subjectId,
    recorded_at: entry.recordedAt,
  });
}

/** The leaf hash of a canonical JSON leaf: SHA-256(0x00 || UTF-8 bytes). */
export function leafHashOf(leaf: string): Promise<Hash> {
  return leafHash(utf8(leaf));
}
