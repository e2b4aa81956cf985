/**
 * Just enough of the D1 binding over a node:sqlite database for drizzle's D1 driver, so
 * scripts and the bench can run `seedDemo` itself (the generator stays the single source of
 * the data) at native speed, without the platform proxy's per-batch round trips: the bench
 * writes the national-scale data straight into its SQLite file, `npm run seed` records the
 * demo's writes as SQL for `wrangler d1 execute` (`onWrite`). `batch()` is one transaction,
 * as on D1.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";

type Params = SQLInputValue[];

/** Called with every write statement (INSERT/UPDATE/DELETE/REPLACE) as it runs, in order. */
export type WriteRecorder = (sql: string, params: readonly SQLInputValue[]) => void;

const WRITE = /^\s*(?:insert|update|delete|replace)\b/i;

function meta(changes = 0, lastRowId = 0) {
  return { duration: 0, changes, last_row_id: lastRowId, changed_db: changes > 0, size_after: 0, rows_read: 0, rows_written: changes };
}

class BoundStatement {
  constructor(
    private readonly statement: StatementSync,
    private readonly params: Params,
    private readonly recorder?: WriteRecorder,
  ) {}

  bind(...values: unknown[]): BoundStatement {
    return new BoundStatement(this.statement, values.map(toSqlite), this.recorder);
  }

  private record(): void {
    if (this.recorder && WRITE.test(this.statement.sourceSQL)) this.recorder(this.statement.sourceSQL, this.params);
  }

  // drizzle's D1 driver awaits these; answering synchronously inside a resolved promise is fine.
  async all() {
    return this.allSync();
  }
  allSync() {
    this.record();
    this.statement.setReturnArrays(false);
    return { results: this.statement.all(...this.params), success: true, meta: meta() };
  }
  async first(column?: string) {
    this.record();
    this.statement.setReturnArrays(false);
    const row = this.statement.get(...this.params) as Record<string, unknown> | undefined;
    if (!row) return null;
    return column === undefined ? row : row[column];
  }
  async run() {
    return this.runSync();
  }
  runSync() {
    this.record();
    const result = this.statement.run(...this.params);
    return { results: [], success: true, meta: meta(Number(result.changes), Number(result.lastInsertRowid)) };
  }
  async raw() {
    this.record();
    this.statement.setReturnArrays(true);
    return this.statement.all(...this.params) as unknown as unknown[][];
  }
}

/** D1 binds booleans as integers and rejects undefined; node:sqlite needs the same. */
function toSqlite(value: unknown): SQLInputValue {
  if (value === undefined) throw new TypeError("D1_TYPE_ERROR: undefined is not a supported bind value");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value as SQLInputValue;
}

export function sqliteAsD1(database: DatabaseSync, options: { onWrite?: WriteRecorder } = {}): D1Database {
  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      statements.set(sql, statement);
    }
    return new BoundStatement(statement, [], options.onWrite);
  };
  const d1 = {
    prepare,
    async batch(bound: BoundStatement[]) {
      database.exec("BEGIN");
      try {
        const results = bound.map((statement) => statement.allSync());
        database.exec("COMMIT");
        return results;
      } catch (error) {
        database.exec("ROLLBACK");
        throw error;
      }
    },
    async exec(sql: string) {
      if (options.onWrite) throw new Error("exec() is not recorded; use prepare()");
      database.exec(sql);
      return { count: 1, duration: 0 };
    },
    withSession() {
      return d1;
    },
    async dump() {
      throw new Error("dump() is not supported by the bench's SQLite adapter");
    },
  };
  return d1 as unknown as D1Database;
}

/**
 * Opens a scratch SQLite file as D1 (for benches that build large data sets): WAL for speed,
 * foreign keys on because D1 always enforces them.
 */
export function openSqliteAsD1(file: string): { d1: D1Database; sqlite: DatabaseSync } {
  const sqlite = new DatabaseSync(file);
  sqlite.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
  return { d1: sqliteAsD1(sqlite), sqlite };
}
