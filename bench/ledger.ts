/**
 * Ledger bench (issue 5): `npx tsx bench/ledger.ts` prints measureLedger()'s figures;
 * `npm run bench` finds runLedgerBench() (BenchResult rows, no server needed).
 *  1. appends 100,000 entries through the real append code (readTip → prepareAppend →
 *     the same batch statements as an admin write, each with a new signed head), in
 *     writes of 100 entries, and 5,000 more as single-entry writes (one per admin write);
 *  2. grows the same tree past 1,000,000 entries with a fast loader (node crypto, bulk
 *     inserts), continuing from the stored frontier;
 *  3. times inclusion and consistency proofs on it through the real proof queries, and
 *     counts the stored hashes each proof reads.
 * Storage is a scratch SQLite file with the project's migrations, reached through
 * drizzle's D1 driver over node:sqlite (scripts/sqlite-d1.ts).
 */
import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createDb } from "../worker/db/client";
import { consistencyProof, inclusionProofs, prepareAppend, readTip } from "../worker/db/queries/ledger";
import { consistencyRanges, foldFrontier, fromHex, importSigningKey, inclusionRanges, ledgerLeaf, nodesForRanges, signTreeHead, toBase64, toHex, verifyConsistency, verifyInclusion, type LedgerEntryInput, type StoredNode } from "../worker/domain/ledger";
import { openSqliteAsD1 } from "../scripts/sqlite-d1";
import type { BenchResult } from "./lib/types";

const APPEND_ENTRIES = 100_000;
const ENTRIES_PER_WRITE = 100;
const SINGLE_WRITES = 5_000;
const BIG_TREE = 1_048_583; // past 2^20, so the right edge is ragged as in real life
const PROOFS = 2_000;

function entry(i: number): LedgerEntryInput {
  return {
    type: i % 3 === 0 ? "donation" : i % 3 === 1 ? "donation_allocation" : "disbursement",
    subjectId: `bench_${i.toString(36).padStart(8, "0")}`,
    recordedAt: new Date(1_500_000_000_000 + i * 1000).toISOString(),
    fields: { amount_fen: 1 + ((i * 7919) % 10_000_000), date: "2018-06-01", project_id: `prj_${(i % 997).toString(36)}` },
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** This part needs no running server: it works on its own scratch SQLite file. */
export const needsServer = false;

/** The ledger figures by name (what `npx tsx bench/ledger.ts` prints). */
export async function measureLedger(): Promise<Record<string, string | number>> {
  const dir = join("bench", "out");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `ledger-bench-${process.pid}.sqlite`);
  rmSync(file, { force: true });
  const { d1, sqlite } = openSqliteAsD1(file);
  try {
    for (const migration of readdirSync("migrations").filter((f) => f.endsWith(".sql")).sort()) sqlite.exec(readFileSync(join("migrations", migration), "utf8"));
    const db = createDb(d1);
    const secret = generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
    const key = await importSigningKey(secret);
    const figures: Record<string, string | number> = {};

    // 1a. Bulk writes: 100 entries per write, each write reads the tip from the database.
    let started = performance.now();
    for (let i = 0; i < APPEND_ENTRIES; i += ENTRIES_PER_WRITE) {
      const inputs = Array.from({ length: ENTRIES_PER_WRITE }, (_, j) => entry(i + j));
      const append = await prepareAppend(db, key, inputs, new Date());
      await db.batch([append.statements[0]!, ...append.statements.slice(1)]);
    }
    let seconds = (performance.now() - started) / 1000;
    figures.append_entries = APPEND_ENTRIES;
    figures.append_entries_per_write = ENTRIES_PER_WRITE;
    figures.append_entries_per_s = Math.round(APPEND_ENTRIES / seconds);

    // 1b. One entry per write, as every admin write appends (tip read, hashes, signature, batch).
    started = performance.now();
    for (let i = 0; i < SINGLE_WRITES; i++) {
      const append = await prepareAppend(db, key, [entry(APPEND_ENTRIES + i)], new Date());
      await db.batch([append.statements[0]!, ...append.statements.slice(1)]);
    }
    seconds = (performance.now() - started) / 1000;
    figures.single_entry_writes = SINGLE_WRITES;
    figures.single_entry_writes_per_s = Math.round(SINGLE_WRITES / seconds);

    // 2. Grow past a million entries from the stored frontier (fast loader).
    started = performance.now();
    const tip = await readTip(db);
    const size = await growTree(sqlite, tip.size, tip.frontier, BIG_TREE);
    const root = await foldFrontier(await readTip(db).then((t) => t.frontier));
    const timestamp = Date.now();
    const signature = await signTreeHead({ treeSize: size, timestamp, rootHash: root }, key.privateKey);
    sqlite.prepare("INSERT INTO ledger_heads (tree_size, root_hash, timestamp, signature, key_id) VALUES (?, ?, ?, ?, ?)").run(size, toHex(root), timestamp, toBase64(signature), key.keyId);
    figures.tree_size = size;
    figures.grow_seconds = Number(((performance.now() - started) / 1000).toFixed(1));

    // 3. Proofs through the real proof queries, checked once for correctness.
    const indexes = Array.from({ length: PROOFS }, (_, i) => Math.floor(((i * 2654435761) % 4294967296) / 4294967296 * size));
    const inclusionTimes: number[] = [];
    for (const index of indexes) {
      const t = performance.now();
      await inclusionProofs(db, [index], size);
      inclusionTimes.push(performance.now() - t);
    }
    const sample = (await inclusionProofs(db, [indexes[7]!], size))[0]!;
    if (!(await verifyInclusion(fromHex(sample.leaf_hash), sample.leaf_index, size, sample.audit_path.map(fromHex), root))) throw new Error("inclusion proof does not verify");
    const consistencyTimes: number[] = [];
    for (const index of indexes) {
      const first = Math.max(1, index);
      const t = performance.now();
      await consistencyProof(db, first, size);
      consistencyTimes.push(performance.now() - t);
    }
    const firstSize = 100_000;
    const firstRoot = sqlite.prepare("SELECT root_hash FROM ledger_heads WHERE tree_size = ?").get(firstSize) as { root_hash: string };
    const cproof = await consistencyProof(db, firstSize, size);
    if (!(await verifyConsistency(firstSize, size, fromHex(firstRoot.root_hash), root, cproof.map(fromHex)))) throw new Error("consistency proof does not verify");
    inclusionTimes.sort((a, b) => a - b);
    consistencyTimes.sort((a, b) => a - b);
    figures.inclusion_proof_p50_ms = Number(percentile(inclusionTimes, 50).toFixed(3));
    figures.inclusion_proof_p99_ms = Number(percentile(inclusionTimes, 99).toFixed(3));
    figures.inclusion_hashes_read_max = Math.max(...indexes.map((i) => nodesForRanges(inclusionRanges(i, size)).length + 1));
    figures.consistency_proof_p50_ms = Number(percentile(consistencyTimes, 50).toFixed(3));
    figures.consistency_proof_p99_ms = Number(percentile(consistencyTimes, 99).toFixed(3));
    figures.consistency_hashes_read_max = Math.max(...indexes.map((i) => nodesForRanges(consistencyRanges(Math.max(1, i), size)).length));
    figures.proofs_timed = PROOFS;
    figures.db_file_mb = Number(((sqlite.prepare("SELECT page_count * page_size AS b FROM pragma_page_count(), pragma_page_size()").get() as { b: number }).b / 1e6).toFixed(0));
    return figures;
  } finally {
    sqlite.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
}

/** Appends synthetic entries up to `target` with node's sync SHA-256 and bulk inserts. */
async function growTree(sqlite: import("node:sqlite").DatabaseSync, from: number, frontier: StoredNode[], target: number): Promise<number> {
  const sha = (...parts: Uint8Array[]) => {
    const h = createHash("sha256");
    for (const p of parts) h.update(p);
    return new Uint8Array(h.digest());
  };
  const insertEntry = sqlite.prepare("INSERT INTO ledger_entries (idx, type, subject_id, leaf, recorded_at) VALUES (?, ?, ?, ?, ?)");
  const insertNode = sqlite.prepare("INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)");
  const stack = frontier.map((n) => ({ level: n.level, index: n.index, hash: n.hash }));
  let position = from;
  while (position < target) {
    const end = Math.min(target, position + 20_000);
    sqlite.exec("BEGIN");
    for (; position < end; position++) {
      const input = entry(position);
      const leaf = ledgerLeaf(input);
      let node = { level: 0, index: position, hash: sha(new Uint8Array([0]), Buffer.from(leaf)) };
      insertEntry.run(position, input.type, input.subjectId, leaf, input.recordedAt);
      insertNode.run(0, position, toHex(node.hash));
      while (stack.length > 0 && stack[stack.length - 1]!.level === node.level) {
        const left = stack.pop()!;
        node = { level: node.level + 1, index: left.index / 2, hash: sha(new Uint8Array([1]), left.hash, node.hash) };
        insertNode.run(node.level, node.index, toHex(node.hash));
      }
      stack.push(node);
    }
    sqlite.exec("COMMIT");
  }
  return position;
}

/** The part `npm run bench` discovers (bench/lib/types.ts): the same figures as rows. */
export async function runLedgerBench(): Promise<BenchResult[]> {
  const f = await measureLedger();
  const method = "real append/proof code via drizzle D1 driver on node:sqlite (scratch file)";
  return [
    { name: `Ledger append, ${f.append_entries} entries in writes of ${f.append_entries_per_write}`, method, extra: { "entries/s": f.append_entries_per_s! } },
    { name: `Ledger append, ${f.single_entry_writes} single-entry writes`, method, extra: { "writes/s": f.single_entry_writes_per_s! } },
    {
      name: `Inclusion proof, tree of ${f.tree_size} entries`,
      method: `${method}, ${f.proofs_timed} random leaves`,
      p50Ms: Number(f.inclusion_proof_p50_ms),
      p99Ms: Number(f.inclusion_proof_p99_ms),
      extra: { "hashes read (max)": f.inclusion_hashes_read_max! },
    },
    {
      name: `Consistency proof, tree of ${f.tree_size} entries`,
      method: `${method}, ${f.proofs_timed} random first sizes`,
      p50Ms: Number(f.consistency_proof_p50_ms),
      p99Ms: Number(f.consistency_proof_p99_ms),
      extra: { "hashes read (max)": f.consistency_hashes_read_max! },
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const figures = await measureLedger();
  console.log("Ledger bench");
  for (const [name, value] of Object.entries(figures)) console.log(`  ${name.padEnd(30)} ${value}`);
}
