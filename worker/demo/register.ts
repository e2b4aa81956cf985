/**
 * Synthetic household register for the demo counties (Wuwei and Nanling, Wuhu), imported
 * through the same code path as a real file: a CSV with names and ID numbers is built and
 * handed to importHouseholds, which drops the identifiers while reading it.
 *
 * Scale: about 1 household in 14 of Wuhu's 2014 register (133,500 people), so that
 * `npm start` and every test file stay quick; the shares follow the Wuhu report (about
 * 45 % exited in 2014–15, 23 % in 2016, 18 % in 2017, 2 % newly identified in 2017).
 * Poor villages hold most households. Two releases (2016 and 2017) cover Wuhu city.
 *
 * Planted edge cases (tests/contracts/disclosure-gate.test.ts): in township 340223101000
 * the villages …201 to …205 hold exactly 1, 7, 8, 19 and 20 households; the only
 * household with cause lack_of_water lives in the 7-household village; and the single
 * household of the 1-household village is the canary, whose name and ID number must
 * appear nowhere public (nor in the database).
 */
import { and, asc, between, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { regions, villageStatus } from "../db/schema";
import { csvRow } from "../domain/csv";
import type { Cause, Measure, Monitoring } from "../domain/disclosure/categories";
import { withCheckCharacter } from "../domain/id-number";
import { descendantRange } from "../domain/region-codes";
import { importAuditFacts, importHouseholds, type ImportSummary } from "../writes/register-imports";
import { demoAudit } from "./audit";
import { PLACES } from "./official-figures";
import { createRandom, type Random } from "./random";

/** Not a secret: demo pseudonyms are of synthetic households. Real imports use PSEUDONYM_KEY. */
export const DEMO_PSEUDONYM_KEY = "gongkai-demo-pseudonym-key--not-a-secret--synthetic-only";
export const DEMO_REGISTER_YEARS = [2016, 2017] as const;

export const PLANTED_TOWNSHIP = "340223101000";
export const PLANTED_VILLAGES = {
  "340223101201": 1,
  "340223101202": 7,
  "340223101203": 8,
  "340223101204": 19,
  "340223101205": 20,
} as const;
export const RARE_CAUSE = { village: "340223101202", cause: "lack_of_water" as Cause };
export const CANARY = {
  registerNo: "340223101201-CANARY",
  name: "甄金雀",
  idNumber: withCheckCharacter("34022319700101777"),
  village: "340223101201",
} as const;

interface DemoHousehold {
  registerNo: string;
  name: string;
  idNumber: string;
  villageCode: string;
  size: number;
  cause: Cause;
  measures: Measure[];
  identifiedYear: number;
  exitYear: number | null;
  returnedYear: number | null;
  monitoring: Monitoring;
}

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "朱", "胡", "许"];
const GIVEN = ["德", "明", "华", "英", "兰", "志", "国", "秀", "平", "军", "芳", "建", "春", "玉", "海", "桂"];

// Shares loosely after national register statistics: illness leads, then disability and lack of labour.
const CAUSE_WEIGHTS: [Cause, number][] = [
  ["illness", 42], ["disability", 14], ["lack_of_labour", 12], ["lack_of_capital", 9], ["schooling", 6], ["lack_of_skills", 6],
  ["disaster", 3], ["lack_of_land", 2], ["poor_transport", 2], ["lack_of_motivation", 2], ["other", 2],
];
const MEASURE_WEIGHTS: [Measure, number][] = [
  ["industry", 30], ["employment", 20], ["health", 14], ["education", 8], ["safety_net", 8], ["microcredit", 7], ["housing", 6], ["solar", 4], ["relocation", 2], ["ecological", 1],
];

function weighted<T>(random: Random, items: readonly [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = random.next() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

function household(random: Random, villageCode: string, seq: number): DemoHousehold {
  const r = random.next();
  const identifiedYear = r < 0.9 ? 2014 : r < 0.94 ? 2015 : r < 0.98 ? 2016 : 2017;
  const e = random.next();
  let exitYear: number | null = e < 0.45 ? (random.next() < 0.5 ? 2014 : 2015) : e < 0.68 ? 2016 : e < 0.86 ? 2017 : null;
  if (exitYear !== null && exitYear < identifiedYear) exitYear = identifiedYear === 2017 || random.next() < 0.5 ? null : identifiedYear;
  const returnedYear = exitYear !== null && exitYear < 2017 && random.next() < 0.02 ? exitYear + 1 : null;
  const m = random.next();
  const s = random.next();
  const size = s < 0.15 ? 1 : s < 0.4 ? 2 : s < 0.65 ? 3 : s < 0.85 ? 4 : s < 0.95 ? 5 : random.int(6, 8);
  const measures = new Set<Measure>();
  for (let i = random.int(1, 3); i > 0; i--) measures.add(weighted(random, MEASURE_WEIGHTS));
  const birth = `${random.int(1940, 1990)}${String(random.int(1, 12)).padStart(2, "0")}${String(random.int(1, 28)).padStart(2, "0")}`;
  return {
    registerNo: `${villageCode}-${String(seq).padStart(4, "0")}`,
    name: random.pick(SURNAMES) + random.pick(GIVEN) + (random.next() < 0.7 ? random.pick(GIVEN) : ""),
    idNumber: withCheckCharacter(`${villageCode.slice(0, 6)}${birth}${String(random.int(100, 999))}`),
    villageCode,
    size,
    cause: weighted(random, CAUSE_WEIGHTS),
    measures: [...measures],
    identifiedYear,
    exitYear,
    returnedYear,
    monitoring: m < 0.03 ? "edge" : m < 0.05 ? "monitored" : "none",
  };
}

/** The demo register of Wuhu's villages (read from the database the generator just filled). */
export async function demoHouseholds(db: Db, seed: number): Promise<DemoHousehold[]> {
  const random = createRandom(seed + 4);
  const { min, max } = descendantRange(PLACES.wuhu);
  const villages = await db
    .select({ code: regions.code, status: villageStatus.status })
    .from(regions)
    .innerJoin(villageStatus, eq(villageStatus.villageCode, regions.code))
    .where(and(eq(regions.level, "village"), between(regions.code, min, max)))
    .orderBy(asc(regions.code));
  const households: DemoHousehold[] = [];
  for (const village of villages) {
    const planted = (PLANTED_VILLAGES as Record<string, number>)[village.code];
    const inPlantedTownship = village.code.startsWith(PLANTED_TOWNSHIP.slice(0, 9));
    const count = planted ?? (village.status === "not_designated" ? (random.next() < 0.35 ? 0 : random.int(1, 12)) : random.int(20, 45));
    for (let i = 1; i <= count; i++) {
      const h = household(random, village.code, i);
      // Keep the rare cause rare: in the planted township only the planted household has it.
      if (inPlantedTownship && h.cause === RARE_CAUSE.cause) h.cause = "other";
      // Planted villages hold households of every year, so the counts hold in both releases.
      if (planted !== undefined) h.identifiedYear = 2014;
      households.push(h);
    }
  }
  const rare = households.find((h) => h.villageCode === RARE_CAUSE.village);
  if (rare) rare.cause = RARE_CAUSE.cause;
  const canary = households.find((h) => h.villageCode === CANARY.village);
  if (canary) Object.assign(canary, { registerNo: CANARY.registerNo, name: CANARY.name, idNumber: CANARY.idNumber });
  return households;
}

const HEADER_ZH = ["户编号", "户主姓名", "身份证号", "村代码", "家庭人口", "致贫原因", "帮扶措施", "识别年度", "脱贫年度", "返贫年度", "监测状态"];

interface RegisterYears {
  identifiedYear: number;
  exitYear: number | null;
  returnedYear: number | null;
}

/** The households of one year's register as known that year: identified by then, later exits and returns not yet known. */
export function registerAsOf<T extends RegisterYears>(households: readonly T[], year: number): T[] {
  return households
    .filter((h) => h.identifiedYear <= year)
    .map((h) => {
      const exitYear = h.exitYear !== null && h.exitYear <= year ? h.exitYear : null;
      return { ...h, exitYear, returnedYear: exitYear !== null && h.returnedYear !== null && h.returnedYear <= year ? h.returnedYear : null };
    });
}

/** The register file of one year, as a county office would export it (Chinese headers). */
export function registerCsv(households: readonly DemoHousehold[], year: number): string {
  let csv = csvRow(HEADER_ZH);
  for (const h of registerAsOf(households, year)) {
    csv += csvRow([h.registerNo, h.name, h.idNumber, h.villageCode, h.size, h.cause, h.measures.join(";"), h.identifiedYear, h.exitYear, h.returnedYear, h.monitoring]);
  }
  return csv;
}

export async function seedRegisterDemo(
  db: Db,
  options: { seed: number; loadedAt?: Date; onRelease?: (year: number, status: "imported" | "unchanged" | "dry_run", summary: ImportSummary) => void },
): Promise<{ households: number }> {
  const households = await demoHouseholds(db, options.seed);
  let imported = 0;
  for (const year of DEMO_REGISTER_YEARS) {
    const result = await importHouseholds(db, {
      text: registerCsv(households, year),
      year,
      scopeCode: PLACES.wuhu,
      tokenRegion: PLACES.wuhu,
      createdBy: "demo",
      pseudonymKey: DEMO_PSEUDONYM_KEY,
      now: options.loadedAt,
    }, { extraStatements: (summary) => demoAudit(db, importAuditFacts(summary), options.loadedAt ?? new Date()) });
    options.onRelease?.(year, result.status, result.summary);
    imported += result.summary.households;
  }
  return { households: imported };
}
