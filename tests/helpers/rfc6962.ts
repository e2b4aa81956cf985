/**
 * An independent RFC 6962 / RFC 9162 verifier for the tests, written from the RFC's
 * text with Node's crypto: a donor's own implementation, not the portal's code.
 */
import { createHash, createPublicKey, verify } from "node:crypto";

const sha = (...parts: Buffer[]) => createHash("sha256").update(Buffer.concat(parts)).digest();

export function leafHashHex(leaf: string): string {
  return sha(Buffer.from([0]), Buffer.from(leaf, "utf8")).toString("hex");
}

/** RFC 9162 §2.1.3.2 */
export function inclusionRoot(leafHash: string, index: number, size: number, path: string[]): string | null {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = Buffer.from(leafHash, "hex");
  for (const hex of path) {
    const p = Buffer.from(hex, "hex");
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = sha(Buffer.from([1]), p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = sha(Buffer.from([1]), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r.toString("hex") : null;
}

/** RFC 9162 §2.1.4.2 */
export function consistencyHolds(first: number, second: number, firstRoot: string, secondRoot: string, proof: string[]): boolean {
  if (first === second) return proof.length === 0 && firstRoot === secondRoot;
  const path = proof.map((h) => Buffer.from(h, "hex"));
  if ((first & (first - 1)) === 0) path.unshift(Buffer.from(firstRoot, "hex"));
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = sha(Buffer.from([1]), c, fr);
      sr = sha(Buffer.from([1]), c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = sha(Buffer.from([1]), sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.toString("hex") === firstRoot && sr.toString("hex") === secondRoot;
}

/** Ed25519 over RFC 6962 §3.5 TreeHeadSignature, built here from the head's fields. */
export function headSignatureValid(head: { tree_size: number; timestamp: number; root_hash: string; signature: string }, spkiBase64: string): boolean {
  const message = Buffer.alloc(50);
  message.writeUInt8(0, 0);
  message.writeUInt8(1, 1);
  message.writeBigUInt64BE(BigInt(head.timestamp), 2);
  message.writeBigUInt64BE(BigInt(head.tree_size), 10);
  Buffer.from(head.root_hash, "hex").copy(message, 18);
  const key = createPublicKey({ key: Buffer.from(spkiBase64, "base64"), format: "der", type: "spki" });
  return verify(null, message, key, Buffer.from(head.signature, "base64"));
}
