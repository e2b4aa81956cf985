/**
 * Checks a donation's ledger record in the browser with the worker's own proof code
 * (worker/domain/ledger/verify.ts: RFC 9162 inclusion and consistency, Ed25519 heads via
 * WebCrypto). Pure apart from `fetch`: returns, per entry and for the head, which check
 * passed or failed, so the page can say exactly what failed.
 */
import type { DonationDetail, LedgerEntry, TreeHead } from "./funds";
import { checkHead, checkProof, getJson, parseLeaf, type CheckId, type ProvenEntry } from "./ledger-check";
import type { NeedDetail } from "./needs";

export type { CheckId };

export interface EntryResult {
  index: number;
  type: string;
  subjectId: string;
  ok: boolean;
  /** The first check that failed. */
  failed?: CheckId;
}

export interface DonationCheck {
  ok: boolean;
  head: TreeHead;
  headFailed?: CheckId;
  entries: EntryResult[];
}

/** What the page shows for an entry, which the leaf must say too (amount, id, type). */
export interface Expected {
  index: number;
  type: string;
  id: string;
  /** Absent when the leaf carries no amount (a pledge to a need asking for items only). */
  amount_fen: number | undefined;
  extra?: Record<string, string>;
}

function expectations(d: DonationDetail): Expected[] {
  const out: Expected[] = [{ index: d.ledger_index, type: "donation", id: d.id, amount_fen: d.amount_fen }];
  for (const a of d.allocations) {
    out.push({ index: a.ledger_index, type: a.reverses ? "donation_allocation_reversal" : "donation_allocation", id: a.id, amount_fen: a.amount_fen, extra: { donation_id: d.id } });
  }
  for (const p of d.projects) {
    for (const x of p.disbursements) {
      out.push({ index: x.ledger_index, type: x.reverses ? "disbursement_reversal" : "disbursement", id: x.id, amount_fen: x.amount_fen, extra: { project_id: p.id } });
    }
  }
  return out;
}

function contentMatches(entry: LedgerEntry, want: Expected): boolean {
  const leaf = parseLeaf(entry);
  if (!leaf) return false;
  if (entry.index !== want.index || leaf.type !== want.type || leaf.id !== want.id || leaf.amount_fen !== want.amount_fen) return false;
  return Object.entries(want.extra ?? {}).every(([k, v]) => leaf[k] === v);
}

async function checkEntry(entry: ProvenEntry | undefined, want: Expected, head: TreeHead): Promise<EntryResult> {
  const base = { index: want.index, type: want.type, subjectId: want.id };
  if (!entry) return { ...base, ok: false, failed: "fetch" };
  const failed = await checkProof(entry, head);
  if (failed) return { ...base, ok: false, failed };
  if (!contentMatches(entry, want)) return { ...base, ok: false, failed: "content" };
  return { ...base, ok: true };
}

/**
 * Verifies everything the donation record shows: the donation and allocation entries with
 * the proofs the record carries, the projects' disbursements with proofs fetched against
 * the same head, the head's signature, and that the latest published head extends it.
 */
export function verifyDonation(d: DonationDetail): Promise<DonationCheck> {
  return verifyRecord(d.ledger, expectations(d));
}

/**
 * A need's pledge and delivery (lib/needs.ts): each entry must say the pledge's or the
 * delivery's id, the need, and the amount the page shows.
 */
export function verifyNeed(n: NeedDetail): Promise<DonationCheck> {
  const want: Expected[] = [];
  const pledge = n.ledger.entries.find((e) => e.type === "need_pledge");
  const delivery = n.ledger.entries.find((e) => e.type === "need_delivery");
  if (n.pledge_id && pledge) want.push({ index: pledge.index, type: "need_pledge", id: n.pledge_id, amount_fen: n.amount_fen ?? undefined, extra: { need_id: n.id } });
  if (n.delivery_id && delivery) want.push({ index: delivery.index, type: "need_delivery", id: n.delivery_id, amount_fen: n.delivered_fen ?? undefined, extra: { need_id: n.id, ...(n.pledge_id ? { pledge_id: n.pledge_id } : {}) } });
  return verifyRecord(n.ledger, want);
}

/** Checks the given entries against a record's signed head, and that the latest head extends it. */
async function verifyRecord(ledger: { tree_head: TreeHead; entries: ProvenEntry[] }, expected: Expected[]): Promise<DonationCheck> {
  const head = ledger.tree_head;
  // Each head is checked with the key valid at its size (signing keys rotate).
  const headFailed = await checkHead(head);
  const carried = new Map(ledger.entries.map((e) => [e.index, e]));
  const results = await Promise.all(
    expected.map(async (want) => {
      let entry = carried.get(want.index);
      if (!entry) {
        const proof = await getJson<{ entry: LedgerEntry; audit_path: string[] }>(`/api/v1/ledger/proof/inclusion?index=${want.index}&tree_size=${head.tree_size}`).catch(() => undefined);
        entry = proof && { ...proof.entry, audit_path: proof.audit_path };
      }
      return checkEntry(entry, want, head);
    }),
  );
  return { ok: headFailed === undefined && results.every((r) => r.ok), head, headFailed, entries: results };
}
