/**
 * A minimal D1Database over node:sqlite, so the bench runs the ledger's real query code
 * (drizzle's D1 driver, the same statements and batches as the Worker) on a scratch SQLite
 * file without the local runtime's per-statement RPC cost. batch() is one transaction,
 * as on D1. Bench-only: it implements what drizzle's D1 session calls, nothing more.
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";

type Value = null | number | bigint | string | Uint8Array;

class Statement {
  constructor(
    private readonly db: DatabaseSync,
    private readonly cache: Map<string, StatementSync>,
    readonly sql: string,
    private readonly params: Value[] = [],
  ) {}

  private prepared(): StatementSync {
    let statement = this.cache.get(this.sql);
    if (!statement) {
      statement = this.db.prepare(this.sql);
      this.cache.set(this.sql, statement);
    }
    return statement;
  }

  bind(...params: unknown[]): Statement {
    return new Statement(this.db, this.cache, this.sql, params as Value[]);
  }

  async all<T>() {
    return this.allSync<T>();
  }

  allSync<T>() {
    const statement = this.prepared();
    statement.setReturnArrays(false);
    const results = statement.all(...this.params) as T[];
    return { results, success: true, meta: { changes: 0 } };
  }

  async run() {
    const info = this.prepared().run(...this.params);
    return { results: [], success: true, meta: { changes: Number(info.changes), last_row_id: Number(info.lastInsertRowid) } };
  }

  async raw<T>() {
    const statement = this.prepared();
    statement.setReturnArrays(true);
    const rows = statement.all(...this.params) as T[];
    statement.setReturnArrays(false);
    return rows;
  }

  async first<T>(column?: string) {
    const row = this.prepared().get(...this.params) as Record<string, unknown> | undefined;
    if (!row) return null;
    return (column ? row[column] : row) as T;
  }
}

export function d1OnNodeSqlite(file: string): { d1: D1Database; sqlite: DatabaseSync } {
  const sqlite = new DatabaseSync(file);
  sqlite.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
  const cache = new Map<string, StatementSync>();
  const d1 = {
    prepare: (sql: string) => new Statement(sqlite, cache, sql),
    batch: async (statements: Statement[]) => {
      sqlite.exec("BEGIN");
      try {
        const results = statements.map((s) => s.allSync());
        sqlite.exec("COMMIT");
        return results;
      } catch (error) {
        sqlite.exec("ROLLBACK");
        throw error;
      }
    },
    exec: async (sql: string) => {
      sqlite.exec(sql);
      return { count: 0, duration: 0 };
    },
  };
  return { d1: d1 as unknown as D1Database, sqlite };
}
