/**
 * npm run db:restore -- <backup.sql> [--remote] [--config wrangler.toml] [--database DB]
 *
 * Restores a `wrangler d1 export` file into an EMPTY database. The export writes triggers
 * before views, so a view's INSTEAD OF trigger (write_guard, register_overlap_guard) would
 * fail on a plain `wrangler d1 execute --file`; this moves every CREATE VIEW in front of
 * the first CREATE TRIGGER (tables and rows are created before both) and runs the file.
 * Then check the copy: `npm run ledger:verify` (with --remote for D1).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

/** The dump with its views created before its triggers (statements otherwise unchanged, in order). */
export function viewsBeforeTriggers(dump: string): string {
  const lines = dump.split("\n");
  const views: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^CREATE VIEW /i.test(lines[i]!)) {
      rest.push(lines[i]!);
      continue;
    }
    // A view's statement runs to the first line ending in ';' (view bodies hold no ';').
    for (; i < lines.length; i++) {
      views.push(lines[i]!);
      if (lines[i]!.trimEnd().endsWith(";")) break;
    }
  }
  const firstTrigger = rest.findIndex((line) => /^CREATE TRIGGER /i.test(line));
  if (views.length === 0 || firstTrigger < 0) return dump;
  return [...rest.slice(0, firstTrigger), ...views, ...rest.slice(firstTrigger)].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { remote: { type: "boolean", default: false }, config: { type: "string", default: "wrangler.toml" }, database: { type: "string", default: "DB" } },
  });
  const file = positionals[0];
  if (!file) {
    console.error("usage: npm run db:restore -- <backup.sql> [--remote] [--config wrangler.toml]");
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), "gongkai-restore-"));
  try {
    const ordered = join(dir, "restore.sql");
    writeFileSync(ordered, viewsBeforeTriggers(readFileSync(file, "utf8")));
    const result = spawnSync("npx", ["wrangler", "d1", "execute", values.database!, values.remote ? "--remote" : "--local", "--config", values.config!, "--file", ordered, "--yes"], {
      stdio: "inherit",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    process.exit(result.status ?? 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
