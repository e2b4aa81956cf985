import { env } from "cloudflare:workers";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as schema from "../../worker/db/schema";

const tables = Object.values(schema as Record<string, unknown>).filter((value): value is SQLiteTable => value instanceof SQLiteTable);

describe("worker/db/schema.ts agrees with the migrations", () => {
  it("has tables to check", () => expect(tables.length).toBeGreaterThan(3));
  for (const table of tables) {
    const config = getTableConfig(table);
    it(`table ${config.name} has the same columns`, async () => {
      const { results } = await env.DB.prepare(`PRAGMA table_info(${config.name})`).all<{ name: string; notnull: number }>();
      expect(results.map((c) => c.name).sort()).toEqual(config.columns.map((c) => c.name).sort());
      for (const column of config.columns) {
        const actual = results.find((c) => c.name === column.name)!;
        if (column.notNull && !column.primary) expect(actual.notnull, `${config.name}.${column.name} NOT NULL`).toBe(1);
      }
    });
  }
});
