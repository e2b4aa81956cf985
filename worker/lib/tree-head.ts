/**
 * One presenter for a signed tree head, shared by the ledger, donation and admin write
 * answers (route folders do not import each other; what they share lives here).
 */
import type { Db } from "../db/client";
import { getLatestHead, type SignedHead } from "../db/queries/ledger";
import { fromHex, toHex, treeHeadMessage } from "../domain/ledger";
import { ApiError } from "./errors";

/** A signed head as the public API shows it, with the exact bytes that were signed. */
export function headJson(head: SignedHead) {
  return { ...headSummaryJson(head), signed_message: toHex(treeHeadMessage({ treeSize: head.treeSize, timestamp: head.timestamp, rootHash: fromHex(head.rootHash) })) };
}

/** The same without the signed message (admin write answers). */
export function headSummaryJson(head: SignedHead) {
  return {
    tree_size: head.treeSize,
    timestamp: head.timestamp,
    time: new Date(head.timestamp).toISOString(),
    root_hash: head.rootHash,
    signature: head.signature,
    key_id: head.keyId,
  };
}

export async function requireLatestHead(db: Db) {
  const head = await getLatestHead(db);
  if (!head) throw new ApiError(404, "ledger_empty", "The ledger has no entries yet, so there is no signed head.");
  return head;
}
