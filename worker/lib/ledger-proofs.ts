/**
 * Ledger entries with their inclusion proofs against the latest signed head, as a record's
 * public page shows them (a donation, a notice): everything a reader needs to check the
 * record in the browser or by hand. Shared here because route folders do not import each other.
 */
import type { Db } from "../db/client";
import { getEntriesByIndex, inclusionProofs } from "../db/queries/ledger";
import { headJson, requireLatestHead } from "./tree-head";

export const HOW_TO_VERIFY =
  "For each entry: SHA-256(0x00 || UTF-8 bytes of `leaf`) must equal `leaf_hash`; folding `audit_path` by RFC 9162 §2.1.3.2 must give `tree_head.root_hash`; and `tree_head.signature` must verify with Ed25519 over `tree_head.signed_message` using the key at /api/v1/ledger/key.";

export async function provenEntries(db: Db, indexes: readonly number[], how = HOW_TO_VERIFY) {
  const head = await requireLatestHead(db);
  const unique = [...new Set(indexes)].sort((a, b) => a - b);
  const [entries, proofs] = await Promise.all([getEntriesByIndex(db, unique), inclusionProofs(db, unique, head.treeSize)]);
  const proofOf = new Map(proofs.map((p) => [p.leaf_index, p]));
  return {
    tree_head: headJson(head),
    entries: entries.map((e) => {
      const proof = proofOf.get(e.idx)!;
      return { index: e.idx, type: e.type, subject_id: e.subjectId, recorded_at: e.recordedAt, leaf: e.leaf, leaf_hash: proof.leaf_hash, audit_path: proof.audit_path };
    }),
    how_to_verify: how,
  };
}
