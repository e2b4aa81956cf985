/**
 * Demo-wide (issue 16): everything the demo register publishes — both counties, both years,
 * every level and breakdown, read back from the database the import wrote — goes to the exact
 * attacker (joint-check.ts: intervals, then HiGHS LP over each county's whole joint model, the
 * years linked), and no protected count may be narrowed below its rule. The demo is imported
 * through the same code as `npm start` (seedRegisterDemo → importHouseholds → registerTables,
 * joint gate on); its protected tables come from .wrangler/cache/register-tables when this
 * code computed them before (tests/global-setup.ts, npm start), else the gate runs here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { fileTablesStore } from "../../scripts/register-tables-store";
import { sqliteAsD1 } from "../../scripts/sqlite-d1";
import { createDb } from "../../worker/db/client";
import { getActiveRelease, releaseRows } from "../../worker/db/queries/register";
import { DEFAULT_SEED } from "../../worker/demo";
import { loadRegions, loadVillageStatuses } from "../../worker/demo/load";
import { PLACES } from "../../worker/demo/official-figures";
import { createRandom } from "../../worker/demo/random";
import { demoRegions } from "../../worker/demo/regions";
import { DEMO_REGISTER_YEARS, seedRegisterDemo } from "../../worker/demo/register";
import { attackReleases } from "../../worker/domain/disclosure";
import { describeViolation } from "../../worker/domain/disclosure/joint-check";
import { highsSolver } from "../../worker/domain/disclosure/lp-solver";
import { useTablesStore } from "../../worker/domain/disclosure/tables-cache";

describe("the demo register against the exact joint attacker", () => {
  it("no count of anything the demo publishes (all counties, all years linked) is narrowed below its rule", async () => {
    const scratch = new DatabaseSync(":memory:");
    for (const migration of readdirSync("migrations").filter((f) => f.endsWith(".sql")).sort()) scratch.exec(readFileSync(join("migrations", migration), "utf8"));
    const db = createDb(sqliteAsD1(scratch));
    const base = demoRegions(createRandom(DEFAULT_SEED));
    const loadedAt = new Date();
    await loadRegions(db, base.regions, loadedAt.toISOString());
    await loadVillageStatuses(db, base.villages, loadedAt.toISOString());
    useTablesStore(fileTablesStore());
    try {
      await seedRegisterDemo(db, { seed: DEFAULT_SEED, loadedAt });
    } finally {
      useTablesStore(undefined);
    }
    const releases = [];
    for (const year of DEMO_REGISTER_YEARS) {
      const release = (await getActiveRelease(db, PLACES.wuhu, year))!;
      releases.push({ year, rows: await releaseRows(db, release.id, PLACES.wuhu) });
    }
    expect(releases.map((r) => r.rows.length)).toEqual([1118, 1118]);
    const started = Date.now();
    const attack = attackReleases(await highsSolver(), releases);
    const counties = attack.counties.map((c) => `${c.county}: ${c.blocks} block(s), years linked ${c.yearsLinked}, ${c.lpSolves} LP solves, ${(c.millis / 1000).toFixed(1)} s`);
    console.log(`demo-wide joint attack in ${((Date.now() - started) / 1000).toFixed(1)} s\n  ${counties.join("\n  ")}`);
    expect(attack.counties.map((c) => c.county).sort()).toEqual([PLACES.nanling, PLACES.wuwei]);
    expect(attack.counties.every((c) => c.blocks === 1 && c.yearsLinked)).toBe(true);
    expect(attack.violations.map(describeViolation)).toEqual([]);
    scratch.close();
  }, 3_600_000);
});
