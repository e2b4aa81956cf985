/**
 * Everything a browser needs to check a donation's record against the published head:
 * recompute a leaf hash, walk an inclusion or consistency proof, check the Ed25519
 * signature. Hex in, boolean out, for the site's donation page.
 */
import { fromBase64, fromHex, utf8 } from "./bytes";
import { leafHash } from "./hash";
import { verifyConsistency, verifyInclusion } from "./proofs";
import { importPublicKey, verifyTreeHead } from "./tree-head";

export { canonicalJson } from "./canonical-json";
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from "./proofs";
export { treeHeadMessage, verifyTreeHead, importPublicKey } from "./tree-head";
export { fromBase64, fromHex, toHex } from "./bytes";

export interface PublishedHead {
  tree_size: number;
  timestamp: number;
  root_hash: string;
  signature: string;
}

export interface PublishedInclusionProof {
  leaf_index: number;
  tree_size: number;
  audit_path: string[];
}

/** Checks a head's signature with the key from /api/v1/ledger/key (SPKI base64). */
export async function checkHead(head: PublishedHead, publicKeySpkiBase64: string): Promise<boolean> {
  const key = await importPublicKey(fromBase64(publicKeySpkiBase64));
  return verifyTreeHead({ treeSize: head.tree_size, timestamp: head.timestamp, rootHash: fromHex(head.root_hash) }, fromBase64(head.signature), key);
}

/** One entry of GET /api/v1/ledger/keys. */
export interface PublishedKey {
  key_id: string;
  public_key: string;
  valid_from_size: number | null;
  valid_until_size: number | null;
}

/**
 * Key rotation: checks a head with the key it names, and that this key was the one
 * valid at the head's size (from `valid_from_size` until the next key's), so an old head
 * verifies with its own key and no key can sign outside its range.
 */
export async function checkHeadWithKeys(head: PublishedHead & { key_id: string }, keys: readonly PublishedKey[]): Promise<boolean> {
  const key = keys.find((k) => k.key_id === head.key_id);
  if (!key || key.valid_from_size === null) return false;
  if (head.tree_size < key.valid_from_size || (key.valid_until_size !== null && head.tree_size >= key.valid_until_size)) return false;
  return checkHead(head, key.public_key);
}

/** Checks that the leaf text (canonical JSON) is entry `leaf_index` of the head's tree. */
export async function checkLeafInHead(leaf: string, proof: PublishedInclusionProof, head: PublishedHead): Promise<boolean> {
  if (proof.tree_size !== head.tree_size) return false;
  const hash = await leafHash(utf8(leaf));
  return verifyInclusion(hash, proof.leaf_index, proof.tree_size, proof.audit_path.map(fromHex), fromHex(head.root_hash));
}

/** Checks that `newer` extends `older` (no entry of the older tree was rewritten). */
export async function checkHeadsConsistent(older: PublishedHead, newer: PublishedHead, proof: string[]): Promise<boolean> {
  return verifyConsistency(older.tree_size, newer.tree_size, fromHex(older.root_hash), fromHex(newer.root_hash), proof.map(fromHex));
}
