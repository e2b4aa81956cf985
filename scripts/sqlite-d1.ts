/**
 * Just enough of the D1 binding over a node:sqlite database for drizzle's D1 driver, so the
 * bench can load the national-scale demo data through `seedDemo` itself (the generator stays
 * the single source of the data) straight into the SQLite file, without the platform
 * proxy's per-batch round trips. `batch()` is one transaction, as on D1.
 */
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";

type Params = SQLInputValue[];

function meta(changes = 0, lastRowId = 0) {
  return { duration: 0, changes, last_row_id: lastRowId, changed_db: changes > 0, size_after: 0, rows_read: 0, rows_written: changes };
}

class BoundStatement {
  constructor(
    private readonly statement: StatementSync,
    private readonly params: Params,
  ) {}

  bind(...values: unknown[]): BoundStatement {
    return new BoundStatement(this.statement, values.map(toSqlite));
  }

  // drizzle's D1 driver awaits these; answering synchronously inside a resolved promise is fine.
  async all() {
    return this.allSync();
  }
  allSync() {
    this.statement.setReturnArrays(false);
    return { results: this.statement.all(...this.params), success: true, meta: meta() };
  }
  async first(column?: string) {
    this.statement.setReturnArrays(false);
    const row = this.statement.get(...this.params) as Record<string, unknown> | undefined;
    if (!row) return null;
    return column === undefined ? row : row[column];
  }
  async run() {
    return this.runSync();
  }
  runSync() {
    const result = this.statement.run(...this.params);
    return { results: [], success: true, meta: meta(Number(result.changes), Number(result.lastInsertRowid)) };
  }
  async raw() {
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

export function sqliteAsD1(database: DatabaseSync): D1Database {
  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      statements.set(sql, statement);
    }
    return new BoundStatement(statement, []);
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
