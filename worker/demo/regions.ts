/**
 * Demo regions and village statuses. The provinces, cities and counties of the source
 * reports are real division codes and names; the townships and villages below Wuwei and
 * Nanling are synthetic (is_demo = 1), sized so that, as the Wuhu report says, 71 villages
 * were designated poor in 2014, 34 exited in 2016 and 37 in 2017.
 */
import type { RegionLevel } from "../domain/region-codes";
import { townshipName, villageName } from "./names";
import { PLACES } from "./official-figures";
import type { Random } from "./random";

export interface RegionRecord {
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  nameZh: string;
  nameEn: string;
  isDemo: boolean;
}

export interface VillageStatusRecord {
  villageCode: string;
  designatedYear: number | null;
  exitYear: number | null;
  status: "not_designated" | "poor" | "exited";
}

const REAL_REGIONS: RegionRecord[] = [
  { code: "340000000000", parentCode: null, level: "province", nameZh: "安徽省", nameEn: "Anhui Province", isDemo: false },
  { code: PLACES.wuhu, parentCode: "340000000000", level: "city", nameZh: "芜湖市", nameEn: "Wuhu City", isDemo: false },
  { code: PLACES.nanling, parentCode: PLACES.wuhu, level: "county", nameZh: "南陵县", nameEn: "Nanling County", isDemo: false },
  { code: PLACES.wuwei, parentCode: PLACES.wuhu, level: "county", nameZh: "无为县", nameEn: "Wuwei County", isDemo: false },
  { code: "220000000000", parentCode: null, level: "province", nameZh: "吉林省", nameEn: "Jilin Province", isDemo: false },
  { code: PLACES.baicheng, parentCode: "220000000000", level: "city", nameZh: "白城市", nameEn: "Baicheng City", isDemo: false },
  { code: "430000000000", parentCode: null, level: "province", nameZh: "湖南省", nameEn: "Hunan Province", isDemo: false },
  { code: "430800000000", parentCode: "430000000000", level: "city", nameZh: "张家界市", nameEn: "Zhangjiajie City", isDemo: false },
  { code: PLACES.cili, parentCode: "430800000000", level: "county", nameZh: "慈利县", nameEn: "Cili County", isDemo: false },
  { code: "520000000000", parentCode: null, level: "province", nameZh: "贵州省", nameEn: "Guizhou Province", isDemo: false },
  { code: PLACES.tongren, parentCode: "520000000000", level: "city", nameZh: "铜仁市", nameEn: "Tongren City", isDemo: false },
  { code: "610000000000", parentCode: null, level: "province", nameZh: "陕西省", nameEn: "Shaanxi Province", isDemo: false },
  { code: "611000000000", parentCode: "610000000000", level: "city", nameZh: "商洛市", nameEn: "Shangluo City", isDemo: false },
  { code: PLACES.shangzhou, parentCode: "611000000000", level: "county", nameZh: "商州区", nameEn: "Shangzhou District", isDemo: false },
];

/** Synthetic layout of the two Wuhu counties with poverty-alleviation tasks. */
const WUHU_COUNTIES = [
  { code: PLACES.wuwei, townships: 20, villagesPerTownship: [10, 16], poorVillages: 52, exits2016: 24 },
  { code: PLACES.nanling, townships: 8, villagesPerTownship: [10, 14], poorVillages: 19, exits2016: 10 },
] as const;

export function code(prefix: string): string {
  return prefix.padEnd(12, "0");
}

export function demoRegions(random: Random): { regions: RegionRecord[]; villages: VillageStatusRecord[] } {
  const regions = [...REAL_REGIONS];
  const villages: VillageStatusRecord[] = [];
  for (const county of WUHU_COUNTIES) {
    const townshipNames = new Set<string>();
    const villageNames = new Set<string>();
    const countyVillages: string[] = [];
    for (let t = 1; t <= county.townships; t++) {
      const townshipCode = code(county.code.slice(0, 6) + String(100 + t).padStart(3, "0"));
      const name = townshipName(random, townshipNames);
      regions.push({ code: townshipCode, parentCode: county.code, level: "township", nameZh: name.zh, nameEn: name.en, isDemo: true });
      const count = random.int(county.villagesPerTownship[0], county.villagesPerTownship[1]);
      for (let v = 1; v <= count; v++) {
        const villageCode = townshipCode.slice(0, 9) + String(200 + v).padStart(3, "0");
        const vName = villageName(random, villageNames);
        regions.push({ code: villageCode, parentCode: townshipCode, level: "village", nameZh: vName.zh, nameEn: vName.en, isDemo: true });
        countyVillages.push(villageCode);
      }
    }
    const poor = new Set(random.shuffle([...countyVillages]).slice(0, county.poorVillages));
    let exits2016 = 0;
    for (const villageCode of countyVillages) {
      if (!poor.has(villageCode)) {
        villages.push({ villageCode, designatedYear: null, exitYear: null, status: "not_designated" });
        continue;
      }
      const exitYear = exits2016 < county.exits2016 ? 2016 : 2017;
      if (exitYear === 2016) exits2016++;
      villages.push({ villageCode, designatedYear: 2014, exitYear, status: "exited" });
    }
  }
  return { regions, villages };
}

/**
 * National scale for benchmarks: 31 provinces × 10 cities × 6 counties × 15 townships ×
 * 18 villages = 502,200 synthetic villages, codes that do not collide with the real ones.
 */
export function* nationalRegions(random: Random, taken: Set<string>): Generator<{ region: RegionRecord; village?: VillageStatusRecord }> {
  const provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65];
  for (const p of provinces) {
    const provinceCode = code(String(p));
    if (!taken.has(provinceCode)) yield { region: { code: provinceCode, parentCode: null, level: "province", nameZh: `省${p}`, nameEn: `Province ${p}`, isDemo: true } };
    for (let c = 51; c <= 60; c++) {
      const cityCode = code(`${p}${c}`);
      yield { region: { code: cityCode, parentCode: provinceCode, level: "city", nameZh: `市${p}${c}`, nameEn: `City ${p}${c}`, isDemo: true } };
      for (let k = 1; k <= 6; k++) {
        const countyCode = code(`${p}${c}${String(k).padStart(2, "0")}`);
        yield { region: { code: countyCode, parentCode: cityCode, level: "county", nameZh: `县${p}${c}${k}`, nameEn: `County ${p}${c}${k}`, isDemo: true } };
        const names = new Set<string>();
        for (let t = 1; t <= 15; t++) {
          const townshipCode = code(countyCode.slice(0, 6) + String(100 + t));
          const tName = townshipName(random, names);
          yield { region: { code: townshipCode, parentCode: countyCode, level: "township", nameZh: tName.zh, nameEn: tName.en, isDemo: true } };
          for (let v = 1; v <= 18; v++) {
            const villageCode = townshipCode.slice(0, 9) + String(200 + v);
            const vName = villageName(random, names);
            const r = random.next();
            const designatedYear = r < 0.2 ? 2014 + Math.floor(random.next() * 3) : null;
            const exitYear = designatedYear !== null && random.next() < 0.9 ? designatedYear + 1 + Math.floor(random.next() * 5) : null;
            yield {
              region: { code: villageCode, parentCode: townshipCode, level: "village", nameZh: vName.zh, nameEn: vName.en, isDemo: true },
              village: { villageCode, designatedYear, exitYear, status: designatedYear === null ? "not_designated" : exitYear === null ? "poor" : "exited" },
            };
          }
        }
      }
    }
  }
}
