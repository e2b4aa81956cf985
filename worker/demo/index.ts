/**
 * The deterministic demo generator: same seed, same data. `npm start` loads it into an
 * empty local database; tests load it into their own; `npm run seed -- --scale national`
 * adds half a million synthetic villages for benchmarks. Later features extend `seedDemo`.
 */
import type { Db } from "../db/client";
import { loadRegions, loadVillageStatuses, publishDemoOfficialFigures } from "./load";
import { officialFigureRecords, SOURCES } from "./official-figures";
import { createRandom } from "./random";
import { seedFunds, type StatementRunner } from "./funds";

import { seedNoticesAndReports } from "./notices";
import { seedNeeds } from "./needs";
import { seedAccountability } from "./accountability";
import { seedContactsDemo } from "./contacts";
import { demoRegions, nationalRegions, type RegionRecord, type VillageStatusRecord } from "./regions";
import { seedRegisterDemo } from "./register";
import { refreshSearchIndex } from "../search";

export const DEFAULT_SEED = 20140101;

export interface SeedOptions {
  seed?: number;
  scale?: "demo" | "national";
  /** Progress callback for long loads (national scale). */
  onProgress?: (message: string) => void;
  /** The ledger's signing key (LEDGER_SIGNING_KEY); without it the funds demo is skipped. */
  ledgerSigningKey?: string;
  /** Skip the funds demo even with a key (tests add it separately: tests/helpers/funds.ts). */
  funds?: boolean;
  /** How the funds demo's statements run (scripts/seed.ts writes them to a SQL file). */
  runFundsStatements?: StatementRunner;
  /** When the demo is loaded: the `updated_at` of the rows it loads directly (default: now). */
  now?: Date;
  /**
   * false: leave out the register releases (npm start imports them once the portal serves,
   * scripts/import-demo-register.ts, because the joint disclosure gate takes minutes).
   */
  register?: boolean;
}

export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<{ regions: number; villages: number; officialFigures: number }> {
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const now = options.now ?? new Date();
  const loadedAt = now.toISOString();
  const base = demoRegions(random);
  // Every demo row goes through the write functions with its audit row (./audit.ts): regions
  // through the region write (one batch), the 356 village statuses through the batched status
  // write (one batch per county: one by one, two reads each, doubled the seed time in workerd).
  await loadRegions(db, base.regions, loadedAt);
  await loadVillageStatuses(db, base.villages, loadedAt);
  const figures = officialFigureRecords();
  await publishDemoOfficialFigures(db, SOURCES, figures, now);
  let regionCount = base.regions.length;
  let villageCount = base.villages.length;

  if (options.scale === "national") {
    const taken = new Set(base.regions.map((r) => r.code));
    let regionBuffer: RegionRecord[] = [];
    let villageBuffer: VillageStatusRecord[] = [];
    const flush = async () => {
      await loadRegions(db, regionBuffer, loadedAt);
      await loadVillageStatuses(db, villageBuffer, loadedAt);
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
  if (options.register !== false) await seedRegisterDemo(db, { seed: options.seed ?? DEFAULT_SEED, loadedAt: now });
  if (options.ledgerSigningKey && options.funds !== false) await seedFunds(db, createRandom((options.seed ?? DEFAULT_SEED) + 5), options.ledgerSigningKey, options.runFundsStatements, now);
  // Needs go with the funds demo and append to the ledger after it (their dates are recent: see
  // demo/needs.ts); test files that want them call seedNeedsOnce (tests/helpers/needs.ts).
  if (options.ledgerSigningKey && options.funds !== false) await seedNeeds(db, createRandom((options.seed ?? DEFAULT_SEED) + 15), options.ledgerSigningKey, { runStatements: options.runFundsStatements, now });

  // After the funds and needs: the notices' ledger entries continue from the ledger's tip.
  await seedNoticesAndReports(db, { seed: options.seed ?? DEFAULT_SEED, ledgerSigningKey: options.ledgerSigningKey, loadedAt: now });
  await seedAccountability(db, createRandom((options.seed ?? DEFAULT_SEED) + 25), now);
  await seedContactsDemo(db, createRandom((options.seed ?? DEFAULT_SEED) + 15), now);
  await refreshSearchIndex(db, { sliceSize: options.scale === "national" ? 5000 : 400 });
  return { regions: regionCount, villages: villageCount, officialFigures: figures.length };
}
