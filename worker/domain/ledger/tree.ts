/**
 * The shape of an RFC 6962 Merkle tree, without any hashing or storage. A tree over
 * leaves D[0:n] splits at k, the largest power of two smaller than n (RFC 9162 §2.1.1),
 * so every subtree that a proof mentions is either a perfect subtree (2^level leaves
 * starting at a multiple of 2^level) or a right-edge subtree that decomposes into at most
 * log2(n) perfect ones. Storing each perfect subtree's hash once it completes is what lets
 * the ledger answer any proof with O(log n) reads (see worker/db/queries/ledger.ts).
 *
 * Sizes and indexes are plain numbers below 2^53; the arithmetic avoids 32-bit bit
 * operators on purpose.
 */

/** A perfect subtree: leaves [index·2^level, (index+1)·2^level). Level 0 is a leaf. */
export interface NodeRef {
  level: number;
  index: number;
}

/** Leaves [start, end) of the tree. */
export interface LeafRange {
  start: number;
  end: number;
}

export const nodeKey = (ref: NodeRef): string => `${ref.level}:${ref.index}`;

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** k with k < n <= 2k, for n >= 2 (the split point of MTH). */
export function largestPowerOfTwoBelow(n: number): number {
  if (n < 2) throw new RangeError("n must be at least 2");
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that make up a range met in the MTH recursion, left to right
 * (descending sizes). Such a range starts at a multiple of its largest power-of-two part.
 */
export function perfectNodesOf(range: LeafRange): NodeRef[] {
  const nodes: NodeRef[] = [];
  let position = range.start;
  let remaining = range.end - range.start;
  let size = 1;
  let level = 0;
  while (size * 2 <= remaining) {
    size *= 2;
    level++;
  }
  while (remaining > 0) {
    if (size <= remaining) {
      if (position % size !== 0) throw new RangeError(`range [${range.start}, ${range.end}) is not aligned`);
      nodes.push({ level, index: position / size });
      position += size;
      remaining -= size;
    }
    size /= 2;
    level--;
  }
  return nodes;
}

/**
 * The subtrees whose hashes form the inclusion proof of leaf `index` in a tree of
 * `size` leaves, in proof order (nearest the leaf first): RFC 9162 §2.1.3.1 PATH.
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  assertIndex(index, size);
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = size;
  let m = index;
  // Walk down from the root, collecting siblings; PATH lists them bottom-up.
  while (end - start > 1) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m < k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
    }
  }
  return ranges.reverse();
}

/**
 * The subtrees whose hashes form the consistency proof between the trees of `first` and
 * `second` leaves, in proof order: RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], true).
 */
export function consistencyRanges(first: number, second: number): LeafRange[] {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) {
    throw new RangeError("consistency needs 1 <= first <= second");
  }
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = second;
  let m = first;
  let complete = true;
  while (m !== end - start) {
    const n = end - start;
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) ranges.push({ start, end });
  return ranges.reverse();
}

/** Every perfect subtree the given ranges need, deduplicated. */
export function nodesForRanges(ranges: readonly LeafRange[]): NodeRef[] {
  const seen = new Map<string, NodeRef>();
  for (const range of ranges) for (const node of perfectNodesOf(range)) seen.set(nodeKey(node), node);
  return [...seen.values()];
}

export function assertIndex(index: number, size: number): void {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError("tree size must be at least 1");
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new RangeError("leaf index must be below the tree size");
}

/**
 * The perfect subtrees that complete when leaf `position` is appended (its own leaf
 * node first, then each parent that it completes). Used by verification to know which
 * stored nodes a run of leaves must have produced.
 */
export function nodesCompletedBy(position: number): NodeRef[] {
  const nodes: NodeRef[] = [{ level: 0, index: position }];
  let count = position + 1;
  let level = 0;
  while (count % 2 === 0) {
    count /= 2;
    level++;
    nodes.push({ level, index: count - 1 });
  }
  return nodes;
}
