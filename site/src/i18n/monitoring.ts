/**
 * Strings of the dynamic-monitoring page (/monitoring/) and its links elsewhere, kept apart
 * from zh-cn.ts/en.ts like the needs and notices strings. zh-CN first; English typed against it.
 */
import type { Locale } from "./index";

const zhCN = {
  title: "动态管理与防返贫监测",
  lead: "按年度公布新识别、脱贫、返贫和纳入监测的户数和人数（监测合计，及分列的边缘易致贫户、脱贫不稳定户），以及所属的建档立卡户数。数字来自建档立卡数据，经披露控制后公布，本页不另行计算。",
  regionCode: "地区代码（县、乡镇或村）",
  year: "年度",
  allYears: "全部年度",
  show: "查看",
  none: "该地区暂无建档立卡统计。",
  byYear: "逐年变化",
  children: "下级地区",
  causes: "按致贫原因（返贫风险）",
  causesNote: "新识别、返贫和监测户不按原因公布（返贫、监测户的返贫风险原因只在县级、且经联合披露审查后公布），以免单独识别个别农户；下表为各原因的建档立卡户数和脱贫户数。",
  causesNoteCounty: "县级按原因（返贫风险）公布返贫户、监测户合计、边缘易致贫户和脱贫不稳定户的户数；这些户的人数、新识别户数按原因不公布（户数、人数都很小时，两者对照可能指认到具体某一户）。",
  causesVillage: "村级不按原因公布（因病、因残等信息只在乡镇及以上公布）。",
  villageFigures: "村级只公布建档立卡户数和当年脱贫户数；人数、新识别、返贫和监测户数标为“不公布”，请看所在乡镇的数字：村级的这些数字与上一年的户数相减，可能指认到具体某一户。",
  region: "地区",
  metrics: {
    newly_identified: "新识别",
    exited: "脱贫",
    returned: "返贫",
    monitored: "监测合计",
    edge: "边缘易致贫户",
    unstable: "脱贫不稳定户",
    registered: "建档立卡",
  } as Record<string, string>,
  households: "户",
  people: "人",
  band: "1–7",
  withheld: "不公布",
  disclosure:
    "披露规则：0照实公布；1至7户（人）显示为“1–7”；8及以上四舍五入到5的倍数；“不公布”表示该数字可能被相减推算出个别农户的情况而不予公布。各年数字不能相减得出准确变化。",
  returnNotices: "返贫公示",
  noReturnNotices: "该地区暂无返贫公示。",
  regionPage: "地区页面",
  linkFromRegion: "动态管理与防返贫监测",
  linkFromRegionHint: "新识别、脱贫、返贫、边缘易致贫户和脱贫不稳定户数（经披露控制）",
  demo: "演示数据：建档立卡数据为合成样本，并非真实农户。",
  noticeLink: "返贫监测数据",
  noticeLinkText: (place: string, year: number) => `${place} ${year}年的返贫、监测户统计`,
  noticeLinkEarlier: (year: number, shown: number) => `（${year}年数据尚未导入，显示${shown}年）`,
  noticeNoFigures: "该地区暂无建档立卡统计。",
};

const en: typeof zhCN = {
  title: "Dynamic monitoring (preventing return to poverty)",
  lead: "Per year: households and people newly identified, exited, returned to poverty and under monitoring (together, and apart as edge households and unstable exited households), with the registered households they belong to. The figures come from the household register and are published under disclosure control; this page computes none of its own.",
  regionCode: "Region code (county, township or village)",
  year: "Year",
  allYears: "All years",
  show: "Show",
  none: "No register figures for this region yet.",
  byYear: "Year by year",
  children: "Regions below",
  causes: "By cause of poverty (risk)",
  causesNote: "Newly identified, returned and monitored households are not published by cause here, so that no household can be singled out (causes of risk of returned and monitored households are published at county level only, for releases checked by the joint disclosure gate); the table shows registered and exited households per cause.",
  causesNoteCounty: "At county level the households returned, under monitoring, edge and unstable are published by cause of risk; their people and new identifications are not (next to a small number of households, a small number of people can point at a single household).",
  causesVillage: "Villages are not broken down by cause (illness and disability are published from township level up).",
  villageFigures: "Villages publish registered households and households exited that year only; people, new identifications, returns and monitoring are “withheld” there (see the township's figures): next to last year's count, a village's figures could point at a single household.",
  region: "Region",
  metrics: {
    newly_identified: "Newly identified",
    exited: "Exited",
    returned: "Returned to poverty",
    monitored: "Under monitoring (total)",
    edge: "Edge households (at risk)",
    unstable: "Unstable exited households",
    registered: "Registered",
  },
  households: "households",
  people: "people",
  band: "1–7",
  withheld: "withheld",
  disclosure:
    "Disclosure rules: 0 is exact; 1 to 7 households (people) is shown as “1–7”; 8 and more is rounded to the nearest 5; “withheld” marks a figure that subtraction could use to single out households. Figures of two years cannot be subtracted to give an exact change.",
  returnNotices: "Return-to-poverty notices",
  noReturnNotices: "No return-to-poverty notices for this region yet.",
  regionPage: "Region page",
  linkFromRegion: "Dynamic monitoring",
  linkFromRegionHint: "households newly identified, exited, returned, edge and unstable (under disclosure control)",
  demo: "Demo data: the household register is a synthetic sample, not real households.",
  noticeLink: "Monitoring figures",
  noticeLinkText: (place: string, year: number) => `Returned and monitored households in ${place}, ${year}`,
  noticeLinkEarlier: (year: number, shown: number) => ` (${year} not imported yet: showing ${shown})`,
  noticeNoFigures: "No register figures for this region yet.",
};

export function monitoringStrings(lang: Locale) {
  return lang === "en" ? en : zhCN;
}
