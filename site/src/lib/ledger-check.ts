/**
 * What every record page's ledger check shares (donations, notices): reading the API, the
 * signed head against the key history and the latest head, and one entry's leaf hash and
 * inclusion proof. Uses the worker's own proof code (worker/domain/ledger/verify.ts).
 */
import { checkHeadsConsistent, checkHeadWithKeys, checkLeafInHead, type PublishedHead, type PublishedKey } from "../../../worker/domain/ledger/verify";
import { leafHashOf } from "../../../worker/domain/ledger/entries";
import { toHex } from "../../../worker/domain/ledger/bytes";
import type { LedgerEntry, TreeHead } from "./funds";

export type CheckId = "signature" | "consistency" | "leafHash" | "inclusion" | "content" | "fingerprint" | "fetch";

/** Reads `data` of an API answer; injectable so the same check runs in tests. */
export type GetJson = <T>(path: string) => Promise<T>;

export const getJson: GetJson = async <T>(path: string) => {
  const res = await fetch(path, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return ((await res.json()) as { data: T }).data;
};

export type ProvenEntry = LedgerEntry & { audit_path: string[] };

/** The head's signature (with the key valid at its size) and that the latest head extends it. */
export async function checkHead(head: TreeHead, get: GetJson = getJson): Promise<CheckId | undefined> {
  const [keys, latest] = await Promise.all([get<PublishedKey[]>("/api/v1/ledger/keys"), get<TreeHead>("/api/v1/ledger/head")]);
  if (!(await checkHeadWithKeys(head, keys)) || !(await checkHeadWithKeys(latest, keys))) return "signature";
  if (latest.tree_size !== head.tree_size || latest.root_hash !== head.root_hash) {
    const proof = latest.tree_size < head.tree_size ? null : await get<{ proof: string[] }>(`/api/v1/ledger/proof/consistency?first=${head.tree_size}&second=${latest.tree_size}`).catch(() => null);
    if (!proof || !(await checkHeadsConsistent(head, latest, proof.proof))) return "consistency";
  }
  return undefined;
}

/** The leaf hashes to its stored hash and its proof folds to the head's root. */
export async function checkProof(entry: ProvenEntry, head: TreeHead): Promise<CheckId | undefined> {
  if (toHex(await leafHashOf(entry.leaf)) !== entry.leaf_hash) return "leafHash";
  const included = await checkLeafInHead(entry.leaf, { leaf_index: entry.index, tree_size: head.tree_size, audit_path: entry.audit_path }, head as PublishedHead);
  return included ? undefined : "inclusion";
}

export function parseLeaf(entry: LedgerEntry): Record<string, unknown> | undefined {
  try {
    return JSON.parse(entry.leaf) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
