import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createDb } from "../worker/db/client";
import { loadRegions, loadVillageStatuses } from "../worker/demo/load";
import { nationalRegions, type RegionRecord, type VillageStatusRecord } from "../worker/demo/regions";
import { createRandom } from "../worker/demo/random";
const scratch = new DatabaseSync(":memory:");
for (const m of readdirSync("migrations").filter((f) => f.endsWith(".sql")).sort()) scratch.exec(readFileSync(join("migrations", m), "utf8"));
const db = createDb(await import("./sqlite-d1").then((m) => m.sqliteAsD1(scratch)));
const regions: RegionRecord[] = []; const villages: VillageStatusRecord[] = [];
for (const { region, village } of nationalRegions(createRandom(1), new Set())) { regions.push(region); if (village) villages.push(village); if (regions.length >= 180_000) break; }
const at = new Date().toISOString();
let t = performance.now();
for (let i = 0; i < regions.length; i += 20_000) await loadRegions(db, regions.slice(i, i + 20_000), at);
const r = performance.now() - t; t = performance.now();
for (let i = 0; i < villages.length; i += 20_000) await loadVillageStatuses(db, villages.slice(i, i + 20_000), at);
console.log(`PART regions ${regions.length} ${r.toFixed(0)} ms; villages ${villages.length} ${(performance.now() - t).toFixed(0)} ms`);
