import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  appendLeaves,
  consistencyRanges,
  frontierOf,
  fromHex,
  inclusionRanges,
  NodeHashes,
  nodesForRanges,
  proofFromRanges,
  rangeHash,
  rootFromInclusionProof,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type StoredNode,
} from "../../worker/domain/ledger";

// An independent RFC 6962 §2.1 implementation for the tests: the definitions written as
// plain recursion over the leaf data, hashed with Node's crypto rather than WebCrypto.
const h = (...parts: Uint8Array[]) => {
  const hash = createHash("sha256");
  for (const p of parts) hash.update(p);
  return new Uint8Array(hash.digest());
};
const LEAF = new Uint8Array([0]);
const NODE = new Uint8Array([1]);
const split = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
// Memoised by the leaf range: every tree in these tests is a prefix of the same leaves.
const memo = new Map<string, Uint8Array>();
function mthRange(d: readonly Uint8Array[], a: number, b: number): Uint8Array {
  const key = `${d.length}:${a}:${b}`;
  const hit = d === DATA ? memo.get(key) : undefined;
  if (hit) return hit;
  let out: Uint8Array;
  if (b - a === 0) out = h();
  else if (b - a === 1) out = h(LEAF, d[a]!);
  else {
    const k = split(b - a);
    out = h(NODE, mthRange(d, a, a + k), mthRange(d, a + k, b));
  }
  if (d === DATA) memo.set(key, out);
  return out;
}
const mth = (d: readonly Uint8Array[]) => mthRange(d, 0, d.length);
/** PATH(m, D[a:b]) */
function pathRange(m: number, d: readonly Uint8Array[], a: number, b: number): Uint8Array[] {
  if (b - a === 1) return [];
  const k = split(b - a);
  return m < k ? [...pathRange(m, d, a, a + k), mthRange(d, a + k, b)] : [...pathRange(m - k, d, a + k, b), mthRange(d, a, a + k)];
}
/** SUBPROOF(m, D[a:b], flag) */
function subproofRange(m: number, d: readonly Uint8Array[], a: number, b: number, flag: boolean): Uint8Array[] {
  if (m === b - a) return flag ? [] : [mthRange(d, a, b)];
  const k = split(b - a);
  return m <= k
    ? [...subproofRange(m, d, a, a + k, flag), mthRange(d, a + k, b)]
    : [...subproofRange(m - k, d, a + k, b, false), mthRange(d, a, a + k)];
}
const leafData = (i: number) => new TextEncoder().encode(`{"i":${i}}`);
const MAX_SIZE = 70;
const DATA: readonly Uint8Array[] = Array.from({ length: MAX_SIZE }, (_, i) => leafData(i));

/** Builds a tree the way the ledger stores it: appends in uneven batches, keeping every node. */
async function buildStored(size: number) {
  const hashes = new NodeHashes();
  let frontier: StoredNode[] = [];
  let n = 0;
  const roots: Uint8Array[] = [];
  while (n < size) {
    const batch = Math.min(size - n, 1 + (n % 5));
    const leaves = Array.from({ length: batch }, (_, j) => h(LEAF, leafData(n + j)));
    const result = await appendLeaves(n, frontier, leaves);
    for (const node of result.nodes) hashes.set(node, node.hash);
    frontier = result.frontier;
    n = result.size;
    roots[n] = result.root;
  }
  return { hashes, roots };
}


describe("Merkle tree hashing (RFC 6962 §2.1)", () => {
  it("reproduces the certificate-transparency test vectors for the 8-leaf tree", async () => {
    const leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map((x) => fromHex(x));
    const expectedRoots = [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];
    let frontier: StoredNode[] = [];
    for (let n = 0; n < 8; n++) {
      const result = await appendLeaves(n, frontier, [h(LEAF, leaves[n]!)]);
      frontier = result.frontier;
      expect(toHex(result.root)).toBe(expectedRoots[n]);
      expect(toHex(mth(leaves.slice(0, n + 1)))).toBe(expectedRoots[n]);
    }
  });

  it("gives the empty tree the hash of the empty string", async () => {
    const result = await appendLeaves(0, [], []);
    expect(toHex(result.root)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("computes the same root as the RFC definition for every size 1..70, whatever the batch sizes", async () => {
    const { roots } = await buildStored(MAX_SIZE);
    for (let n = 1; n <= MAX_SIZE; n++) {
      if (roots[n]) expect(toHex(roots[n]!)).toBe(toHex(mth(DATA.slice(0, n))));
    }
    // And appending one leaf at a time hits every size.
    let frontier: StoredNode[] = [];
    for (let n = 0; n < MAX_SIZE; n++) {
      const result = await appendLeaves(n, frontier, [h(LEAF, DATA[n]!)]);
      frontier = result.frontier;
      expect(toHex(result.root)).toBe(toHex(mth(DATA.slice(0, n + 1))));
      expect(result.frontier.map(({ level, index }) => ({ level, index }))).toEqual(frontierOf(n + 1));
    }
  });

  it("refuses a frontier that does not belong to the tree size", async () => {
    await expect(appendLeaves(3, [], [h(LEAF, DATA[0]!)])).rejects.toThrow(/frontier/);
  });
});

describe("inclusion proofs (RFC 9162 §2.1.3)", () => {
  it("match the RFC's PATH and verify, for every leaf of every tree size 1..70", { timeout: 60_000 }, async () => {
    const { hashes } = await buildStored(MAX_SIZE);
    for (let n = 1; n <= MAX_SIZE; n++) {
      const tree = DATA.slice(0, n);
      const root = mthRange(DATA, 0, n);
      for (let m = 0; m < n; m++) {
        const ranges = inclusionRanges(m, n);
        expect(nodesForRanges(ranges).length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 1);
        const proof = await proofFromRanges(ranges, hashes);
        expect(proof.map(toHex)).toEqual(pathRange(m, DATA, 0, n).map(toHex));
        const leaf = h(LEAF, tree[m]!);
        expect(await verifyInclusion(leaf, m, n, proof, root)).toBe(true);
        // The wrong index, a changed leaf or a proof cut short must all fail.
        if (n > 1) expect(await verifyInclusion(leaf, (m + 1) % n, n, proof, root)).toBe(false);
        expect(await verifyInclusion(h(LEAF, leafData(1000)), m, n, proof, root)).toBe(false);
        if (proof.length > 0) expect(await rootFromInclusionProof(leaf, m, n, proof.slice(1))).toBeNull();
        expect(await rootFromInclusionProof(leaf, m, n, [...proof, root])).toBeNull();
      }
    }
  });

  it("fails when any hash of the path is flipped", async () => {
    const { hashes } = await buildStored(13);
    const tree = DATA.slice(0, 13);
    const root = mth(tree);
    const proof = await proofFromRanges(inclusionRanges(6, 13), hashes);
    for (let i = 0; i < proof.length; i++) {
      const bad = proof.map((p) => new Uint8Array(p));
      bad[i]![0]! ^= 1;
      expect(await verifyInclusion(h(LEAF, tree[6]!), 6, 13, bad, root)).toBe(false);
    }
  });

  it("refuses an index outside the tree", () => {
    expect(() => inclusionRanges(5, 5)).toThrow(RangeError);
    expect(() => inclusionRanges(-1, 5)).toThrow(RangeError);
    expect(() => inclusionRanges(0, 0)).toThrow(RangeError);
  });
});

describe("consistency proofs (RFC 9162 §2.1.4)", () => {
  it("match the RFC's SUBPROOF and verify, for every pair of sizes 1 <= m <= n <= 70", { timeout: 60_000 }, async () => {
    const { hashes } = await buildStored(MAX_SIZE);
    const roots = Array.from({ length: MAX_SIZE + 1 }, (_, n) => mthRange(DATA, 0, n));
    for (let n = 1; n <= MAX_SIZE; n++) {
      for (let m = 1; m <= n; m++) {
        const ranges = consistencyRanges(m, n);
        const proof = await proofFromRanges(ranges, hashes);
        expect(proof.map(toHex)).toEqual(m === n ? [] : subproofRange(m, DATA, 0, n, true).map(toHex));
        expect(await verifyConsistency(m, n, roots[m]!, roots[n]!, proof)).toBe(true);
        if (m < n) {
          // A rewritten old tree (another root for size m) or a wrong new root must fail.
          expect(await verifyConsistency(m, n, roots[m === 1 ? 2 : m - 1]!, roots[n]!, proof)).toBe(false);
          expect(await verifyConsistency(m, n, roots[m]!, roots[n - 1]!, proof)).toBe(false);
          if (proof.length > 0) expect(await verifyConsistency(m, n, roots[m]!, roots[n]!, proof.slice(0, -1))).toBe(false);
        }
      }
    }
  });

  it("computes range hashes of right-edge subtrees from perfect ones", async () => {
    const { hashes } = await buildStored(MAX_SIZE);
    for (const [start, end] of [[0, 70], [64, 70], [64, 69], [32, 63], [48, 53]] as const) {
      expect(toHex(await rangeHash({ start, end }, hashes))).toBe(toHex(mthRange(DATA, start, end)));
    }
  });

  it("refuses sizes out of order", () => {
    expect(() => consistencyRanges(0, 4)).toThrow(RangeError);
    expect(() => consistencyRanges(5, 4)).toThrow(RangeError);
  });
});
