/**
 * Node only: the joint disclosure gate's results on disk (worker/domain/disclosure/tables-cache.ts),
 * under .wrangler/cache/register-tables/, named by the gate's input hash and a hash of the code
 * that computes it (every source file of worker/domain/disclosure/, the import path and the
 * solver's version). A changed rule or attacker computes afresh; a fresh clone has no cache, so
 * its first `npm start` or test run runs the gate for real. Demo data only: the files hold
 * published tables (no household), and real imports never run in Node with this store.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RegisterTables } from "../worker/domain/disclosure/tables";
import type { TablesStore } from "../worker/domain/disclosure/tables-cache";

export const TABLES_CACHE_DIR = join(".wrangler", "cache", "register-tables");

/** A hash of the code whose output the cache holds. */
export function gateCodeHash(root = "."): string {
  const hash = createHash("sha256");
  const dir = join(root, "worker", "domain", "disclosure");
  const files = [...readdirSync(dir).filter((f) => f.endsWith(".ts")).sort().map((f) => join(dir, f)), join(root, "worker", "writes", "register-imports.ts"), join(root, "worker", "domain", "region-codes.ts"), join(root, "node_modules", "highs", "package.json")];
  for (const file of files) {
    hash.update(file);
    hash.update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

export function fileTablesStore(dir = TABLES_CACHE_DIR, code = gateCodeHash()): TablesStore & { written: Map<string, RegisterTables>; hits: number } {
  const path = (key: string) => join(dir, `${code}-${key}.json`);
  const written = new Map<string, RegisterTables>();
  const store = {
    written,
    hits: 0,
    get(key: string): RegisterTables | undefined {
      if (!existsSync(path(key))) return undefined;
      store.hits++;
      const tables = JSON.parse(readFileSync(path(key), "utf8")) as RegisterTables;
      written.set(key, tables);
      return tables;
    },
    set(key: string, tables: RegisterTables): void {
      mkdirSync(dir, { recursive: true });
      const tmp = `${path(key)}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(tables));
      renameSync(tmp, path(key));
      written.set(key, tables);
    },
  };
  return store;
}
