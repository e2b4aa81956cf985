/**
 * The official figures of the five source reports (shared/reference/seeds, digested in
 * domain.md), each with its source. These are real announced figures, not demo data:
 * published exactly as the reports state them, even where they do not add up.
 */
import type { OfficialMetric } from "../domain/official-metrics";
import { OFFICIAL_METRICS } from "../domain/official-metrics";

export interface SourceRecord {
  id: string;
  titleZh: string;
  titleEn: string;
  issuer: string;
  publishedOn: string;
  url: string | null;
  reference: string;
}

export interface OfficialFigureRecord {
  regionCode: string;
  year: number;
  periodFrom: number;
  metric: OfficialMetric;
  value: number;
  unit: string;
  noteZh: string | null;
  noteEn: string | null;
  sourceId: string;
}

export const SOURCES: SourceRecord[] = [
  {
    id: "wuhu-2018",
    titleZh: "芜湖坚决打赢脱贫攻坚战",
    titleEn: "Wuhu resolved to win the battle against poverty",
    issuer: "孔令森、俞淼（中共芜湖市委党校）",
    publishedOn: "2018-01-01",
    url: null,
    reference: "seeds/000_769cab184046fbaf.txt; published 2018, exact date not given",
  },
  {
    id: "baicheng-2016",
    titleZh: "西部之战——白城市脱贫攻坚工作纪实",
    titleEn: "The western battle: a record of Baicheng's fight against poverty",
    issuer: "白城市（新闻报道）",
    publishedOn: "2016-10-18",
    url: null,
    reference: "seeds/001_ceb17537ec3a49aa.txt",
  },
  {
    id: "cili-2018",
    titleZh: "慈利县脱贫攻坚工作情况",
    titleEn: "Cili county's poverty-alleviation work",
    issuer: "张家界廉政网（作者：慈利扶贫）",
    publishedOn: "2018-11-28",
    url: "http://www.zjjlz.gov.cn/content/2018/11/28/6419832.html",
    reference: "seeds/002_a05c16c747886d99.txt",
  },
  {
    id: "shangzhou-2020",
    titleZh: "商州区《加强后续帮扶巩固提升脱贫成果的决定》",
    titleEn: "Shangzhou district: decision on follow-up assistance to consolidate poverty exits",
    issuer: "中共商州区委",
    publishedOn: "2020-02-25",
    url: null,
    reference: "seeds/003_74beb27de1b3ead5.txt",
  },
  {
    id: "tongren-2020",
    titleZh: "铜仁“76554”工作方法：打好脱贫攻坚仗",
    titleEn: "Tongren's '76554' method in the fight against poverty",
    issuer: "铜仁市（新闻报道）",
    publishedOn: "2020-01-01",
    url: null,
    reference: "seeds/004_0b27a3c673c1f5c5.txt; published 2020, exact date not given",
  },
];

export const PLACES = {
  wuhu: "340200000000",
  wuwei: "340225000000",
  nanling: "340223000000",
  baicheng: "220800000000",
  cili: "430821000000",
  shangzhou: "611002000000",
  tongren: "520600000000",
} as const;

const YUAN = 100; // fen per yuan

type FigureInput = [region: string, year: number | [number, number], metric: OfficialMetric, value: number, sourceId: string, noteEn?: string, noteZh?: string];

const FIGURES: FigureInput[] = [
  // Wuhu (000)
  [PLACES.wuhu, 2014, "registered_people", 133_500, "wuhu-2018", "Confirmed by the provincial poverty office (13.35万)", "省扶贫办确认"],
  [PLACES.wuhu, 2014, "poor_villages", 71, "wuhu-2018"],
  [PLACES.wuhu, 2018, "rural_population", 1_598_500, "wuhu-2018", "Rural population (159.85万)"],
  [PLACES.wuhu, [2014, 2015], "exited_people", 60_181, "wuhu-2018", "Two years together"],
  [PLACES.wuhu, 2016, "exited_people", 30_749, "wuhu-2018"],
  [PLACES.wuwei, 2016, "exited_people", 23_922, "wuhu-2018"],
  [PLACES.nanling, 2016, "exited_people", 6_827, "wuhu-2018"],
  [PLACES.wuhu, 2016, "exited_villages", 34, "wuhu-2018"],
  [PLACES.wuhu, 2017, "exited_people", 23_515, "wuhu-2018"],
  [PLACES.wuwei, 2017, "exited_people", 22_750, "wuhu-2018"],
  [PLACES.nanling, 2017, "exited_people", 765, "wuhu-2018"],
  [PLACES.wuhu, 2017, "exited_villages", 37, "wuhu-2018"],
  [PLACES.wuhu, 2017, "newly_identified_households", 953, "wuhu-2018"],
  [PLACES.wuhu, 2017, "newly_identified_people", 2_723, "wuhu-2018"],
  [PLACES.wuhu, 2018, "remaining_poor_people", 18_225, "wuhu-2018", "At the time of the report; not the 2014 register minus exits, because of new identifications and other changes", "报告时剩余贫困人口"],
  [PLACES.wuhu, 2018, "exit_target_people", 10_836, "wuhu-2018"],
  [PLACES.wuwei, 2018, "exit_target_people", 10_721, "wuhu-2018"],
  [PLACES.nanling, 2018, "exit_target_people", 115, "wuhu-2018"],
  [PLACES.wuhu, [2017, 2018], "funds_invested", 370_000_000 * YUAN, "wuhu-2018", "Municipal funds (市级财政)", "市级扶贫资金"],
  [PLACES.wuhu, 2018, "donations_received", 40_230_000 * YUAN, "wuhu-2018", "Targeted donations through the charity federation's poverty account (money and goods)", "慈善总会精准扶贫捐赠科目"],
  [PLACES.wuhu, 2018, "households_helped", 18_432, "wuhu-2018", "Poor households helped by the donations"],
  [PLACES.wuhu, 2018, "working_groups", 348, "wuhu-2018", "One working group in each non-poor village with poor households"],
  [PLACES.wuhu, 2018, "helpers", 8_123, "wuhu-2018", "Up from 5,067"],
  // Baicheng (001)
  [PLACES.baicheng, 2016, "poverty_incidence_pct", 23.6, "baicheng-2016", "13.2 points above Jilin's average"],
  [PLACES.baicheng, 2016, "poor_villages", 384, "baicheng-2016"],
  [PLACES.baicheng, 2016, "exit_target_people", 108_000, "baicheng-2016"],
  [PLACES.baicheng, 2017, "exit_target_people", 59_000, "baicheng-2016"],
  [PLACES.baicheng, 2018, "exit_target_people", 34_000, "baicheng-2016"],
  [PLACES.baicheng, 2016, "projects", 816, "baicheng-2016", "Industry projects started"],
  [PLACES.baicheng, 2016, "projects_in_production", 427, "baicheng-2016"],
  [PLACES.baicheng, 2016, "project_start_rate_pct", 96.2, "baicheng-2016"],
  [PLACES.baicheng, 2016, "funds_invested", 300_000_000 * YUAN, "baicheng-2016", "More than 300 million yuan across 2,300+ projects", "3亿元以上"],
  // Cili (002)
  [PLACES.cili, 2018, "exit_target_people", 26_702, "cili-2018", "Expected to exit in 2018 (预脱贫)"],
  [PLACES.cili, 2018, "exit_target_villages", 73, "cili-2018"],
  [PLACES.cili, 2017, "exited_villages", 61, "cili-2018", "Exited in earlier years"],
  [PLACES.cili, 2018, "poor_villages", 134, "cili-2018"],
  [PLACES.cili, 2018, "poverty_incidence_pct", 1.01, "cili-2018"],
  [PLACES.cili, 2018, "wrong_exit_rate_pct", 0, "cili-2018"],
  [PLACES.cili, 2018, "missed_identification_rate_pct", 0, "cili-2018"],
  [PLACES.cili, 2018, "public_approval_pct", 95, "cili-2018"],
  [PLACES.cili, 2018, "petition_cases", 284, "cili-2018", "236 referred by central, provincial and city offices plus 48 at county level"],
  [PLACES.cili, 2018, "petition_cases_closed", 279, "cili-2018", "5 still in progress"],
  [PLACES.cili, 2018, "discipline_cases", 393, "cili-2018"],
  [PLACES.cili, 2018, "people_disciplined", 339, "cili-2018"],
  [PLACES.cili, 2018, "people_prosecuted", 7, "cili-2018"],
  [PLACES.cili, 2018, "funds_recovered", 2_760_000 * YUAN, "cili-2018"],
  [PLACES.cili, 2018, "funds_returned", 580_000 * YUAN, "cili-2018"],
  [PLACES.cili, 2018, "needs_matched", 15_727, "cili-2018", "Needs matched with donors on the social assistance platform"],
  // Shangzhou (003)
  [PLACES.shangzhou, 2019, "exited_villages", 124, "shangzhou-2020", "All poor villages exited by the end of 2019"],
  [PLACES.shangzhou, 2020, "exited_households", 2_892, "shangzhou-2020", "The last households to exit"],
  [PLACES.shangzhou, 2020, "exited_people", 4_680, "shangzhou-2020"],
  [PLACES.shangzhou, 2020, "solar_plants", 60, "shangzhou-2020"],
  [PLACES.shangzhou, 2020, "solar_capacity_mw", 62.73, "shangzhou-2020"],
  // Tongren (004)
  [PLACES.tongren, 2014, "poverty_incidence_pct", 24.74, "tongren-2020"],
  [PLACES.tongren, 2019, "poverty_incidence_pct", 1.16, "tongren-2020"],
  [PLACES.tongren, 2019, "remaining_poor_people", 43_800, "tongren-2020", "At the end of 2019"],
  [PLACES.tongren, [2013, 2019], "funds_invested", 1_705_400_000 * YUAN, "tongren-2020", "East–west cooperation funds from Suzhou since 2013", "苏州东西部扶贫协作资金"],
  [PLACES.tongren, [2013, 2019], "projects", 1_121, "tongren-2020", "Suzhou pairing projects"],
  [PLACES.tongren, [2013, 2019], "people_covered", 691_890, "tongren-2020", "Poor people covered by Suzhou pairing projects"],
  [PLACES.tongren, 2019, "relocation_sites", 144, "tongren-2020"],
  [PLACES.tongren, 2019, "relocated_households", 66_000, "tongren-2020"],
  [PLACES.tongren, 2019, "relocated_people", 293_600, "tongren-2020"],
];

export function officialFigureRecords(): OfficialFigureRecord[] {
  return FIGURES.map(([regionCode, years, metric, value, sourceId, noteEn, noteZh]) => {
    const [periodFrom, year] = Array.isArray(years) ? years : [years, years];
    return { regionCode, year, periodFrom, metric, value, unit: OFFICIAL_METRICS[metric].unit, noteZh: noteZh ?? null, noteEn: noteEn ?? null, sourceId };
  });
}
