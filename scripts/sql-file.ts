/**
 * Collects statements as SQL text for `wrangler d1 execute --local --file`. Through the
 * platform proxy every statement of a D1 batch costs tens of milliseconds, so the demo
 * data took minutes to load; as one SQL file the same statements load in seconds. Values
 * are inlined as SQLite literals.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { tmpdir } from "node:os";
import { join } from "node:path";

function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("non-finite number in a statement");
    return String(value);
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString("hex")}'`;
  if (value instanceof ArrayBuffer) return `X'${Buffer.from(value).toString("hex")}'`;
  throw new Error(`cannot inline a ${typeof value}`);
}

/**
 * Replaces each parameter (`?` or `?NNN`) outside quoted text with its literal. Quoted
 * strings and identifiers ('…', "…", `…`) are copied as they are, so a `?` inside one stays.
 */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  let out = "";
  let next = 0;
  let used = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === "`") {
      const end = sql.indexOf(ch, i + 1);
      if (end < 0) throw new Error("unterminated quote while inlining SQL");
      out += sql.slice(i, end + 1);
      i = end;
      continue;
    }
    if (ch !== "?") {
      out += ch;
      continue;
    }
    let digits = "";
    while (/\d/.test(sql[i + 1] ?? "")) digits += sql[++i];
    const index = digits ? Number(digits) - 1 : next++;
    if (index < 0 || index >= params.length) throw new Error("parameter count mismatch while inlining SQL");
    out += literal(params[index]);
    used = Math.max(used, index + 1);
  }
  if (used !== params.length) throw new Error("parameter count mismatch while inlining SQL");
  return out;
}

export class SqlFile {
  private readonly lines: string[] = [];

  /** One statement with its parameters (as a D1 prepare().bind() would run it). */
  addStatement(sql: string, params: readonly unknown[]): void {
    this.lines.push(`${inlineParams(sql, params).trimEnd().replace(/;$/, "")};`);
  }

  get size(): number {
    return this.lines.length;
  }

  /**
   * Executes everything, in one transaction, on a local D1's SQLite file itself (the file
   * `wrangler dev` serves, found under its state directory). Only while no `wrangler dev`
   * has the database open: `npm start` seeds before it serves.
   */
  applyToFile(path: string): void {
    const database = new DatabaseSync(path);
    try {
      // D1 always enforces foreign keys; the statements passed them in this order once already.
      database.exec("PRAGMA foreign_keys = ON");
      database.exec("BEGIN");
      try {
        database.exec(this.lines.join("\n"));
        database.exec("COMMIT");
      } catch (error) {
        database.exec("ROLLBACK");
        throw error;
      }
    } finally {
      database.close();
    }
  }

  /**
   * Executes everything against the local D1 (`wrangler d1 execute --local --file`, which
   * runs the file as one unit). `persistTo`: another local state directory (e2e tests).
   */
  executeLocal(env: NodeJS.ProcessEnv, persistTo?: string): void {
    if (this.lines.length === 0) return;
    const dir = mkdtempSync(join(tmpdir(), "gongkai-seed-"));
    const file = join(dir, "demo.sql");
    try {
      writeFileSync(file, `${this.lines.join("\n")}\n`);
      const persist = persistTo ? ["--persist-to", persistTo] : [];
      const result = spawnSync("npx", ["wrangler", "d1", "execute", "DB", "--local", ...persist, "--file", file, "--yes"], { stdio: ["ignore", "ignore", "inherit"], env });
      if (result.status !== 0) throw new Error(`wrangler d1 execute failed (exit ${result.status})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
