import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { afterAll, describe, expect, it } from "vitest";
import { backupTables } from "../../scripts/db-backup";
import { createApp } from "../../worker/app";
import { createDb } from "../../worker/db/client";
import { importSigningKey } from "../../worker/domain/ledger";
import { checkLedger } from "../../worker/ledger/keys";
import { d1Sql } from "../../worker/ledger/sql";
import { systemActor } from "../../worker/writes/plan";
import { allocateFunds } from "../../worker/writes/fund-allocations";
import { disburseFunds } from "../../worker/writes/disbursements";
import { recordDonation } from "../../worker/writes/donations";
import { changeProjectStatus, createProject } from "../../worker/writes/projects";
import { reverseEntry } from "../../worker/writes/reversals";
import type { FundsContext, FundsPlan } from "../../worker/writes/funds-context";

// Backup and restore you can trust, with the documented commands (README "Backup and
// restore"): `wrangler d1 export` of a local database with signed ledger entries, then
// `npm run db:restore` into an empty one. The restored copy must pass the ledger
// verification with the same signed head and give the same public answers.

const dir = mkdtempSync(join(tmpdir(), "gongkai-backup-"));
const dump = join(dir, "backup.sql");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `wrangler d1 export` has no --persist-to: a local database lives under its config's
 * directory (.wrangler/state). Each copy gets its own directory with a minimal config
 * using the project's migrations.
 */
function project(name: string): string {
  const root = join(dir, name);
  mkdirSync(root);
  writeFileSync(
    join(root, "wrangler.toml"),
    `name = "gongkai-backup-test"\ncompatibility_date = "2026-11-01"\ncompatibility_flags = ["nodejs_compat"]\nsend_metrics = false\n\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "gongkai"\ndatabase_id = "00000000-0000-0000-0000-000000000000"\nmigrations_dir = ${JSON.stringify(join(process.cwd(), "migrations"))}\n`,
  );
  return join(root, "wrangler.toml");
}
const original = project("original");
const restored = project("restored");

function wrangler(config: string, ...args: string[]) {
  const result = spawnSync("npx", ["wrangler", ...args, "--config", config], { encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "1" } });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed: ${result.stderr.slice(-1500)}`);
  return result.stdout;
}

// The CLI keeps a config's local state next to it; the proxy must be told the same place.
const open = (config: string) => getPlatformProxy<Env>({ configPath: config, persist: { path: join(dirname(config), ".wrangler", "state", "v3") } });
const secret = generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");

/** A little money history through the real write functions: budget, allocation, payment, donation, reversal. */
async function writeHistory(d1: D1Database) {
  await d1.batch([
    d1.prepare("INSERT INTO regions (code, parent_code, level, name_zh, name_en, is_demo) VALUES ('340000000000', NULL, 'province', '安徽省', 'Anhui', 1)"),
    d1.prepare("INSERT INTO regions (code, parent_code, level, name_zh, name_en, is_demo) VALUES ('340200000000', '340000000000', 'city', '芜湖市', 'Wuhu', 1)"),
  ]);
  const key = await importSigningKey(secret);
  const db = createDb(d1);
  const run = async (plan: FundsPlan) => {
    await db.batch(plan.statements as [never, ...never[]]);
    return plan.body as { data: { id: string } };
  };
  const ctx = (): FundsContext => ({ db, key, now: new Date(), actor: systemActor("backup-test") });
  const project = await run(await createProject(ctx(), { name_zh: "光伏电站", name_en: "Solar plant", region_code: "340200000000", category: "solar", year: 2018, budget: [{ source: "municipal", amount_fen: 5_000_000 }, { source: "county", amount_fen: 1_000_000 }] }));
  await run(await allocateFunds(ctx(), { project_id: project.data.id, source: "municipal", date: "2018-04-01", amount_fen: 2_000_000, document_no: "芜财〔2018〕1号" }));
  await run(await changeProjectStatus(ctx(), project.data.id, { status: "filed", date: "2018-03-01" }));
  await run(await changeProjectStatus(ctx(), project.data.id, { status: "started", date: "2018-04-15" }));
  const payment = await run(await disburseFunds(ctx(), { project_id: project.data.id, source: "municipal", date: "2018-05-01", amount_fen: 500_000, receipted_fen: 200_000, document_no: "拨〔2018〕1号" }));
  await run(await reverseEntry(ctx(), { id: payment.data.id, date: "2018-05-02", reason: "entry_error" }));
  await run(await recordDonation(ctx(), { date: "2018-06-01", amount_fen: 88_800, channel: "online", target: { type: "project", project_id: project.data.id } }));
}

const PUBLIC_URLS = ["/api/v1/ledger/head", "/api/v1/ledger/keys", "/api/v1/ledger/entries?format=csv", "/api/v1/funds/projects", "/api/v1/funds/summary", "/api/v1/funds/flows", "/api/v1/donations?format=ndjson", "/api/v1/regions"];

async function answers(env: Env) {
  const app = createApp();
  const out: Record<string, { status: number; body: string }> = {};
  for (const url of PUBLIC_URLS) {
    const res = await app.fetch(new Request(`http://portal.test${url}`), { ...env, LEDGER_SIGNING_KEY: secret });
    out[url] = { status: res.status, body: await res.text() };
  }
  return out;
}

describe("backup (wrangler d1 export) and restore into an empty database", () => {
  it("db:backup exports the content tables only: not SQLite's, D1's, the migrations' or the derived search index (D1 cannot export FTS5)", () => {
    const names = ["sqlite_sequence", "_cf_KV", "d1_migrations", "search_fts", "search_fts_data", "search_docs", "search_queue", "regions", "donations", "ledger_entries"];
    expect(backupTables([...names, "ledger_keys", "ledger_heads"])).toEqual(["regions", "ledger_keys", "donations", "ledger_entries", "ledger_heads"]);
  });

  it("restores a copy that verifies with the same signed head and answers the same", { timeout: 300_000 }, async () => {
    wrangler(original, "d1", "migrations", "apply", "DB", "--local");
    const a = await open(original);
    let before: Awaited<ReturnType<typeof answers>>;
    try {
      await writeHistory(a.env.DB);
      before = await answers(a.env);
    } finally {
      await a.dispose();
    }

    // npm run db:backup: the rows of every content table (the FTS5 search index would make
    // D1 refuse the export); npm run db:restore: schema from migrations/, then the rows.
    const tsx = (script: string, ...args: string[]) => spawnSync("npx", ["tsx", script, ...args], { encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" } });
    const backup = tsx("scripts/db-backup.ts", dump, "--config", original);
    expect(backup.status, backup.stderr.slice(-1500)).toBe(0);
    expect(statSync(dump).size).toBeGreaterThan(1000);
    const restore = tsx("scripts/db-restore.ts", dump, "--config", restored);
    expect(restore.status, restore.stderr.slice(-1500)).toBe(0);

    const b = await open(restored);
    try {
      const key = await importSigningKey(secret);
      const report = await checkLedger(d1Sql(b.env.DB), { pinned: key });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.entries).toBe(6);
      expect(report.rows).toBe(6);
      const after = await answers(b.env);
      expect(JSON.parse(after["/api/v1/ledger/head"]!.body).data.root_hash).toBe(report.root);
      for (const url of PUBLIC_URLS) expect(after[url], url).toEqual(before![url]);
      // The restored database keeps the write-once rules: the triggers came back too.
      await expect(b.env.DB.prepare("UPDATE fund_allocations SET amount_fen = 1").run()).rejects.toThrow(/written once/);
    } finally {
      await b.dispose();
    }
  });
});
