/**
 * npm run db:backup -- <backup.sql> [--remote] [--config wrangler.toml] [--database DB]
 *
 * Exports every row of the database's own tables as SQL (`wrangler d1 export --no-schema`,
 * one `--table` per table). D1 refuses to export a database that holds an FTS5 virtual table
 * ("cannot export databases with Virtual Tables (fts5)"; on a remote database a whole-database
 * export can even leave it busy — workers-sdk#9519), so the search index (search_fts, its
 * shadow tables, and the derived search_docs/search_queue) stays out: it is derived from the
 * rows and rebuilt after a restore. The schema is not exported either: `npm run db:restore`
 * creates it from migrations/, so a restored database has exactly the schema the code expects.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

/**
 * Tables restored before the others: the restore replays rows through the insert triggers,
 * and a signed head is accepted only with the key valid at its size (migration 0009).
 */
const FIRST = ["regions", "ledger_keys"];

/** Tables whose rows are the database's content (not SQLite's, D1's, migrations' or derived ones), in restore order. */
export function backupTables(names: readonly string[]): string[] {
  const content = names.filter((name) => !/^(sqlite_|_cf_|d1_migrations$|search_)/.test(name)).sort();
  return [...FIRST.filter((name) => content.includes(name)), ...content.filter((name) => !FIRST.includes(name))];
}

function wrangler(args: string[]): string {
  const result = spawnSync("npx", ["wrangler", ...args], { encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" } });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed: ${(result.stderr || result.stdout).slice(-1500)}`);
  return result.stdout;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { remote: { type: "boolean", default: false }, config: { type: "string", default: "wrangler.toml" }, database: { type: "string", default: "DB" } },
  });
  const output = positionals[0];
  if (!output) {
    console.error("usage: npm run db:backup -- <backup.sql> [--remote] [--config wrangler.toml]");
    process.exit(2);
  }
  const where = [values.remote ? "--remote" : "--local", "--config", values.config!];
  const listed = JSON.parse(wrangler(["d1", "execute", values.database!, ...where, "--json", "--command", "SELECT name FROM sqlite_master WHERE type = 'table'"])) as { results: { name: string }[] }[];
  const tables = backupTables(listed[0]!.results.map((row) => row.name));
  // One export writes its tables in creation order, whatever the order of --table: the tables
  // that must come first get an export of their own, and the files are joined in order.
  const groups = [tables.filter((t) => FIRST.includes(t)), tables.filter((t) => !FIRST.includes(t))].filter((g) => g.length > 0);
  const dir = mkdtempSync(join(tmpdir(), "gongkai-backup-"));
  try {
    const parts = groups.map((group, i) => {
      const part = join(dir, `part-${i}.sql`);
      wrangler(["d1", "export", values.database!, ...where, "--no-schema", "--output", part, "--skip-confirmation", ...group.flatMap((t) => ["--table", t])]);
      return readFileSync(part, "utf8");
    });
    writeFileSync(output, parts.join("\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`Exported ${tables.length} tables to ${output}; restore with npm run db:restore -- ${output}`);
}
