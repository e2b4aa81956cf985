/**
 * The smoke run's database (`npm run bench -- --smoke`, part of `npm test`): the demo's
 * regions, villages and official figures (what the light parts read) in a scratch SQLite
 * file with the project's migrations, built in about a second without wrangler, through the
 * generator's own records and loaders. The register, funds and notices demos are left out:
 * they cost most of a full demo load (the register's disclosure tables) and no smoke part
 * reads them.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createDb } from "../../worker/db/client";
import { bumpVersions, loadOfficialFigures, loadRegions, loadVillageStatuses } from "../../worker/demo/load";
import { officialFigureRecords, SOURCES } from "../../worker/demo/official-figures";
import { createRandom } from "../../worker/demo/random";
import { demoRegions } from "../../worker/demo/regions";
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
    const db = createDb(d1);
    const base = demoRegions(createRandom(seed));
    const figures = officialFigureRecords();
    const loadedAt = new Date().toISOString();
    await loadRegions(db, base.regions, loadedAt);
    await loadVillageStatuses(db, base.villages, loadedAt);
    await loadOfficialFigures(db, SOURCES, figures, loadedAt);
    await bumpVersions(db, ["regions", "villages", "official_figures"]);
    const counts = { regions: base.regions.length, villages: base.villages.length, officialFigures: figures.length };
    sqlite.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return { sqlitePath, counts, remove };
  } finally {
    sqlite.close();
  }
}
