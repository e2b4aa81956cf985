/**
 * Metrics an authority announces (公告 statistics). Published exactly as announced, with
 * their source; never rounded or recomputed (privacy.md, "two kinds of figures").
 * Money is integer fen (分); percentages are plain numbers (23.6 means 23.6 %).
 */
export const OFFICIAL_METRICS = {
  registered_people: { unit: "people", zh: "建档立卡贫困人口", en: "Registered poor people" },
  registered_households: { unit: "households", zh: "建档立卡贫困户", en: "Registered poor households" },
  exited_people: { unit: "people", zh: "脱贫人口", en: "People exited from poverty" },
  exited_households: { unit: "households", zh: "脱贫户数", en: "Households exited from poverty" },
  exit_target_people: { unit: "people", zh: "脱贫任务（人）", en: "Exit target (people)" },
  remaining_poor_people: { unit: "people", zh: "剩余贫困人口", en: "Remaining poor people" },
  newly_identified_households: { unit: "households", zh: "新识别贫困户", en: "Newly identified households" },
  newly_identified_people: { unit: "people", zh: "新识别贫困人口", en: "Newly identified people" },
  poor_villages: { unit: "villages", zh: "贫困村", en: "Poor villages" },
  exited_villages: { unit: "villages", zh: "贫困村出列", en: "Villages exited" },
  exit_target_villages: { unit: "villages", zh: "计划出列贫困村", en: "Villages to exit (target)" },
  poverty_incidence_pct: { unit: "percent", zh: "贫困发生率", en: "Poverty incidence" },
  rural_population: { unit: "people", zh: "农村人口", en: "Rural population" },
  funds_invested: { unit: "fen", zh: "扶贫资金投入", en: "Poverty-alleviation funds invested" },
  donations_received: { unit: "fen", zh: "定向捐赠", en: "Targeted donations received" },
  households_helped: { unit: "households", zh: "受助贫困户", en: "Households helped" },
  projects: { unit: "projects", zh: "项目数", en: "Projects" },
  projects_in_production: { unit: "projects", zh: "已投产项目", en: "Projects in production" },
  project_start_rate_pct: { unit: "percent", zh: "项目开工率", en: "Project start rate" },
  people_covered: { unit: "people", zh: "覆盖贫困人口", en: "Poor people covered" },
  relocation_sites: { unit: "sites", zh: "易地扶贫搬迁安置点", en: "Relocation sites" },
  relocated_households: { unit: "households", zh: "易地扶贫搬迁户", en: "Relocated households" },
  relocated_people: { unit: "people", zh: "易地扶贫搬迁人口", en: "Relocated people" },
  solar_plants: { unit: "plants", zh: "光伏电站", en: "Solar power plants" },
  solar_capacity_mw: { unit: "MW", zh: "光伏装机容量", en: "Solar capacity" },
  helpers: { unit: "people", zh: "帮扶干部", en: "Assigned helpers" },
  working_groups: { unit: "groups", zh: "驻村工作队", en: "Village working groups" },
  wrong_exit_rate_pct: { unit: "percent", zh: "错退率", en: "Wrong-exit rate" },
  missed_identification_rate_pct: { unit: "percent", zh: "漏评率", en: "Missed-identification rate" },
  public_approval_pct: { unit: "percent", zh: "群众认可度", en: "Public approval" },
  petition_cases: { unit: "cases", zh: "信访举报件", en: "Reports and petitions received" },
  petition_cases_closed: { unit: "cases", zh: "办结信访件", en: "Reports and petitions closed" },
  discipline_cases: { unit: "cases", zh: "查处问题", en: "Discipline cases" },
  people_disciplined: { unit: "people", zh: "处理人员", en: "People disciplined" },
  people_prosecuted: { unit: "people", zh: "移送司法机关", en: "People sent to prosecutors" },
  funds_recovered: { unit: "fen", zh: "追缴资金", en: "Funds recovered" },
  funds_returned: { unit: "fen", zh: "退还群众资金", en: "Funds returned to residents" },
  needs_matched: { unit: "needs", zh: "对接贫困需求", en: "Stated needs matched with donors" },
} as const satisfies Record<string, { unit: string; zh: string; en: string }>;

export type OfficialMetric = keyof typeof OFFICIAL_METRICS;
export const OFFICIAL_METRIC_NAMES = Object.keys(OFFICIAL_METRICS) as [OfficialMetric, ...OfficialMetric[]];
