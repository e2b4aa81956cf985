/**
 * npm run ledger:verify [-- --remote] [--public-key <SPKI base64>] [--keys <file>]
 *
 * Recomputes the ledger's Merkle tree from the entries in the database, checks every
 * stored subtree hash and every signed tree head (root and Ed25519 signature, each with
 * the key valid at its size), compares every public money row (donations, allocations,
 * donation allocations, disbursements, project budgets, reversals) with its leaf field by
 * field. Exits non-zero naming the first mismatch
 * (table, id and field for a row). The checks are worker/ledger/verify.ts, the same code
 * the admin verification endpoint and the Cron Trigger run.
 *   local (default): the `wrangler dev` database under .wrangler/state (GONGKAI_PERSIST_TO
 *                    for another); the current key is derived from LEDGER_SIGNING_KEY in .dev.vars.
 *   --remote:        the deployed D1 database, read with `wrangler d1 execute --remote`;
 *                    give the current public key (GET /api/v1/ledger/key → public_key) with
 *                    --public-key or LEDGER_PUBLIC_KEY.
 *   --keys <file>:   a saved copy of GET /api/v1/ledger/keys to trust as the key history
 *                    instead of the database's own ledger_keys table.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { fromBase64, importPublicKey, importSigningKey, sha256, toHex } from "../worker/domain/ledger";
import { ledgerSecret } from "../worker/lib/ledger-key";
import { checkLedger, type KeyHistoryRow } from "../worker/ledger/keys";
import { d1Sql, inlineParams, type SqlAll } from "../worker/ledger/sql";
import type { LedgerReport } from "../worker/ledger/verify";
import { withLocalDb } from "./local-db";

const { values } = parseArgs({
  options: {
    remote: { type: "boolean", default: false },
    "public-key": { type: "string" },
    keys: { type: "string" },
    database: { type: "string", default: "DB" },
  },
});

function print(report: LedgerReport): never {
  if (report.ok) {
    console.log(`✔ Ledger verified: ${report.entries} entries, ${report.heads} signed heads, ${report.rows} public rows equal to their leaves; root ${report.root}.`);
    process.exit(0);
  }
  const first = report.problems[0]!;
  const where = first.table ? ` in ${first.table} ${first.rowId} (field ${first.field})` : first.entry !== null ? ` at entry ${first.entry}` : "";
  console.error(`✖ Ledger verification failed${where}: ${first.message}`);
  for (const problem of report.problems.slice(1)) console.error(`  also: ${problem.message}`);
  console.error(`  (${report.entries} entries, ${report.heads} heads and ${report.rows} rows read)`);
  process.exit(1);
}

async function keyFromSpki(base64: string) {
  const spki = fromBase64(base64);
  return { publicKey: await importPublicKey(spki), keyId: toHex(await sha256(spki)) };
}

/** A saved GET /api/v1/ledger/keys response. */
function savedHistory(path: string): KeyHistoryRow[] {
  const body = JSON.parse(readFileSync(path, "utf8")) as { data: { key_id: string; public_key: string; valid_from_size: number | null; valid_from: string | null }[] };
  return body.data
    .filter((k) => k.valid_from_size !== null)
    .map((k) => ({ key_id: k.key_id, public_key: k.public_key, valid_from_size: k.valid_from_size!, valid_from_timestamp: k.valid_from ? Date.parse(k.valid_from) : 0 }));
}

const progress = (n: number) => process.stdout.write(`\r  checked ${n.toLocaleString("en")} entries…`);
const history = values.keys ? savedHistory(values.keys) : undefined;
const spkiArg = values["public-key"] ?? process.env.LEDGER_PUBLIC_KEY;

if (values.remote) {
  if (!spkiArg) {
    console.error("--remote needs the ledger's current public key: --public-key <base64 from GET /api/v1/ledger/key> or LEDGER_PUBLIC_KEY.");
    process.exit(2);
  }
  // wrangler d1 execute takes no bound parameters: the verifier's parameters are integers
  // and ids it read itself, inlined as SQL literals.
  const all: SqlAll = async <T>(sql: string, params: readonly (string | number | null)[] = []) => {
    const result = spawnSync("npx", ["wrangler", "d1", "execute", values.database!, "--remote", "--json", "--command", inlineParams(sql, params)], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    if (result.status !== 0) throw new Error(`wrangler d1 execute failed: ${result.stderr.slice(0, 500)}`);
    return (JSON.parse(result.stdout) as { results: T[] }[])[0]!.results;
  };
  const report = await checkLedger(all, { pinned: await keyFromSpki(spkiArg), history, pageSize: 5000, onProgress: progress });
  process.stdout.write("\n");
  print(report);
} else {
  const report = await withLocalDb(async (_db, d1, env) => {
    let pinned: { publicKey: CryptoKey; keyId: string };
    if (spkiArg) pinned = await keyFromSpki(spkiArg);
    else {
      const secret = ledgerSecret(env);
      if (!secret) {
        console.error("No LEDGER_SIGNING_KEY in .dev.vars and no --public-key: cannot check signatures. Run `npm start` once, or pass --public-key.");
        process.exit(2);
      }
      const signing = await importSigningKey(secret);
      pinned = { publicKey: signing.publicKey, keyId: signing.keyId };
    }
    const result = await checkLedger(d1Sql(d1), { pinned, history, pageSize: 2000, onProgress: progress });
    process.stdout.write("\n");
    return result;
  });
  print(report);
}
