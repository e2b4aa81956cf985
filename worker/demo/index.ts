/**
 * The deterministic demo generator: same seed, same data. `npm start` loads it into an
 * empty local database; tests load it into their own; `npm run seed -- --scale national`
 * adds half a million synthetic villages for benchmarks. Later features extend `seedDemo`.
 */
import type { Db } from "../db/client";
import { bumpVersions, loadOfficialFigures, loadRegions, loadVillageStatuses } from "./load";
import { officialFigureRecords, SOURCES } from "./official-figures";
import { createRandom } from "./random";
import { seedNoticesAndReports } from "./notices";
import { demoRegions, nationalRegions, type RegionRecord, type VillageStatusRecord } from "./regions";
import { seedRegisterDemo } from "./register";

export const DEFAULT_SEED = 20140101;

export interface SeedOptions {
  seed?: number;
  scale?: "demo" | "national";
  /** Progress callback for long loads (national scale). */
  onProgress?: (message: string) => void;
}

export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<{ regions: number; villages: number; officialFigures: number }> {
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const base = demoRegions(random);
  await loadRegions(db, base.regions);
  await loadVillageStatuses(db, base.villages);
  const figures = officialFigureRecords();
  await loadOfficialFigures(db, SOURCES, figures);
  let regionCount = base.regions.length;
  let villageCount = base.villages.length;

  if (options.scale === "national") {
    const taken = new Set(base.regions.map((r) => r.code));
    let regionBuffer: RegionRecord[] = [];
    let villageBuffer: VillageStatusRecord[] = [];
    const flush = async () => {
      await loadRegions(db, regionBuffer);
      await loadVillageStatuses(db, villageBuffer);
      regionCount += regionBuffer.length;
      villageCount += villageBuffer.length;
      regionBuffer = [];
      villageBuffer = [];
      options.onProgress?.(`${villageCount.toLocaleString("en")} villages`);
    };
    for (const { region, village } of nationalRegions(random, taken)) {
      regionBuffer.push(region);
      if (village) villageBuffer.push(village);
      if (regionBuffer.length >= 20_000) await flush();
    }
    await flush();
  }
  await bumpVersions(db, ["regions", "villages", "official_figures"]);
  await seedRegisterDemo(db, { seed: options.seed ?? DEFAULT_SEED });
  await seedNoticesAndReports(db, { seed: options.seed ?? DEFAULT_SEED });
  return { regions: regionCount, villages: villageCount, officialFigures: figures.length };
}
