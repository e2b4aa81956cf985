/**
 * One canonical JSON for the whole portal: notice fingerprints and receipts use the ledger's
 * encoder (RFC 8785 key order, safe integers only), so a fingerprint and a leaf are
 * recomputed by the same rules. The ledger module stays dependency-free for the browser.
 */
import { CanonicalJsonError, canonicalJson as encode, type CanonicalValue } from "./ledger/canonical-json";

export type { CanonicalValue };
export { sha256Hex } from "./secure-random";

/** The ledger's encoder; a value it cannot encode is a RangeError here, as callers expect. */
export function canonicalJson(value: CanonicalValue): string {
  try {
    return encode(value);
  } catch (error) {
    throw error instanceof CanonicalJsonError ? new RangeError(error.message) : error;
  }
}
