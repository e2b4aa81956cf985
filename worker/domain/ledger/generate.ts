/**
 * Proof generation and appends from stored perfect-subtree hashes. Callers first ask
 * which nodes they need (tree.ts), read exactly those from storage, then call these
 * functions: a proof never touches more than O(log n) stored hashes.
 */
import type { Hash } from "./bytes";
import { emptyTreeHash, nodeHash } from "./hash";
import { nodeKey, perfectNodesOf, type LeafRange, type NodeRef } from "./tree";

export interface StoredNode extends NodeRef {
  hash: Hash;
}

/** Perfect-subtree hashes read from storage, keyed by (level, index). */
export class NodeHashes {
  private readonly map = new Map<string, Hash>();

  constructor(nodes: Iterable<StoredNode> = []) {
    for (const node of nodes) this.set(node, node.hash);
  }

  set(ref: NodeRef, hash: Hash): void {
    this.map.set(nodeKey(ref), hash);
  }

  get(ref: NodeRef): Hash {
    const hash = this.map.get(nodeKey(ref));
    if (!hash) throw new MissingNodeError(ref);
    return hash;
  }
}

export class MissingNodeError extends Error {
  constructor(readonly ref: NodeRef) {
    super(`ledger node level ${ref.level} index ${ref.index} is missing`);
    this.name = "MissingNodeError";
  }
}

/** MTH(D[start:end]) folded right to left from the range's perfect subtrees. */
export async function rangeHash(range: LeafRange, hashes: NodeHashes): Promise<Hash> {
  const nodes = perfectNodesOf(range);
  if (nodes.length === 0) return emptyTreeHash();
  let hash = hashes.get(nodes[nodes.length - 1]!);
  for (let i = nodes.length - 2; i >= 0; i--) hash = await nodeHash(hashes.get(nodes[i]!), hash);
  return hash;
}

export async function proofFromRanges(ranges: readonly LeafRange[], hashes: NodeHashes): Promise<Hash[]> {
  const proof: Hash[] = [];
  for (const range of ranges) proof.push(await rangeHash(range, hashes));
  return proof;
}

/** The perfect subtrees on the right edge of a tree of `size` leaves, left to right. */
export function frontierOf(size: number): NodeRef[] {
  return perfectNodesOf({ start: 0, end: size });
}

export interface AppendResult {
  /** Every node that completes, leaves included, in completion order. */
  nodes: StoredNode[];
  size: number;
  root: Hash;
  /** The new right edge, for the next append without another read. */
  frontier: StoredNode[];
}

/**
 * Appends leaf hashes to a tree of `frontier`'s size. `frontier` holds the hashes of
 * frontierOf(size) in that order.
 */
export async function appendLeaves(size: number, frontier: readonly StoredNode[], leaves: readonly Hash[]): Promise<AppendResult> {
  const expected = frontierOf(size);
  if (expected.length !== frontier.length || expected.some((ref, i) => ref.level !== frontier[i]!.level || ref.index !== frontier[i]!.index)) {
    throw new Error(`frontier does not match a tree of ${size} leaves`);
  }
  const stack: StoredNode[] = [...frontier];
  const nodes: StoredNode[] = [];
  let position = size;
  for (const leaf of leaves) {
    let node: StoredNode = { level: 0, index: position, hash: leaf };
    nodes.push(node);
    while (stack.length > 0 && stack[stack.length - 1]!.level === node.level) {
      const left = stack.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: await nodeHash(left.hash, node.hash) };
      nodes.push(node);
    }
    stack.push(node);
    position++;
  }
  return { nodes, size: position, root: await foldFrontier(stack), frontier: stack };
}

/** The root of a tree given its right edge (MTH of the whole tree). */
export async function foldFrontier(frontier: readonly StoredNode[]): Promise<Hash> {
  if (frontier.length === 0) return emptyTreeHash();
  let hash = frontier[frontier.length - 1]!.hash;
  for (let i = frontier.length - 2; i >= 0; i--) hash = await nodeHash(frontier[i]!.hash, hash);
  return hash;
}
