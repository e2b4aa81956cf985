/**
 * npm run ledger:verify [-- --remote] [--public-key <SPKI base64>]
 *
 * Recomputes the ledger's Merkle tree from the entries in the database, checks every
 * stored subtree hash and every signed tree head (root and Ed25519 signature), and exits
 * non-zero naming the first entry that does not match.
 *   local (default): the `wrangler dev` database under .wrangler/state; the key is derived
 *                    from LEDGER_SIGNING_KEY in .dev.vars.
 *   --remote:        the deployed D1 database, read with `wrangler d1 execute --remote`;
 *                    give the public key (GET /api/v1/ledger/key → public_key) with
 *                    --public-key or LEDGER_PUBLIC_KEY.
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { fromBase64, importPublicKey, importSigningKey, sha256, toHex } from "../worker/domain/ledger";
import { ledgerSecret } from "../worker/lib/ledger-key";
import { d1LedgerReader, verifyLedger, type LedgerReader, type LedgerReport } from "../worker/ledger/verify";
import { withLocalDb } from "./local-db";

const { values } = parseArgs({
  options: {
    remote: { type: "boolean", default: false },
    "public-key": { type: "string" },
    database: { type: "string", default: "DB" },
  },
});

function print(report: LedgerReport): never {
  if (report.ok) {
    console.log(`✔ Ledger verified: ${report.entries} entries, ${report.heads} signed heads, root ${report.root}.`);
    process.exit(0);
  }
  const first = report.problems[0]!;
  console.error(`✖ Ledger verification failed${first.entry !== null ? ` at entry ${first.entry}` : ""}: ${first.message}`);
  for (const problem of report.problems.slice(1)) console.error(`  also: ${problem.message}`);
  console.error(`  (${report.entries} entries and ${report.heads} heads read)`);
  process.exit(1);
}

async function keyFromSpki(base64: string) {
  const spki = fromBase64(base64);
  return { publicKey: await importPublicKey(spki), keyId: toHex(await sha256(spki)) };
}

const progress = (n: number) => process.stdout.write(`\r  checked ${n.toLocaleString("en")} entries…`);

if (values.remote) {
  const spki = values["public-key"] ?? process.env.LEDGER_PUBLIC_KEY;
  if (!spki) {
    console.error("--remote needs the ledger's public key: --public-key <base64 from GET /api/v1/ledger/key> or LEDGER_PUBLIC_KEY.");
    process.exit(2);
  }
  const query = <T>(sql: string): T[] => {
    const result = spawnSync("npx", ["wrangler", "d1", "execute", values.database!, "--remote", "--json", "--command", sql], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    if (result.status !== 0) throw new Error(`wrangler d1 execute failed: ${result.stderr.slice(0, 500)}`);
    return (JSON.parse(result.stdout) as { results: T[] }[])[0]!.results;
  };
  const int = (n: number) => Math.trunc(n);
  const reader: LedgerReader = {
    entries: async (after, limit) =>
      query<{ idx: number; type: string; subject_id: string; leaf: string }>(`SELECT idx, type, subject_id, leaf FROM ledger_entries WHERE idx > ${int(after)} ORDER BY idx LIMIT ${int(limit)}`).map((r) => ({ idx: r.idx, type: r.type, subjectId: r.subject_id, leaf: r.leaf })),
    nodes: async (level, from, to) => query<{ idx: number; hash: string }>(`SELECT idx, hash FROM ledger_nodes WHERE level = ${int(level)} AND idx BETWEEN ${int(from)} AND ${int(to)} ORDER BY idx`),
    heads: async (after, limit) =>
      query<{ tree_size: number; root_hash: string; timestamp: number; signature: string; key_id: string }>(
        `SELECT tree_size, root_hash, timestamp, signature, key_id FROM ledger_heads WHERE tree_size > ${int(after)} ORDER BY tree_size LIMIT ${int(limit)}`,
      ).map((r) => ({ treeSize: r.tree_size, rootHash: r.root_hash, timestamp: r.timestamp, signature: r.signature, keyId: r.key_id })),
  };
  const key = await keyFromSpki(spki);
  const report = await verifyLedger(reader, { ...key, pageSize: 5000, onProgress: progress });
  process.stdout.write("\n");
  print(report);
} else {
  const report = await withLocalDb(async (db, _d1, env) => {
    let key: { publicKey: CryptoKey; keyId: string } | undefined;
    const spki = values["public-key"] ?? process.env.LEDGER_PUBLIC_KEY;
    if (spki) key = await keyFromSpki(spki);
    else {
      const secret = ledgerSecret(env);
      if (!secret) {
        console.error("No LEDGER_SIGNING_KEY in .dev.vars and no --public-key: cannot check signatures. Run `npm start` once, or pass --public-key.");
        process.exit(2);
      }
      const signing = await importSigningKey(secret);
      key = { publicKey: signing.publicKey, keyId: signing.keyId };
    }
    const result = await verifyLedger(d1LedgerReader(db), { ...key, pageSize: 2000, onProgress: progress });
    process.stdout.write("\n");
    return result;
  });
  print(report);
}
