/**
 * Signed tree heads: Ed25519 (WebCrypto) over the RFC 6962 §3.5 TreeHeadSignature
 * structure, 50 bytes: version v1 (0), signature_type tree_hash (1), timestamp (uint64
 * milliseconds, big-endian), tree_size (uint64, big-endian), SHA-256 root hash. Any
 * Ed25519 library can check a head from these bytes alone.
 */
import { fromBase64, toBase64, toHex, type Hash } from "./bytes";
import { sha256 } from "./hash";

export interface TreeHead {
  treeSize: number;
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
  rootHash: Hash;
}

const ED25519 = { name: "Ed25519" } as const;

export function treeHeadMessage(head: TreeHead): Uint8Array {
  if (head.rootHash.length !== 32) throw new Error("root hash must be 32 bytes");
  const message = new Uint8Array(50);
  const view = new DataView(message.buffer);
  view.setUint8(0, 0);
  view.setUint8(1, 1);
  view.setBigUint64(2, BigInt(head.timestamp));
  view.setBigUint64(10, BigInt(head.treeSize));
  message.set(head.rootHash, 18);
  return message;
}

export async function signTreeHead(head: TreeHead, privateKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, treeHeadMessage(head) as Uint8Array<ArrayBuffer>));
}

export async function verifyTreeHead(head: TreeHead, signature: Uint8Array, publicKey: CryptoKey): Promise<boolean> {
  return crypto.subtle.verify(ED25519, publicKey, signature as Uint8Array<ArrayBuffer>, treeHeadMessage(head) as Uint8Array<ArrayBuffer>);
}

export interface LedgerKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** Raw 32-byte Ed25519 public key. */
  raw: Uint8Array;
  /** SHA-256 of the SPKI, hex (like a CT log id). */
  keyId: string;
}

/**
 * Reads the signing key from the Worker secret: either a PKCS#8 DER key in base64
 * (`openssl genpkey -algorithm ed25519 -outform DER | base64`) or an Ed25519 JWK.
 */
export async function importSigningKey(secret: string): Promise<LedgerKey> {
  const text = secret.trim();
  let privateKey: CryptoKey;
  if (text.startsWith("{")) {
    const jwk = JSON.parse(text) as JsonWebKey;
    if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !jwk.d) throw new Error("the JWK is not an Ed25519 private key");
    privateKey = await crypto.subtle.importKey("jwk", jwk, ED25519, true, ["sign"]);
  } else {
    const der = text.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, "").replace(/\s+/g, "");
    privateKey = await crypto.subtle.importKey("pkcs8", fromBase64(der) as Uint8Array<ArrayBuffer>, ED25519, true, ["sign"]);
  }
  const jwk = (await crypto.subtle.exportKey("jwk", privateKey)) as JsonWebKey;
  if (!jwk.x) throw new Error("cannot derive the public key");
  const raw = fromBase64(jwk.x);
  const publicKey = await importPublicKey(raw);
  const spki = new Uint8Array((await crypto.subtle.exportKey("spki", publicKey)) as ArrayBuffer);
  return { privateKey, publicKey, spki, raw, keyId: toHex(await sha256(spki)) };
}

/** A verification key from its raw 32 bytes or its SPKI DER. */
export async function importPublicKey(bytes: Uint8Array): Promise<CryptoKey> {
  const format = bytes.length === 32 ? "raw" : "spki";
  return crypto.subtle.importKey(format, bytes as Uint8Array<ArrayBuffer>, ED25519, true, ["verify"]);
}

export function spkiPem(spki: Uint8Array): string {
  const b64 = toBase64(spki);
  return `-----BEGIN PUBLIC KEY-----\n${b64.match(/.{1,64}/g)!.join("\n")}\n-----END PUBLIC KEY-----\n`;
}
