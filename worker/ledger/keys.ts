/**
 * Signing-key rotation as transparency logs do it: each key signs the heads from a given
 * tree size on (`ledger_keys`, migration 0009), every head names its key (`key_id`), the
 * history is public (GET /api/v1/ledger/keys), and verifiers check each old head with the
 * key that was valid at its size. Rotating is just setting a new LEDGER_SIGNING_KEY: the
 * first append signed with it registers it in the same batch (see registerKeyStatement).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { ledgerKeys } from "../db/schema";
import { fromBase64, importPublicKey, sha256, toBase64, toHex, type LedgerKey } from "../domain/ledger";
import { WriteRefusal } from "../writes/plan";
import type { SqlAll } from "./sql";
import { sqlLedgerReader, verifyLedger, type LedgerReport, type VerificationKey } from "./verify";

/**
 * Registers the signing key in the batch of an append whose first new head has size
 * `firstSize`: a no-op when the key is known. A key that signed heads before migration
 * 0009 is registered from its first such head, so old heads keep their own key.
 */
export function registerKeyStatement(db: Db, key: LedgerKey, firstSize: number, timestamp: number) {
  // CASE evaluates lazily: the scan of ledger_heads by key_id (no index) runs only once per
  // key, when it is not registered yet, never on the ordinary append.
  const known = sql`EXISTS (SELECT 1 FROM ledger_keys WHERE key_id = ${key.keyId})`;
  return db
    .insert(ledgerKeys)
    .values({
      keyId: key.keyId,
      publicKey: toBase64(key.spki),
      validFromSize: sql`CASE WHEN ${known} THEN ${firstSize} ELSE coalesce((SELECT min(tree_size) FROM ledger_heads WHERE key_id = ${key.keyId}), ${firstSize}) END`,
      validFromTimestamp: sql`CASE WHEN ${known} THEN ${timestamp} ELSE coalesce((SELECT timestamp FROM ledger_heads WHERE key_id = ${key.keyId} ORDER BY tree_size LIMIT 1), ${timestamp}) END`,
    })
    .onConflictDoNothing();
}

export interface KeyHistoryRow {
  key_id: string;
  public_key: string;
  valid_from_size: number;
  valid_from_timestamp: number;
}

export function readKeyHistory(all: SqlAll): Promise<KeyHistoryRow[]> {
  return all<KeyHistoryRow>("SELECT key_id, public_key, valid_from_size, valid_from_timestamp FROM ledger_keys ORDER BY valid_from_size");
}

/**
 * Verification keys from a history (the database's or a saved copy of /ledger/keys),
 * each checked against its id. `pinned`: the key the caller trusts as current (from the
 * secret or --public-key) must be the newest key of the history, so a history rewritten
 * in the database cannot introduce an attacker's key without being noticed.
 */
export async function verificationKeys(
  history: readonly KeyHistoryRow[],
  pinned?: { keyId: string; publicKey: CryptoKey },
  /** A pinned key missing from the history is a problem (false: a rotated key that has not signed yet is fine). */
  strict = true,
): Promise<{ keys: VerificationKey[]; problems: string[] }> {
  const problems: string[] = [];
  const keys: VerificationKey[] = [];
  for (const row of history) {
    const spki = fromBase64(row.public_key);
    const keyId = toHex(await sha256(spki));
    if (keyId !== row.key_id) {
      problems.push(`key history: key ${row.key_id} (from size ${row.valid_from_size}) has a public key whose id is ${keyId}`);
      continue;
    }
    keys.push({ keyId, publicKey: await importPublicKey(spki), validFromSize: row.valid_from_size });
  }
  const newest = keys[keys.length - 1];
  if (pinned && !newest) keys.push({ ...pinned, validFromSize: 1 }); // no append since migration 0009
  else if (pinned && newest && newest.keyId !== pinned.keyId) {
    if (keys.some((k) => k.keyId === pinned.keyId)) problems.push(`key history: the trusted key ${pinned.keyId} was replaced; ${newest.keyId} signs now`);
    else if (strict) problems.push(`key history: the trusted key ${pinned.keyId} is not in the history, whose newest key is ${newest.keyId}`);
  }
  return { keys, problems };
}

export interface CheckOptions {
  /** The key the caller trusts as current (secret or --public-key). */
  pinned?: { keyId: string; publicKey: CryptoKey };
  strict?: boolean;
  /** A saved copy of the key history to trust instead of the database's. */
  history?: readonly KeyHistoryRow[];
  signatures?: "all" | "latest";
  pageSize?: number;
  maxProblems?: number;
  onProgress?: (entries: number) => void;
}

/** The whole check with the key history: what the CLI, the endpoint and the cron run. */
export async function checkLedger(all: SqlAll, options: CheckOptions = {}): Promise<LedgerReport> {
  const history = options.history ?? (await readKeyHistory(all));
  const { keys, problems } = await verificationKeys(history, options.pinned, options.strict ?? true);
  const report = await verifyLedger(sqlLedgerReader(all), { keys, signatures: options.signatures, pageSize: options.pageSize, maxProblems: options.maxProblems, onProgress: options.onProgress });
  if (problems.length === 0) return report;
  return { ...report, ok: false, problems: [...report.problems, ...problems.map((message) => ({ entry: null, kind: "head_key" as const, message }))] };
}

/**
 * The database refused a head signed by a key that a newer one replaced (migration 0009's
 * ledger_heads trigger): the Worker runs with an out-of-date LEDGER_SIGNING_KEY. That is the
 * deployment's fault, not the request's, so it is a 503 in the error shape (as a missing key
 * is), never a 500; nothing was written.
 */
export function retiredKeyRefusal(error: unknown): WriteRefusal | undefined {
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error);
  if (!text.includes("ledger_key_retired")) return undefined;
  return new WriteRefusal("unavailable", "ledger_key_retired", "The ledger signing key (Worker secret LEDGER_SIGNING_KEY) was replaced by a newer key, which alone may sign; nothing was recorded. Set the secret to the current key.");
}
