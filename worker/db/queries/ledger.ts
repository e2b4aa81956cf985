/**
 * Ledger storage: entries, perfect-subtree hashes and signed heads. Appends are prepared
 * here as statements for the caller's batch (the same batch as the domain write), and
 * proofs read only the O(log n) subtree hashes they need.
 */
import { and, asc, desc, eq, gte, gt, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import {
  appendLeaves,
  consistencyRanges,
  frontierOf,
  fromHex,
  inclusionRanges,
  ledgerLeaf,
  leafHashOf,
  NodeHashes,
  nodesForRanges,
  proofFromRanges,
  signTreeHead,
  toBase64,
  toHex,
  type LedgerEntryInput,
  type LedgerKey,
  type NodeRef,
  type StoredNode,
} from "../../domain/ledger";
import { chunk, rowsPerStatement } from "../batch";
import type { Db } from "../client";
import { ledgerEntries, ledgerHeads, ledgerNodes } from "../schema";
import { bumpDatasetVersion } from "./dataset-versions";
import { registerKeyStatement } from "../../ledger/keys";

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
export type LedgerHeadRow = typeof ledgerHeads.$inferSelect;

/** Leaves in the tree now: entries are contiguous from 0, so max(idx) + 1 (a PK lookup). */
export async function currentTreeSize(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number | null>`max(${ledgerEntries.idx}) + 1` }).from(ledgerEntries);
  return rows[0]?.n ?? 0;
}

/** Pairs per statement: two bound parameters each, D1 allows 100. */
const NODE_KEYS_PER_STATEMENT = 45;

/** Reads exactly the given subtree hashes (one round trip, a few statements). */
export async function readNodes(db: Db, refs: readonly NodeRef[]): Promise<NodeHashes> {
  const hashes = new NodeHashes();
  if (refs.length === 0) return hashes;
  const statements = chunk(refs, NODE_KEYS_PER_STATEMENT).map((part) =>
    db
      .select()
      .from(ledgerNodes)
      // An OR of primary-key equalities: SQLite answers it with one PK search per node
      // (MULTI-INDEX OR); a row-value IN (VALUES …) would scan the whole table.
      .where(or(...part.map((r) => and(eq(ledgerNodes.level, r.level), eq(ledgerNodes.idx, r.index))))),
  );
  const [first, ...rest] = statements;
  const results = await db.batch([first!, ...rest]);
  for (const rows of results) for (const row of rows) hashes.set({ level: row.level, index: row.idx }, fromHex(row.hash));
  return hashes;
}

/** The tree's state an append starts from; carried across appends by bulk loaders. */
export interface LedgerTip {
  size: number;
  frontier: StoredNode[];
}

export async function readTip(db: Db): Promise<LedgerTip> {
  const size = await currentTreeSize(db);
  const refs = frontierOf(size);
  // Perfect subtrees never change once complete, so reading them after the size is safe:
  // if another write got in between, our insert at `size` fails and nothing is written.
  const hashes = await readNodes(db, refs);
  return { size, frontier: refs.map((ref) => ({ ...ref, hash: hashes.get(ref) })) };
}

export interface AppendedEntry {
  index: number;
  type: string;
  subjectId: string;
  leaf: string;
  leafHash: string;
  recordedAt: string;
}

export interface SignedHead {
  treeSize: number;
  rootHash: string;
  timestamp: number;
  signature: string;
  keyId: string;
}

export interface PreparedAppend {
  statements: BatchItem<"sqlite">[];
  entries: AppendedEntry[];
  head: SignedHead;
  tip: LedgerTip;
}

/**
 * Statements that append `inputs` to the ledger, store every subtree they complete and a
 * new signed head. Put them in the same batch as the write they record: either all of
 * it lands or none. A concurrent append trips the write guard (the whole batch rolls
 * back), so the tree can never fork; read the tip BEFORE validating the domain write and
 * every write that passed validation on stale data is refused the same way.
 */
export async function prepareAppend(db: Db, key: LedgerKey, inputs: readonly LedgerEntryInput[], now = new Date(), tip?: LedgerTip): Promise<PreparedAppend> {
  if (inputs.length === 0) throw new Error("nothing to append");
  const start = tip ?? (await readTip(db));
  const leaves = inputs.map((input) => ledgerLeaf(input));
  const leafHashes = await Promise.all(leaves.map(leafHashOf));
  const result = await appendLeaves(start.size, start.frontier, leafHashes);
  const timestamp = now.getTime();
  const signature = await signTreeHead({ treeSize: result.size, timestamp, rootHash: result.root }, key.privateKey);
  const head: SignedHead = { treeSize: result.size, rootHash: toHex(result.root), timestamp, signature: toBase64(signature), keyId: key.keyId };

  const entries: AppendedEntry[] = inputs.map((input, i) => ({
    index: start.size + i,
    type: input.type,
    subjectId: input.subjectId,
    leaf: leaves[i]!,
    leafHash: toHex(leafHashes[i]!),
    recordedAt: input.recordedAt,
  }));
  const statements: BatchItem<"sqlite">[] = [
    // If another write appended since we read the tip, the in-order trigger aborts the whole
    // batch as a write_guard abort (409 for admin writes) instead of forking the tree.
    ...chunk(entries, rowsPerStatement(5)).map((part) =>
      db.insert(ledgerEntries).values(part.map((e) => ({ idx: e.index, type: e.type, subjectId: e.subjectId, leaf: e.leaf, recordedAt: e.recordedAt }))),
    ),
    ...chunk(result.nodes, rowsPerStatement(3)).map((part) =>
      db.insert(ledgerNodes).values(part.map((n) => ({ level: n.level, idx: n.index, hash: toHex(n.hash) }))),
    ),
    // Rotation: the first head a new key signs registers it (no-op for a known key).
    registerKeyStatement(db, key, result.size, timestamp),
    db.insert(ledgerHeads).values(head),
    bumpDatasetVersion(db, "ledger", now),
  ];
  return { statements, entries, head, tip: { size: result.size, frontier: result.frontier } };
}

export async function getLatestHead(db: Db): Promise<LedgerHeadRow | undefined> {
  const rows = await db.select().from(ledgerHeads).orderBy(desc(ledgerHeads.treeSize)).limit(1);
  return rows[0];
}

export async function getHead(db: Db, treeSize: number): Promise<LedgerHeadRow | undefined> {
  const rows = await db.select().from(ledgerHeads).where(eq(ledgerHeads.treeSize, treeSize)).limit(1);
  return rows[0];
}

export interface EntryFilters {
  /** First index (inclusive). */
  start?: number;
  /** Last index (exclusive). */
  end?: number;
  type?: string;
}

export type LedgerEntryWithHash = LedgerEntryRow & { leafHash: string | null; demo: boolean };

/**
 * Whether the row an entry records is demo data: the entry's subject is a donation, a
 * donation allocation (its donation), a fund allocation or disbursement (its project), a
 * project (its budget), a notice (its fingerprint), a need's pledge or delivery (the need).
 * Primary-key lookups only; a subject found nowhere (a snapshot) is not demo.
 */
const entryIsDemo = sql<number>`coalesce(
  (SELECT d.is_demo FROM donations d WHERE d.id = ${ledgerEntries.subjectId}),
  (SELECT d.is_demo FROM donation_allocations a JOIN donations d ON d.id = a.donation_id WHERE a.id = ${ledgerEntries.subjectId}),
  (SELECT p.is_demo FROM fund_allocations a JOIN fund_projects p ON p.id = a.project_id WHERE a.id = ${ledgerEntries.subjectId}),
  (SELECT p.is_demo FROM disbursements x JOIN fund_projects p ON p.id = x.project_id WHERE x.id = ${ledgerEntries.subjectId}),
  (SELECT p.is_demo FROM fund_projects p WHERE p.id = ${ledgerEntries.subjectId}),
  (SELECT n.is_demo FROM notices n WHERE n.id = ${ledgerEntries.subjectId}),
  (SELECT p.is_demo FROM need_pledges p WHERE p.id = ${ledgerEntries.subjectId}),
  (SELECT n.is_demo FROM need_deliveries x JOIN needs n ON n.id = x.need_id WHERE x.id = ${ledgerEntries.subjectId}),
  0)`;

export async function listEntries(db: Db, filters: EntryFilters, after: number | undefined, limit: number): Promise<LedgerEntryWithHash[]> {
  const where: (SQL | undefined)[] = [];
  if (filters.start !== undefined) where.push(gte(ledgerEntries.idx, filters.start));
  if (filters.end !== undefined) where.push(lt(ledgerEntries.idx, filters.end));
  if (filters.type !== undefined) where.push(eq(ledgerEntries.type, filters.type));
  if (after !== undefined) where.push(gt(ledgerEntries.idx, after));
  return db
    .select({ idx: ledgerEntries.idx, type: ledgerEntries.type, subjectId: ledgerEntries.subjectId, leaf: ledgerEntries.leaf, recordedAt: ledgerEntries.recordedAt, leafHash: ledgerNodes.hash, demo: sql<boolean>`${entryIsDemo}`.mapWith((v) => Number(v) === 1) })
    .from(ledgerEntries)
    .leftJoin(ledgerNodes, and(eq(ledgerNodes.level, 0), eq(ledgerNodes.idx, ledgerEntries.idx)))
    .where(and(...where))
    .orderBy(asc(ledgerEntries.idx))
    .limit(limit);
}

export async function getEntry(db: Db, index: number): Promise<(LedgerEntryRow & { demo: boolean }) | undefined> {
  const rows = await db
    .select({ idx: ledgerEntries.idx, type: ledgerEntries.type, subjectId: ledgerEntries.subjectId, leaf: ledgerEntries.leaf, recordedAt: ledgerEntries.recordedAt, demo: sql<boolean>`${entryIsDemo}`.mapWith((v) => Number(v) === 1) })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.idx, index))
    .limit(1);
  return rows[0];
}

export async function getEntriesByIndex(db: Db, indexes: readonly number[]): Promise<LedgerEntryRow[]> {
  const out: LedgerEntryRow[] = [];
  for (const part of chunk([...new Set(indexes)], 90)) {
    out.push(...(await db.select().from(ledgerEntries).where(inArray(ledgerEntries.idx, part))));
  }
  return out.sort((a, b) => a.idx - b.idx);
}

export interface InclusionProof {
  leaf_index: number;
  tree_size: number;
  leaf_hash: string;
  audit_path: string[];
}

/** Inclusion proofs of several leaves in one tree, reading each needed hash once. */
export async function inclusionProofs(db: Db, indexes: readonly number[], treeSize: number): Promise<InclusionProof[]> {
  const plans = indexes.map((index) => ({ index, ranges: inclusionRanges(index, treeSize) }));
  const refs = new Map<string, NodeRef>();
  for (const plan of plans) {
    refs.set(`0:${plan.index}`, { level: 0, index: plan.index });
    for (const ref of nodesForRanges(plan.ranges)) refs.set(`${ref.level}:${ref.index}`, ref);
  }
  const hashes = await readNodes(db, [...refs.values()]);
  const proofs: InclusionProof[] = [];
  for (const plan of plans) {
    const path = await proofFromRanges(plan.ranges, hashes);
    proofs.push({ leaf_index: plan.index, tree_size: treeSize, leaf_hash: toHex(hashes.get({ level: 0, index: plan.index })), audit_path: path.map(toHex) });
  }
  return proofs;
}

export async function consistencyProof(db: Db, first: number, second: number): Promise<string[]> {
  const ranges = consistencyRanges(first, second);
  const hashes = await readNodes(db, nodesForRanges(ranges));
  return (await proofFromRanges(ranges, hashes)).map(toHex);
}
