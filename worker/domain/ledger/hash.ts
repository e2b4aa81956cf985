/**
 * RFC 6962 §2.1 / RFC 9162 §2.1.1 hashing with domain separation: a leaf is
 * SHA-256(0x00 || data) and an interior node SHA-256(0x01 || left || right), so a leaf
 * can never be passed off as a node (second-preimage protection).
 */
import { concatBytes, type Hash } from "./bytes";

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

export async function sha256(data: Uint8Array): Promise<Hash> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>));
}

export function leafHash(data: Uint8Array): Promise<Hash> {
  return sha256(concatBytes(LEAF_PREFIX, data));
}

export function nodeHash(left: Hash, right: Hash): Promise<Hash> {
  return sha256(concatBytes(NODE_PREFIX, left, right));
}

/** MTH({}) = SHA-256 of the empty string (RFC 6962 §2.1). */
export function emptyTreeHash(): Promise<Hash> {
  return sha256(new Uint8Array(0));
}
