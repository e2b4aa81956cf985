/**
 * Recomputes the ledger from its stored entries and checks everything the portal has
 * published: each leaf's hash, every stored subtree hash (proofs are served from them),
 * every signed head's root and signature (each with the key that was valid at its size),
 * and — because the ledger's promise is that what the public sees is what was logged —
 * every public money row against its leaf, field by field (the API's totals are sums of
 * these rows, never stored counters). Reads in keyset pages, so it runs in bounded memory on a tree of any size.
 *
 * One module for every caller: `npm run ledger:verify` (local and --remote), the tests,
 * the admin verification endpoint and the Cron Trigger (worker/ledger/health.ts).
 */
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
import { ROW_SPECS, type RowClaim } from "./rows";
import { d1Sql, type SqlAll } from "./sql";

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
  sql: SqlAll;
  entries(afterIdx: number, limit: number): Promise<EntryRow[]>;
  /** Stored hashes of `level` with index in [from, to]. */
  nodes(level: number, from: number, to: number): Promise<{ idx: number; hash: string }[]>;
  heads(afterSize: number, limit: number): Promise<HeadRow[]>;
}

export function sqlLedgerReader(sql: SqlAll): LedgerReader {
  return {
    sql,
    entries: async (after, limit) =>
      (await sql<{ idx: number; type: string; subject_id: string; leaf: string }>("SELECT idx, type, subject_id, leaf FROM ledger_entries WHERE idx > ? ORDER BY idx LIMIT ?", [after, limit])).map((r) => ({
        idx: r.idx,
        type: r.type,
        subjectId: r.subject_id,
        leaf: r.leaf,
      })),
    nodes: (level, from, to) => sql<{ idx: number; hash: string }>("SELECT idx, hash FROM ledger_nodes WHERE level = ? AND idx BETWEEN ? AND ? ORDER BY idx", [level, from, to]),
    heads: async (after, limit) =>
      (await sql<{ tree_size: number; root_hash: string; timestamp: number; signature: string; key_id: string }>(
        "SELECT tree_size, root_hash, timestamp, signature, key_id FROM ledger_heads WHERE tree_size > ? ORDER BY tree_size LIMIT ?",
        [after, limit],
      )).map((r) => ({ treeSize: r.tree_size, rootHash: r.root_hash, timestamp: r.timestamp, signature: r.signature, keyId: r.key_id })),
  };
}

export function d1LedgerReader(d1: D1Database): LedgerReader {
  return sqlLedgerReader(d1Sql(d1));
}

export type ProblemKind =
  | "sequence"
  | "leaf"
  | "leaf_hash"
  | "node"
  | "missing_node"
  | "head_root"
  | "head_signature"
  | "head_key"
  | "head_size"
  /** A public row differs from its leaf in `field`. */
  | "row_field"
  /** A ledger entry no row claims, or a row that names no entry (or a wrong one). */
  | "row_missing"
  | "row_extra";

export interface LedgerProblem {
  /** The first entry the problem concerns (for a head or subtree: the first entry it covers that could explain it). */
  entry: number | null;
  kind: ProblemKind;
  message: string;
  /** For row problems: where. */
  table?: string;
  rowId?: string;
  field?: string;
}

export interface LedgerReport {
  ok: boolean;
  entries: number;
  heads: number;
  /** Public rows compared with their leaves. */
  rows: number;
  root: string;
  problems: LedgerProblem[];
}

/** One signing key and the first tree size it signs (RFC 6962-style key rotation). */
export interface VerificationKey {
  keyId: string;
  publicKey: CryptoKey;
  validFromSize: number;
}

export interface VerifyOptions {
  /** Verification key for every head (no rotation); prefer `keys`. */
  publicKey?: CryptoKey;
  keyId?: string;
  /** The key history: each head must be signed by the key whose range holds its size. */
  keys?: readonly VerificationKey[];
  /** "all" (default) checks every head's signature; "latest" only the newest (cheaper, for the cron). */
  signatures?: "all" | "latest";
  pageSize?: number;
  /** Stop after this many problems (default 20). */
  maxProblems?: number;
  /** Skip the public-row cross-check (only the tree and heads). */
  treeOnly?: boolean;
  onProgress?: (entries: number) => void;
}

/** The key a head of this size must be signed with, or undefined before the first key. */
export function keyForSize(keys: readonly VerificationKey[], treeSize: number): VerificationKey | undefined {
  let found: VerificationKey | undefined;
  for (const key of keys) if (key.validFromSize <= treeSize && (!found || key.validFromSize > found.validFromSize)) found = key;
  return found;
}

export async function verifyLedger(reader: LedgerReader, options: VerifyOptions = {}): Promise<LedgerReport> {
  const pageSize = options.pageSize ?? 1000;
  const maxProblems = options.maxProblems ?? 20;
  const keys: readonly VerificationKey[] = options.keys ?? (options.publicKey ? [{ keyId: options.keyId ?? "", publicKey: options.publicKey, validFromSize: 1 }] : []);
  const problems: LedgerProblem[] = [];
  const report = (p: LedgerProblem) => problems.push(p);
  let frontier: StoredNode[] = [];
  let size = 0;
  let headsChecked = 0;
  let rowsChecked = 0;
  let pendingHeads: HeadRow[] = [];
  let lastHeadSize = 0;
  let headsDone = false;
  let lastHead: HeadRow | undefined;

  const checkSignature = async (head: HeadRow) => {
    const key = keyForSize(keys, head.treeSize);
    if (!key) {
      report({ entry: null, kind: "head_key", message: `no known key was valid for the head of size ${head.treeSize}` });
      return;
    }
    if (key.keyId && head.keyId !== key.keyId) report({ entry: null, kind: "head_key", message: `head of size ${head.treeSize} names key ${head.keyId}, but key ${key.keyId} signs from size ${key.validFromSize} on` });
    const valid = await verifyTreeHead({ treeSize: head.treeSize, timestamp: head.timestamp, rootHash: fromHex(head.rootHash) }, fromBase64(head.signature), key.publicKey).catch(() => false);
    if (!valid) report({ entry: null, kind: "head_signature", message: `signature of the head of size ${head.treeSize} does not verify with key ${key.keyId}` });
  };

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
      lastHead = head;
      if (head.treeSize < treeSize) continue; // cannot happen: heads are checked as the tree grows
      const root = await foldFrontier(frontier);
      if (toHex(root) !== head.rootHash) {
        report({ entry: null, kind: "head_root", message: `signed head of size ${head.treeSize} has root ${head.rootHash}, the entries give ${toHex(root)}` });
      }
      if (keys.length > 0 && options.signatures !== "latest") await checkSignature(head);
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
    if (!options.treeOnly) rowsChecked += await checkRowsAgainstLeaves(reader.sql, rows, report);
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
  if (keys.length > 0 && options.signatures === "latest" && lastHead) await checkSignature(lastHead);
  if (!options.treeOnly && problems.length < maxProblems) await checkOrphanRows(reader.sql, size, report);
  const root = toHex(await foldFrontier(frontier));
  // Problems that pin one entry come first; subtree and head mismatches follow from them.
  const rank = (p: LedgerProblem) => (p.kind === "sequence" || p.kind === "leaf" || p.kind === "leaf_hash" ? 0 : p.kind.startsWith("row") ? 1 : 2);
  problems.sort((a, b) => rank(a) - rank(b) || (a.entry ?? Number.MAX_SAFE_INTEGER) - (b.entry ?? Number.MAX_SAFE_INTEGER));
  return { ok: problems.length === 0, entries: size, heads: headsChecked, rows: rowsChecked, root, problems };
}

const fieldText = (v: unknown) => (v === undefined ? "absent" : canonicalJson(v));

/**
 * Every entry of the page must be claimed by exactly one public row, of a table whose
 * rows imply that entry's type, with every field equal. Range reads on the unique
 * ledger-index columns: a few indexed statements per page.
 */
async function checkRowsAgainstLeaves(sql: SqlAll, entries: readonly EntryRow[], report: (p: LedgerProblem) => void): Promise<number> {
  const from = entries[0]!.idx;
  const to = entries[entries.length - 1]!.idx;
  const claims = new Map<number, RowClaim[]>();
  for (const spec of ROW_SPECS) {
    for (const row of await sql<Record<string, string | number | null>>(spec.claimsSql, [from, to])) {
      const claim = await spec.toClaim(row);
      claims.set(claim.index, [...(claims.get(claim.index) ?? []), claim]);
    }
  }
  let checked = 0;
  for (const entry of entries) {
    const found = claims.get(entry.idx) ?? [];
    let leaf: Record<string, unknown>;
    try {
      leaf = JSON.parse(entry.leaf) as Record<string, unknown>;
    } catch {
      continue; // reported by leafProblem
    }
    const matching = found.filter((c) => c.expected.type === leaf.type);
    if (found.length === 0) {
      report({ entry: entry.idx, kind: "row_missing", message: `entry ${entry.idx} (${String(leaf.type)} ${String(leaf.id)}) has no public row that names it` });
      continue;
    }
    for (const claim of found) {
      if (claim !== matching[0]) {
        report({ entry: entry.idx, kind: "row_extra", table: claim.table, rowId: claim.rowId, field: "ledger_index", message: `${claim.table} ${claim.rowId}: names entry ${entry.idx}, a ${String(leaf.type)} entry ${matching.length > 0 ? "already claimed by another row" : "its row cannot be"}` });
      }
    }
    const claim = matching[0];
    if (!claim) continue;
    checked++;
    const fields = new Set([...Object.keys(claim.expected), ...Object.keys(leaf)]);
    fields.delete("schema");
    for (const field of [...fields].sort()) {
      if (claim.leafOnly.includes(field)) continue;
      const expected = claim.expected[field] ?? undefined;
      const actual = leaf[field] ?? undefined;
      if (fieldText(expected) !== fieldText(actual)) {
        report({
          entry: entry.idx,
          kind: "row_field",
          table: claim.table,
          rowId: claim.rowId,
          field,
          message: `${claim.table} ${claim.rowId}: ${field} is ${fieldText(expected)} in the row but ${fieldText(actual)} in its signed leaf (entry ${entry.idx})`,
        });
      }
    }
    for (const d of claim.derived ?? []) {
      if (d.row !== d.expected) {
        report({ entry: entry.idx, kind: "row_field", table: claim.table, rowId: claim.rowId, field: d.field, message: `${claim.table} ${claim.rowId}: ${d.field} is ${fieldText(d.row)} but its signed leaf (entry ${entry.idx}) implies ${fieldText(d.expected)}` });
      }
    }
  }
  return checked;
}

/** Rows that should have an entry but name none inside the tree. */
async function checkOrphanRows(sql: SqlAll, size: number, report: (p: LedgerProblem) => void) {
  for (const spec of ROW_SPECS) {
    for (const row of await sql<Record<string, string | number | null>>(spec.orphansSql, [size])) {
      const index = row.ledger_index;
      report({
        entry: null,
        kind: "row_missing",
        table: spec.table,
        rowId: String(row.row_id),
        field: spec.indexColumn,
        message: `${spec.table} ${String(row.row_id)}: ${spec.indexColumn} is ${index === null ? "empty" : `${index}, outside the ${size} entries of the tree`}; the row has no leaf`,
      });
    }
  }
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
