/**
 * Demo contacts (issue 15 §4), in the manner Shangzhou publishes its offices' phone lists:
 * every designated village of the demo counties has a first secretary and a resident work team
 * sent by a county or city unit; every demo township its poverty-alleviation station; every demo
 * county its poverty-alleviation office. Names and numbers are invented (marked demo in every
 * row); they go through the same write as the admin API (worker/writes/contacts.ts).
 */
import { and, between, eq, ne } from "drizzle-orm";
import type { Db } from "../db/client";
import { regions, villageStatus } from "../db/schema";
import { descendantRange } from "../domain/region-codes";
import { addDays, localDateOf } from "../domain/notice-window";
import { replaceRegionContacts, type ContactInput } from "../writes/contacts";
import { DEMO_ACTOR, demoAudit } from "./audit";
import { PLACES } from "./official-figures";
import type { Random } from "./random";


const SURNAMES: [string, string][] = [["王", "Wang"], ["李", "Li"], ["张", "Zhang"], ["刘", "Liu"], ["陈", "Chen"], ["杨", "Yang"], ["赵", "Zhao"], ["黄", "Huang"], ["周", "Zhou"], ["吴", "Wu"], ["徐", "Xu"], ["孙", "Sun"], ["胡", "Hu"], ["朱", "Zhu"], ["高", "Gao"], ["何", "He"]];
const GIVEN: [string, string][] = [["建国", "Jianguo"], ["秀英", "Xiuying"], ["文斌", "Wenbin"], ["丽华", "Lihua"], ["志强", "Zhiqiang"], ["海燕", "Haiyan"], ["明", "Ming"], ["静", "Jing"], ["伟", "Wei"], ["芳", "Fang"], ["军", "Jun"], ["敏", "Min"], ["磊", "Lei"], ["洁", "Jie"], ["涛", "Tao"], ["红梅", "Hongmei"]];

/** Counties and the units that send their cadres, with the telephone area code. */
const COUNTIES: { code: string; nameZh: string; nameEn: string; area: string; units: [string, string][] }[] = [
  { code: PLACES.nanling, nameZh: "南陵县", nameEn: "Nanling County", area: "0553", units: [["南陵县财政局", "Nanling County Finance Bureau"], ["南陵县农业农村局", "Nanling County Agriculture Bureau"], ["南陵县教育局", "Nanling County Education Bureau"], ["芜湖市自然资源和规划局", "Wuhu Natural Resources Bureau"]] },
  { code: PLACES.wuwei, nameZh: "无为县", nameEn: "Wuwei County", area: "0553", units: [["无为县财政局", "Wuwei County Finance Bureau"], ["无为县卫生健康委员会", "Wuwei County Health Commission"], ["无为县水务局", "Wuwei County Water Bureau"], ["芜湖市审计局", "Wuhu Audit Bureau"]] },
  { code: PLACES.cili, nameZh: "慈利县", nameEn: "Cili County", area: "0744", units: [] },
  { code: PLACES.shangzhou, nameZh: "商州区", nameEn: "Shangzhou District", area: "0914", units: [] },
];

export async function seedContactsDemo(db: Db, random: Random, now = new Date()): Promise<number> {
  const today = localDateOf(now);
  const confirmed = () => addDays(today, -random.int(3, 150));
  const phone = (area: string) => `${area}-${random.int(2, 8)}${String(random.int(0, 999_999)).padStart(6, "0")}`;
  const person = (): { name_zh: string; name_en: string } => {
    const [s, se] = random.pick(SURNAMES);
    const [g, ge] = random.pick(GIVEN);
    return { name_zh: `${s}${g}`, name_en: `${se} ${ge}` };
  };
  let written = 0;
  const publish = async (code: string, contacts: ContactInput[]) => {
    const plan = await replaceRegionContacts({ actor: DEMO_ACTOR, now, db }, code, { contacts, demo: true });
    const [first, ...rest] = [...plan.statements, ...demoAudit(db, plan.audit, now)];
    await db.batch([first!, ...rest]);
    written += contacts.length;
  };

  for (const county of COUNTIES) {
    const exists = (await db.select({ code: regions.code }).from(regions).where(eq(regions.code, county.code)).limit(1)).length > 0;
    if (!exists) continue;
    await publish(county.code, [
      { role: "county_office", office_zh: `${county.nameZh}扶贫开发局`, office_en: `${county.nameEn} Poverty Alleviation Office`, position_zh: "值班电话", position_en: "Duty line", phone: phone(county.area), confirmed_on: confirmed() },
      { role: "county_office", ...person(), position_zh: "局长", position_en: "Director", office_zh: `${county.nameZh}扶贫开发局`, office_en: `${county.nameEn} Poverty Alleviation Office`, phone: phone(county.area), confirmed_on: confirmed() },
    ]);
    if (county.units.length === 0) continue;
    const { min, max } = descendantRange(county.code);
    const townships = await db.select({ code: regions.code, nameZh: regions.nameZh, nameEn: regions.nameEn }).from(regions)
      .where(and(eq(regions.level, "township"), between(regions.code, min, max))).orderBy(regions.code);
    for (const t of townships) {
      await publish(t.code, [
        { role: "township_office", office_zh: `${t.nameZh}扶贫工作站`, office_en: `${t.nameEn} Poverty Alleviation Station`, ...person(), position_zh: "站长", position_en: "Head of station", phone: phone(county.area), confirmed_on: confirmed() },
      ]);
    }
    // First secretaries and work teams are sent to designated (poor or exited) villages.
    const villages = await db.select({ code: villageStatus.villageCode }).from(villageStatus)
      .where(and(between(villageStatus.villageCode, min, max), ne(villageStatus.status, "not_designated"))).orderBy(villageStatus.villageCode);
    for (const v of villages) {
      const [unit, unitEn] = random.pick(county.units);
      const members = random.int(1, 3);
      await publish(v.code, [
        { role: "first_secretary", ...person(), position_zh: "第一书记、工作队队长", position_en: "First secretary, team leader", office_zh: unit, office_en: unitEn, phone: phone(county.area), confirmed_on: confirmed() },
        ...Array.from({ length: members }, (): ContactInput => ({ role: "work_team", ...person(), position_zh: "工作队队员", position_en: "Team member", office_zh: unit, office_en: unitEn, phone: phone(county.area), confirmed_on: confirmed() })),
      ]);
    }
  }
  return written;
}
