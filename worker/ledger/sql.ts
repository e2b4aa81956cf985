/**
 * The verifier reads through one tiny SQL interface so the same checks run on a D1 binding
 * (Worker, cron, tests, the local database through wrangler's platform proxy) and on the
 * deployed database through `wrangler d1 execute --remote` (which takes no bound
 * parameters, hence `inlineParams`).
 */
export type SqlParam = string | number | null;
export type SqlAll = <T>(sql: string, params?: readonly SqlParam[]) => Promise<T[]>;

export function d1Sql(d1: D1Database): SqlAll {
  return async <T>(sql: string, params: readonly SqlParam[] = []) => (await d1.prepare(sql).bind(...params).all<T>()).results;
}

/** Replaces each `?` with a SQL literal (for a transport that cannot bind parameters). */
export function inlineParams(sql: string, params: readonly SqlParam[] = []): string {
  let i = 0;
  return sql.replace(/\?/g, () => {
    if (i >= params.length) throw new Error("more placeholders than parameters");
    const value = params[i++];
    if (value === null || value === undefined) return "NULL";
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) throw new Error(`not an integer parameter: ${value}`);
      return String(value);
    }
    return `'${value.replaceAll("'", "''")}'`;
  });
}
