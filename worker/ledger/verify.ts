/**
 * Recomputes the ledger from its stored entries and checks everything the portal has
 * published: each leaf's hash, every stored subtree hash (proofs are served from them),
 * every signed head's root and signature. Reads in pages, so it runs in bounded memory
 * on a tree of any size. `npm run ledger:verify` wraps it (scripts/ledger-verify.ts).
 */
import { and, asc, between, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { ledgerEntries, ledgerHeads, ledgerNodes } from "../db/schema";
import {
  appendLeaves,
  bytesEqual,
  canonicalJson,
  foldFrontier,
  fromBase64,
  fromHex,
  leafHashOf,
  toHex,
  verifyTreeHead,
  type StoredNode,
} from "../domain/ledger";

export interface EntryRow {
  idx: number;
  type: string;
  subjectId: string;
  leaf: string;
}
export interface HeadRow {
  treeSize: number;
  rootHash: string;
  timestamp: number;
  signature: string;
  keyId: string;
}

/** Where the verifier reads: local D1, remote D1 through wrangler, or a test database. */
export interface LedgerReader {
  entries(afterIdx: number, limit: number): Promise<EntryRow[]>;
  /** Stored hashes of `level` with index in [from, to]. */
  nodes(level: number, from: number, to: number): Promise<{ idx: number; hash: string }[]>;
  heads(afterSize: number, limit: number): Promise<HeadRow[]>;
}

export function d1LedgerReader(db: Db): LedgerReader {
  return {
    entries: (after, limit) =>
      db
        .select({ idx: ledgerEntries.idx, type: ledgerEntries.type, subjectId: ledgerEntries.subjectId, leaf: ledgerEntries.leaf })
        .from(ledgerEntries)
        .where(gt(ledgerEntries.idx, after))
        .orderBy(asc(ledgerEntries.idx))
        .limit(limit),
    nodes: (level, from, to) =>
      db
        .select({ idx: ledgerNodes.idx, hash: ledgerNodes.hash })
        .from(ledgerNodes)
        .where(and(eq(ledgerNodes.level, level), between(ledgerNodes.idx, from, to)))
        .orderBy(asc(ledgerNodes.idx)),
    heads: (after, limit) => db.select().from(ledgerHeads).where(gt(ledgerHeads.treeSize, after)).orderBy(asc(ledgerHeads.treeSize)).limit(limit),
  };
}

export interface LedgerProblem {
  /** The first entry the problem concerns (for a head or subtree: the first entry it covers that could explain it). */
  entry: number | null;
  kind: "sequence" | "leaf" | "leaf_hash" | "node" | "missing_node" | "head_root" | "head_signature" | "head_key" | "head_size";
  message: string;
}

export interface LedgerReport {
  ok: boolean;
  entries: number;
  heads: number;
  root: string;
  problems: LedgerProblem[];
}

export interface VerifyOptions {
  /** Verification key; without it signatures are not checked (reported as a problem). */
  publicKey?: CryptoKey;
  keyId?: string;
  pageSize?: number;
  /** Stop after this many problems (default 20). */
  maxProblems?: number;
  onProgress?: (entries: number) => void;
}

export async function verifyLedger(reader: LedgerReader, options: VerifyOptions = {}): Promise<LedgerReport> {
  const pageSize = options.pageSize ?? 1000;
  const maxProblems = options.maxProblems ?? 20;
  const problems: LedgerProblem[] = [];
  const report = (p: LedgerProblem) => problems.push(p);
  let frontier: StoredNode[] = [];
  let size = 0;
  let headsChecked = 0;
  let pendingHeads: HeadRow[] = [];
  let lastHeadSize = 0;
  let headsDone = false;

  const nextHeads = async () => {
    if (pendingHeads.length === 0 && !headsDone) {
      pendingHeads = await reader.heads(lastHeadSize, pageSize);
      if (pendingHeads.length === 0) headsDone = true;
    }
  };
  const checkHeadsAt = async (treeSize: number) => {
    for (;;) {
      await nextHeads();
      const head = pendingHeads[0];
      if (!head || head.treeSize > treeSize) return;
      pendingHeads.shift();
      lastHeadSize = head.treeSize;
      headsChecked++;
      if (head.treeSize < treeSize) continue; // cannot happen: heads are checked as the tree grows
      const root = await foldFrontier(frontier);
      if (toHex(root) !== head.rootHash) {
        report({ entry: null, kind: "head_root", message: `signed head of size ${head.treeSize} has root ${head.rootHash}, the entries give ${toHex(root)}` });
      }
      if (options.publicKey) {
        const valid = await verifyTreeHead({ treeSize: head.treeSize, timestamp: head.timestamp, rootHash: fromHex(head.rootHash) }, fromBase64(head.signature), options.publicKey).catch(() => false);
        if (!valid) report({ entry: null, kind: "head_signature", message: `signature of the head of size ${head.treeSize} does not verify` });
        if (options.keyId && head.keyId !== options.keyId) report({ entry: null, kind: "head_key", message: `head of size ${head.treeSize} names key ${head.keyId}, not ${options.keyId}` });
      }
    }
  };

  let after = -1;
  while (problems.length < maxProblems) {
    const rows = await reader.entries(after, pageSize);
    if (rows.length === 0) break;
    const chunkStart = size;
    const leafHashes: Uint8Array[] = [];
    for (const row of rows) {
      if (row.idx !== size + leafHashes.length) {
        report({ entry: size + leafHashes.length, kind: "sequence", message: `entry ${size + leafHashes.length} is missing (next stored index is ${row.idx})` });
        break;
      }
      const problem = leafProblem(row);
      if (problem) report({ entry: row.idx, kind: "leaf", message: `entry ${row.idx}: ${problem}` });
      leafHashes.push(await leafHashOf(row.leaf));
    }
    if (problems.some((p) => p.kind === "sequence")) break;
    // Append one entry at a time so every head is checked at its own size.
    const computed: StoredNode[] = [];
    for (let i = 0; i < leafHashes.length; i++) {
      const result = await appendLeaves(size, frontier, [leafHashes[i]!]);
      computed.push(...result.nodes);
      frontier = result.frontier;
      size = result.size;
      await checkHeadsAt(size);
    }
    await compareNodes(reader, chunkStart, computed, report);
    after = rows[rows.length - 1]!.idx;
    options.onProgress?.(size);
  }
  await nextHeads();
  for (const head of pendingHeads) {
    report({ entry: null, kind: "head_size", message: `signed head of size ${head.treeSize} is larger than the ${size} entries stored` });
  }
  const root = toHex(await foldFrontier(frontier));
  // Problems that pin one entry come first; subtree and head mismatches follow from them.
  const rank = (p: LedgerProblem) => (p.kind === "sequence" || p.kind === "leaf" || p.kind === "leaf_hash" ? 0 : 1);
  problems.sort((a, b) => rank(a) - rank(b) || (a.entry ?? Number.MAX_SAFE_INTEGER) - (b.entry ?? Number.MAX_SAFE_INTEGER));
  return { ok: problems.length === 0, entries: size, heads: headsChecked, root, problems };
}

function leafProblem(row: EntryRow): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.leaf);
  } catch {
    return "the leaf is not JSON";
  }
  try {
    if (canonicalJson(parsed) !== row.leaf) return "the leaf is not in canonical form";
  } catch (error) {
    return `the leaf cannot be canonical: ${(error as Error).message}`;
  }
  const leaf = parsed as Record<string, unknown>;
  if (leaf.type !== row.type) return `the leaf says type ${String(leaf.type)}, the row ${row.type}`;
  if (leaf.id !== row.subjectId) return `the leaf says id ${String(leaf.id)}, the row ${row.subjectId}`;
  return null;
}

/** Compares the subtree hashes a run of entries completes with the stored ones. */
async function compareNodes(reader: LedgerReader, chunkStart: number, computed: readonly StoredNode[], report: (p: LedgerProblem) => void) {
  const byLevel = new Map<number, StoredNode[]>();
  for (const node of computed) byLevel.set(node.level, [...(byLevel.get(node.level) ?? []), node]);
  for (const [level, nodes] of [...byLevel.entries()].sort((a, b) => a[0] - b[0])) {
    const stored = new Map((await reader.nodes(level, nodes[0]!.index, nodes[nodes.length - 1]!.index)).map((n) => [n.idx, n.hash]));
    for (const node of nodes) {
      const firstEntry = node.index * 2 ** level;
      const hash = stored.get(node.index);
      const span = level === 0 ? `entry ${firstEntry}` : `entries ${firstEntry}–${firstEntry + 2 ** level - 1}`;
      if (hash === undefined) report({ entry: Math.max(firstEntry, chunkStart), kind: "missing_node", message: `stored hash of ${span} (level ${level}) is missing` });
      else if (!bytesEqual(fromHex(hash), node.hash)) {
        report({
          entry: level === 0 ? firstEntry : Math.max(firstEntry, chunkStart),
          kind: level === 0 ? "leaf_hash" : "node",
          message: level === 0 ? `entry ${firstEntry}: its leaf hashes to ${toHex(node.hash)} but ${hash} is stored and was signed` : `stored hash of ${span} (level ${level}) does not match the entries`,
        });
      }
    }
  }
}
