/**
 * The fixed cuts of register-derived statistics (privacy.md R5: categories and levels do
 * not change between releases). Codes are the English names of domain.md; the Chinese
 * names are what the register and the zh-CN site use.
 */
export const CAUSES = [
  { code: "illness", zh: "因病", en: "Illness" },
  { code: "disability", zh: "因残", en: "Disability" },
  { code: "schooling", zh: "因学", en: "Schooling costs" },
  { code: "disaster", zh: "因灾", en: "Disaster" },
  { code: "lack_of_labour", zh: "缺劳力", en: "Lack of labour" },
  { code: "lack_of_capital", zh: "缺资金", en: "Lack of capital" },
  { code: "lack_of_skills", zh: "缺技术", en: "Lack of skills" },
  { code: "lack_of_land", zh: "缺土地", en: "Lack of land" },
  { code: "lack_of_water", zh: "缺水", en: "Lack of water" },
  { code: "poor_transport", zh: "交通条件落后", en: "Poor transport" },
  { code: "lack_of_motivation", zh: "自身发展动力不足", en: "Lack of motivation" },
  { code: "other", zh: "其他", en: "Other" },
] as const;
export type Cause = (typeof CAUSES)[number]["code"];
export const CAUSE_CODES = CAUSES.map((c) => c.code) as [Cause, ...Cause[]];

export const MEASURES = [
  { code: "industry", zh: "产业", en: "Industry" },
  { code: "employment", zh: "就业", en: "Employment" },
  { code: "relocation", zh: "易地搬迁", en: "Relocation" },
  { code: "education", zh: "教育", en: "Education" },
  { code: "health", zh: "健康", en: "Health" },
  { code: "ecological", zh: "生态", en: "Ecological" },
  { code: "safety_net", zh: "兜底保障", en: "Social safety net" },
  { code: "housing", zh: "危房改造", en: "Housing repair" },
  { code: "solar", zh: "光伏", en: "Solar power" },
  { code: "microcredit", zh: "金融", en: "Microcredit" },
] as const;
export type Measure = (typeof MEASURES)[number]["code"];
export const MEASURE_CODES = MEASURES.map((m) => m.code) as [Measure, ...Measure[]];

export const MONITORING = [
  { code: "none", zh: "无", en: "Not monitored" },
  { code: "edge", zh: "边缘户", en: "Edge household" },
  { code: "monitored", zh: "监测户", en: "Monitored household" },
] as const;
export type Monitoring = (typeof MONITORING)[number]["code"];
export const MONITORING_CODES = MONITORING.map((m) => m.code) as [Monitoring, ...Monitoring[]];

/** Household size bands: sizes above 5 are pooled so that large households are not singled out. */
export const HOUSEHOLD_SIZES = [
  { code: "1", zh: "1人", en: "1 person" },
  { code: "2", zh: "2人", en: "2 people" },
  { code: "3", zh: "3人", en: "3 people" },
  { code: "4", zh: "4人", en: "4 people" },
  { code: "5", zh: "5人", en: "5 people" },
  { code: "6_plus", zh: "6人及以上", en: "6 or more people" },
] as const;
export type HouseholdSizeBand = (typeof HOUSEHOLD_SIZES)[number]["code"];

export function householdSizeBand(size: number): HouseholdSizeBand {
  return size >= 6 ? "6_plus" : (String(size) as HouseholdSizeBand);
}

export const BREAKDOWNS = ["none", "cause", "measure", "household_size"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** The category of a `breakdown=none` row. */
export const TOTAL = "total";

export const STATISTICS_LEVELS = ["county", "township", "village"] as const;
export type StatisticsLevel = (typeof STATISTICS_LEVELS)[number];

/**
 * The published figures. Every one is a count of households or of people (the sum of
 * household sizes) and goes through R2.
 */
export const METRICS = [
  { code: "registered_households", zh: "建档立卡户数", en: "Registered households" },
  { code: "registered_people", zh: "建档立卡人数", en: "Registered people" },
  { code: "exited_households", zh: "脱贫户数", en: "Households exited this year" },
  { code: "exited_people", zh: "脱贫人数", en: "People exited this year" },
  { code: "newly_identified_households", zh: "新识别户数", en: "Households newly identified this year" },
  { code: "newly_identified_people", zh: "新识别人数", en: "People newly identified this year" },
  { code: "returned_households", zh: "返贫户数", en: "Households returned to poverty this year" },
  { code: "returned_people", zh: "返贫人数", en: "People returned to poverty this year" },
  { code: "monitored_households", zh: "监测户数", en: "Households under monitoring (edge or unstable)" },
  { code: "monitored_people", zh: "监测人数", en: "People under monitoring (edge or unstable)" },
  // Issue 15 §2 (session 6): the two kinds of monitored household as figures of their own.
  // Appended, so every earlier metric keeps its index (joint-model.ts: metric = 2·flow + people).
  // edge + unstable = monitored (the combined figure above), cell by cell (joint-model.ts).
  { code: "edge_households", zh: "边缘易致贫户数", en: "Edge households (at risk of falling into poverty)" },
  { code: "edge_people", zh: "边缘易致贫人数", en: "People in edge households" },
  { code: "unstable_households", zh: "脱贫不稳定户数", en: "Unstable exited households (monitored)" },
  { code: "unstable_people", zh: "脱贫不稳定人数", en: "People in unstable exited households" },
] as const;
export type Metric = (typeof METRICS)[number]["code"];
export const METRIC_CODES = METRICS.map((m) => m.code) as [Metric, ...Metric[]];

/** R3: a village with fewer registered households than this in a year is not broken down. */
export const SMALL_VILLAGE_HOUSEHOLDS = 20;

/**
 * R4: causes published only at township level or above. The `health` assistance measure
 * reveals the same fact about a household, so it gets the same treatment (our stricter reading).
 */
export const HEALTH_CAUSES: readonly string[] = ["illness", "disability"];
export const HEALTH_MEASURES: readonly string[] = ["health"];

/** Every category of a breakdown, in publication order. */
export function categoriesOf(breakdown: Breakdown): readonly string[] {
  switch (breakdown) {
    case "none":
      return [TOTAL];
    case "cause":
      return CAUSE_CODES;
    case "measure":
      return MEASURE_CODES;
    case "household_size":
      return HOUSEHOLD_SIZES.map((s) => s.code);
  }
}

/**
 * The categories published at a level (issue 16). Villages publish their totals only: no
 * cause, measure or household-size table at any village size. Every breakdown of a village
 * was redundancy an attacker could use: illness and disability are half of all households,
 * so a village's total minus its other causes proved its health count (R4); a size band next
 * to the village total pinned single households; and every village cell added equations to
 * the joint attacker's system (joint-model.ts) that made the gate's proof minutes per county.
 * Breakdowns start at township level, where R4's health causes are published too.
 */
export function publishedCategories(breakdown: Breakdown, level: StatisticsLevel): readonly string[] {
  if (level === "village") return breakdown === "none" ? [TOTAL] : [];
  return categoriesOf(breakdown);
}

/** The year's small flows: published as totals only (see isPublishedMetric). */
export const TOTAL_ONLY_METRICS: readonly Metric[] = [
  "newly_identified_households",
  "newly_identified_people",
  "returned_households",
  "returned_people",
  "monitored_households",
  "monitored_people",
  "edge_households",
  "edge_people",
  "unstable_households",
  "unstable_people",
];

/**
 * Causes of risk for the monitoring flows (issue 15 §2, session 6): households returned to
 * poverty and under monitoring (together, edge, unstable) by cause, published at COUNTY level
 * only, households only, and ONLY WHEN THE RELEASE GOES THROUGH THE JOINT GATE
 * (`isPublishedMetric(…, { riskCauses: true })`, set by computeRegisterTables when `joint`).
 * The register records one cause per household (致贫原因), which is also the cause of risk the
 * monitoring reports use (因病、因残、因学、因灾 …); there is no separate risk-cause column in the
 * register file.
 * - joint gate only: every flow by cause is bounded by the registered households of that cause
 *   (published by township) and the edge + unstable = monitored tie, facts the per-metric gate
 *   (protect.ts) does not know. On a planted county the joint attacker pinned per-metric-gated
 *   county cause cells (disability: monitored 1–4; a township's hidden schooling count to 8–11
 *   when the other township has no schooling household); through the joint gate it finds nothing;
 * - not newly identified: its cause is the cause of poverty at identification, and by cause
 *   registered(y) − registered(y − 1) already bounds it (the continuity the attacker uses);
 * - county only: at township level these flows by cause were almost all 0 or `1-7`, and next to
 *   the township's published registered and exited households by cause they gave the joint
 *   attacker one more cell per cause and township; a county's causes are sums over all its
 *   townships. R4 (illness, disability from township up) holds a fortiori;
 * - households only: a `1-7` of households next to a `1-7` of people is what pinned single
 *   households in issue 16 (one returned household of three people), so people by cause stay
 *   `withheld` by design.
 */
export const RISK_CAUSE_METRICS: readonly Metric[] = [
  "returned_households",
  "monitored_households",
  "edge_households",
  "unstable_households",
];

/**
 * A village's published figures (issue 16): how many households are registered and how many
 * exited that year. Village people, and village flows of new identifications, returns and
 * monitoring, are not published: they were almost all 0 or `1-7`, and next to the registered
 * count of the year before they pinned single households (registered 25 in both years beside a
 * `1-7` of newly identified households left 1–4 possible: the year's register follows from the
 * last one and its flows). People per village added h ≤ p ≤ 50·h ties to a banded count.
 */
export const VILLAGE_METRICS: readonly Metric[] = ["registered_households", "exited_households"];

/**
 * Whether a metric is published in a breakdown at a level (issue 16); the API shows the
 * others as `withheld`:
 * - at village level only VILLAGE_METRICS, in the village's total row;
 * - people by household size are not: households × size says them (p = k·h in band k),
 *   so they only added equations for an attacker;
 * - newly identified, returned and monitored (edge, unstable) households and people are
 *   published as totals of a region only: by cause, measure or size they were almost all 0,
 *   `1-7` or withheld, and a `1-7` of households next to a `1-7` of people and a size band pins
 *   single households (one returned household of three people). The exception (issue 15):
 *   returned and monitored households by cause at county level when the joint gate runs
 *   (RISK_CAUSE_METRICS, `options.riskCauses`).
 */
export function isPublishedMetric(breakdown: Breakdown, metric: Metric, level: StatisticsLevel = "township", options: { riskCauses?: boolean } = {}): boolean {
  if (level === "village") return breakdown === "none" && VILLAGE_METRICS.includes(metric);
  if (breakdown === "none") return true;
  if (options.riskCauses && breakdown === "cause" && level === "county" && RISK_CAUSE_METRICS.includes(metric)) return true;
  if (TOTAL_ONLY_METRICS.includes(metric)) return false;
  return !(breakdown === "household_size" && metric.endsWith("_people"));
}

/** Names of a category, for the API and CSV. */
export function categoryNames(breakdown: Breakdown, category: string): { zh: string; en: string } {
  const list: readonly { code: string; zh: string; en: string }[] =
    breakdown === "cause" ? CAUSES : breakdown === "measure" ? MEASURES : breakdown === "household_size" ? HOUSEHOLD_SIZES : [{ code: TOTAL, zh: "合计", en: "Total" }];
  const found = list.find((c) => c.code === category);
  return found ? { zh: found.zh, en: found.en } : { zh: category, en: category };
}
