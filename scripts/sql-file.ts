/**
 * Collects drizzle statements as SQL text for `wrangler d1 execute --local --file`.
 * Through the platform proxy every statement of a D1 batch costs tens of milliseconds, so
 * the funds demo (thousands of ledger writes) would take minutes; as one SQL file the same
 * statements load in seconds. Values are inlined as SQLite literals.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BatchItem } from "drizzle-orm/batch";

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("non-finite number in a statement");
    return String(value);
  }
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`cannot inline a ${typeof value}`);
}

export class SqlFile {
  private readonly lines: string[] = [];

  add(statements: BatchItem<"sqlite">[]): void {
    for (const statement of statements) {
      const { sql, params } = (statement as unknown as { _prepare(): { getQuery(): { sql: string; params: unknown[] } } })._prepare().getQuery();
      let i = 0;
      // drizzle's SQL text has no literal `?` in the write statements it builds; each `?` is a parameter.
      const text = sql.replace(/\?/g, () => literal(params[i++]));
      if (i !== params.length) throw new Error("parameter count mismatch while inlining SQL");
      this.lines.push(`${text};`);
    }
  }

  get size(): number {
    return this.lines.length;
  }

  /** Executes everything against the local D1 (run after the platform proxy is disposed). */
  executeLocal(env: NodeJS.ProcessEnv): void {
    if (this.lines.length === 0) return;
    const dir = mkdtempSync(join(tmpdir(), "gongkai-seed-"));
    const file = join(dir, "funds-demo.sql");
    try {
      writeFileSync(file, `${this.lines.join("\n")}\n`);
      // The same database as the platform proxy: GONGKAI_PERSIST_TO selects another one (e2e tests).
      const persistTo = env.GONGKAI_PERSIST_TO ? ["--persist-to", env.GONGKAI_PERSIST_TO] : [];
      const result = spawnSync("npx", ["wrangler", "d1", "execute", "DB", "--local", ...persistTo, "--file", file, "--yes"], { stdio: ["ignore", "ignore", "inherit"], env });
      if (result.status !== 0) throw new Error(`wrangler d1 execute failed (exit ${result.status})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
