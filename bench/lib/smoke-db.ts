/**
 * The smoke run's database (`npm run bench -- --smoke`, part of `npm test`): the demo data
 * (not national scale) in a scratch SQLite file with the project's migrations, built in
 * seconds without wrangler, through the same generator as every other load.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createDb } from "../../worker/db/client";
import { seedDemo } from "../../worker/demo";
import { openSqliteAsD1 } from "../../scripts/sqlite-d1";

export async function buildSmokeDb(seed: number): Promise<{ sqlitePath: string; counts: { regions: number; villages: number; officialFigures: number }; remove: () => void }> {
  const dir = join("bench", "out");
  mkdirSync(dir, { recursive: true });
  const sqlitePath = join(dir, `smoke-${process.pid}.sqlite`);
  const remove = () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${sqlitePath}${suffix}`, { force: true });
  };
  remove();
  const { d1, sqlite } = openSqliteAsD1(sqlitePath);
  try {
    for (const migration of readdirSync("migrations").filter((f) => f.endsWith(".sql")).sort()) sqlite.exec(readFileSync(join("migrations", migration), "utf8"));
    const counts = await seedDemo(createDb(d1), { seed });
    sqlite.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return { sqlitePath, counts, remove };
  } finally {
    sqlite.close();
  }
}
