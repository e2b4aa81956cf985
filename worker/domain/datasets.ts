/**
 * The open-data catalogue: every public dataset with its field dictionary. Served at
 * /api/v1/datasets and as DCAT at /api/v1/catalog.jsonld; a contract test checks every
 * list endpoint appears here. Add a dataset here when you add a public list endpoint.
 */
export interface DatasetField {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date" | "datetime";
  unit?: string;
  description: string;
}

export interface DatasetDefinition {
  id: string;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  /** Path below /api/v1 of the list endpoint. */
  path: string;
  /** How figures are produced: `official` (as announced), `register-derived` (disclosure rules), or `administrative`. */
  kind: "official" | "register-derived" | "administrative" | "reference";
  keywords: string[];
  fields: DatasetField[];
}

export const LICENCE = {
  id: "CC-BY-4.0",
  name: "Creative Commons Attribution 4.0 International",
  url: "https://creativecommons.org/licenses/by/4.0/",
} as const;

export const DATASETS: DatasetDefinition[] = [
  {
    id: "regions",
    title_zh: "行政区划",
    title_en: "Regions",
    description_zh: "省、市、县、乡、村五级行政区划及其12位统计用区划代码。",
    description_en: "Provinces, cities, counties, townships and villages with their 12-digit statistical division codes.",
    path: "/regions",
    kind: "reference",
    keywords: ["regions", "区划代码"],
    fields: [
      { name: "code", type: "string", description: "12-digit statistical division code" },
      { name: "name_zh", type: "string", description: "Chinese name" },
      { name: "name_en", type: "string", description: "English name (pinyin)" },
      { name: "level", type: "string", description: "province, city, county, township or village" },
      { name: "parent_code", type: "string", description: "Code of the parent region (empty for a province)" },
      { name: "demo", type: "boolean", description: "true for synthetic demo data" },
    ],
  },
  {
    id: "villages",
    title_zh: "贫困村出列情况",
    title_en: "Village exits",
    description_zh: "每个村是否被认定为贫困村、认定年度、出列年度及当前状态。",
    description_en: "For each village: whether and when it was designated poor, when it exited, and its status.",
    path: "/villages",
    kind: "administrative",
    keywords: ["poor villages", "village exit", "贫困村", "出列"],
    fields: [
      { name: "code", type: "string", description: "Village code" },
      { name: "name_zh", type: "string", description: "Chinese name" },
      { name: "name_en", type: "string", description: "English name" },
      { name: "township_code", type: "string", description: "Township code" },
      { name: "township_name_zh", type: "string", description: "Township name" },
      { name: "township_name_en", type: "string", description: "Township name (English)" },
      { name: "county_code", type: "string", description: "County code" },
      { name: "county_name_zh", type: "string", description: "County name" },
      { name: "county_name_en", type: "string", description: "County name (English)" },
      { name: "designated_year", type: "integer", unit: "year", description: "Year designated a poor village; empty if never" },
      { name: "exit_year", type: "integer", unit: "year", description: "Year the village exited; empty if not yet" },
      { name: "status", type: "string", description: "not_designated, poor or exited" },
      { name: "demo", type: "boolean", description: "true for synthetic demo data" },
    ],
  },
  {
    id: "official_figures",
    title_zh: "官方公布数据",
    title_en: "Official figures",
    description_zh: "各级政府已公布的扶贫统计数字，按原文公布并注明出处。",
    description_en: "Poverty-alleviation totals as announced by authorities, each with its source document.",
    path: "/statistics/official",
    kind: "official",
    keywords: ["official statistics", "公告"],
    fields: [
      { name: "id", type: "integer", description: "Row id (stable)" },
      { name: "kind", type: "string", description: "Always `official`" },
      { name: "region_code", type: "string", description: "Region the figure is for" },
      { name: "region_name_zh", type: "string", description: "Region name" },
      { name: "region_name_en", type: "string", description: "Region name (English)" },
      { name: "year", type: "integer", unit: "year", description: "Year (last year of the period)" },
      { name: "period_from", type: "integer", unit: "year", description: "First year of the period" },
      { name: "metric", type: "string", description: "Metric id, e.g. exited_people" },
      { name: "metric_en", type: "string", description: "Metric name" },
      { name: "value", type: "number", description: "Value as announced; money in fen (分)" },
      { name: "unit", type: "string", description: "people, households, villages, percent, fen, …" },
      { name: "note_en", type: "string", description: "Note on the figure" },
      { name: "source_id", type: "string", description: "Source document id" },
      { name: "source_title_zh", type: "string", description: "Source document title" },
      { name: "source_issuer", type: "string", description: "Issuing body" },
      { name: "source_published_on", type: "date", description: "Publication date" },
      { name: "source_url", type: "string", description: "Source URL, if any" },
    ],
  },
  {
    id: "register_statistics",
    title_zh: "建档立卡统计（经披露控制）",
    title_en: "Register-derived statistics",
    description_zh:
      "由建档立卡户数据计算的户数、人数（脱贫、新识别、返贫、监测），按县、乡、村及致贫原因、帮扶措施、家庭人口分组。所有数字经披露控制：0照实公布，1–7显示为“1-7”，8及以上四舍五入到5的倍数；不足20户的村只公布合计；因病、因残只在乡镇及以上公布。",
    description_en:
      "Households and people in the poverty register (registered, exited, newly identified, returned, under monitoring) by county, township and village, with breakdowns by cause, assistance measure and household size. Every figure is under disclosure control: 0 exact, 1–7 shown as the band `1-7`, 8 and more rounded to the nearest 5; villages under 20 households have totals only; illness and disability from township level up; figures that would let subtraction narrow a hidden count are `withheld`.",
    path: "/statistics/register",
    kind: "register-derived",
    keywords: ["poverty register", "建档立卡", "致贫原因", "帮扶措施", "disclosure control"],
    fields: [
      { name: "kind", type: "string", description: "Always `register-derived`" },
      { name: "year", type: "integer", unit: "year", description: "Release year" },
      { name: "level", type: "string", description: "county, township or village" },
      { name: "region_code", type: "string", description: "Region the figures are for" },
      { name: "region_name_zh", type: "string", description: "Region name" },
      { name: "region_name_en", type: "string", description: "Region name (English)" },
      { name: "breakdown", type: "string", description: "none, cause, measure or household_size" },
      { name: "category", type: "string", description: "`total`, or the cause / measure / household-size band" },
      { name: "category_zh", type: "string", description: "Category name" },
      { name: "registered_households", type: "integer", unit: "households", description: "Households in the register (1-7: banded; withheld: secondary suppression)" },
      { name: "registered_people", type: "integer", unit: "people", description: "People in registered households" },
      { name: "exited_households", type: "integer", unit: "households", description: "Households that exited in the year" },
      { name: "exited_people", type: "integer", unit: "people", description: "People in households that exited in the year" },
      { name: "newly_identified_households", type: "integer", unit: "households", description: "Households identified in the year" },
      { name: "newly_identified_people", type: "integer", unit: "people", description: "People in households identified in the year" },
      { name: "returned_households", type: "integer", unit: "households", description: "Households that returned to poverty in the year" },
      { name: "returned_people", type: "integer", unit: "people", description: "People in households that returned to poverty in the year" },
      { name: "monitored_households", type: "integer", unit: "households", description: "Edge or monitored households" },
      { name: "monitored_people", type: "integer", unit: "people", description: "People in edge or monitored households" },
      { name: "release_id", type: "string", description: "The import the figures come from" },
    ],
  },
  {
    id: "notices",
    title_zh: "扶贫公示",
    title_en: "Public notices",
    description_zh: "贫困户识别与退出、贫困村出列、返贫、项目、资金分配与捐赠使用的公示，含公示期、指纹（SHA-256）与异议数量。户信息仅在公示期内及公告前公开，且姓名已脱敏。",
    description_en:
      "Notices of household identification and exit, village exit, return to poverty, projects, fund allocations and donation use, with their objection periods (Asia/Shanghai), SHA-256 fingerprints and objection counts. Household items are public only until the announcement, with masked names.",
    path: "/notices",
    kind: "administrative",
    keywords: ["public notice", "objection", "公示", "异议"],
    fields: [
      { name: "id", type: "string", description: "Notice id (ntc_…)" },
      { name: "type", type: "string", description: "household_identification, household_exit, village_exit, return_to_poverty, project, fund_allocation or donation_use" },
      { name: "region_code", type: "string", description: "Region the notice is for" },
      { name: "region_name_zh", type: "string", description: "Region name" },
      { name: "title_zh", type: "string", description: "Title" },
      { name: "title_en", type: "string", description: "Title (English), if any" },
      { name: "issuer", type: "string", description: "Issuing body" },
      { name: "status", type: "string", description: "open, closed, announced or superseded (an open notice reads closed after its period)" },
      { name: "published_at", type: "datetime", description: "Publication instant (UTC)" },
      { name: "period_start", type: "date", description: "First day of the objection period (Asia/Shanghai)" },
      { name: "period_end", type: "date", description: "Last day of the objection period, included (Asia/Shanghai)" },
      { name: "supersedes", type: "string", description: "Id of the notice this one corrects" },
      { name: "superseded_by", type: "string", description: "Id of the correcting notice" },
      { name: "item_count", type: "integer", unit: "households", description: "Household items in the notice" },
      { name: "objections_received", type: "integer", unit: "objections", description: "Objections received" },
      { name: "objections_upheld", type: "integer", unit: "objections", description: "Objections upheld" },
      { name: "fingerprint", type: "string", description: "SHA-256 of the canonical JSON of the published content" },
      { name: "demo", type: "boolean", description: "true for synthetic demo data" },
    ],
  },
];
