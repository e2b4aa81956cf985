import { createPublicKey, verify as nodeVerify } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  CanonicalJsonError,
  canonicalJson,
  fromHex,
  importPublicKey,
  importSigningKey,
  ledgerLeaf,
  leafHashOf,
  signTreeHead,
  toBase64,
  toHex,
  treeHeadMessage,
  verifyTreeHead,
} from "../../worker/domain/ledger";
import { checkHead, checkLeafInHead } from "../../worker/domain/ledger/verify";

describe("canonical JSON (RFC 8785 style)", () => {
  it("sorts keys by UTF-16 code units at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    // RFC 8785 §3.2.3: code-unit order puts "\u20ac" (U+20AC) before "\ud83d\ude00" (surrogates) and uppercase first.
    expect(canonicalJson({ "😀": 1, "€": 2, a: 3, B: 4 })).toBe('{"B":4,"a":3,"€":2,"😀":1}');
  });

  it("escapes strings as JSON.stringify does and keeps Chinese text as UTF-8", () => {
    expect(canonicalJson({ name: '芜湖 "慈善"\n\u0001' })).toBe('{"name":"芜湖 \\"慈善\\"\\n\\u0001"}');
  });

  it("refuses floats, NaN, unsafe integers and values JSON cannot hold", () => {
    expect(() => canonicalJson({ amount: 1.5 })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ amount: Number.NaN })).toThrow(/safe integers/);
    expect(() => canonicalJson([2 ** 53])).toThrow(/\$\[0\]/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson([undefined])).toThrow(/undefined/);
    expect(canonicalJson({ skipped: undefined, zero: -0 })).toBe('{"zero":0}');
  });

  it("builds ledger leaves with the schema, type, id and time next to the event's fields", async () => {
    const leaf = ledgerLeaf({ type: "donation", subjectId: "don_1", recordedAt: "2018-03-01T00:00:00.000Z", fields: { amount_fen: 100, date: "2018-03-01" } });
    expect(leaf).toBe('{"amount_fen":100,"date":"2018-03-01","id":"don_1","recorded_at":"2018-03-01T00:00:00.000Z","schema":"gongkai.ledger/1","type":"donation"}');
    const bytes = new TextEncoder().encode(leaf);
    const expected = new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array([0, ...bytes])));
    expect(toHex(await leafHashOf(leaf))).toBe(toHex(expected));
  });
});

async function newPkcs8(): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  return toBase64(new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer));
}

describe("signed tree heads (Ed25519 over RFC 6962 §3.5 TreeHeadSignature)", () => {
  const head = { treeSize: 1234, timestamp: 1_700_000_000_123, rootHash: fromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328") };

  it("lays out the 50 signed bytes: version, type, timestamp, size, root", () => {
    const message = treeHeadMessage(head);
    expect(message.length).toBe(50);
    expect(toHex(message)).toBe(`0001${(1_700_000_000_123).toString(16).padStart(16, "0")}${(1234).toString(16).padStart(16, "0")}${toHex(head.rootHash)}`);
  });

  it("signs with a PKCS#8 key and verifies with WebCrypto and with Node's own Ed25519", async () => {
    const key = await importSigningKey(await newPkcs8());
    const signature = await signTreeHead(head, key.privateKey);
    expect(signature.length).toBe(64);
    expect(await verifyTreeHead(head, signature, key.publicKey)).toBe(true);
    expect(await verifyTreeHead({ ...head, treeSize: 1235 }, signature, key.publicKey)).toBe(false);
    const nodeKey = createPublicKey({ key: Buffer.from(key.spki), format: "der", type: "spki" });
    expect(nodeVerify(null, Buffer.from(treeHeadMessage(head)), nodeKey, Buffer.from(signature))).toBe(true);
    expect(key.raw.length).toBe(32);
    expect(key.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyTreeHead(head, signature, await importPublicKey(key.raw))).toBe(true);
  });

  it("accepts the key as a JWK too, and refuses a key that is not Ed25519", async () => {
    const pkcs8 = await newPkcs8();
    const fromPkcs8 = await importSigningKey(pkcs8);
    const jwk = await crypto.subtle.exportKey("jwk", fromPkcs8.privateKey);
    const fromJwk = await importSigningKey(JSON.stringify(jwk));
    expect(fromJwk.keyId).toBe(fromPkcs8.keyId);
    await expect(importSigningKey(JSON.stringify({ kty: "EC", crv: "P-256", d: "x" }))).rejects.toThrow(/Ed25519/);
    await expect(importSigningKey("bm90IGEga2V5")).rejects.toThrow();
  });

  it("lets a browser check a published head and a leaf with the verify module", async () => {
    const key = await importSigningKey(await newPkcs8());
    const leaf = ledgerLeaf({ type: "donation", subjectId: "don_x", recordedAt: "2018-01-01T00:00:00.000Z", fields: { amount_fen: 5 } });
    const rootHash = await leafHashOf(leaf);
    const published = { tree_size: 1, timestamp: 1, root_hash: toHex(rootHash), signature: "" };
    published.signature = toBase64(await signTreeHead({ treeSize: 1, timestamp: 1, rootHash }, key.privateKey));
    expect(await checkHead(published, toBase64(key.spki))).toBe(true);
    expect(await checkHead({ ...published, timestamp: 2 }, toBase64(key.spki))).toBe(false);
    expect(await checkLeafInHead(leaf, { leaf_index: 0, tree_size: 1, audit_path: [] }, published)).toBe(true);
    expect(await checkLeafInHead(leaf.replace('"amount_fen":5', '"amount_fen":6'), { leaf_index: 0, tree_size: 1, audit_path: [] }, published)).toBe(false);
  });
});
