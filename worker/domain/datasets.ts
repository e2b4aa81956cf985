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
    id: "fund_projects",
    title_zh: "扶贫项目库",
    title_en: "Poverty-alleviation project library",
    description_zh: "扶贫项目及其按资金来源的预算、下达、拨付和报账金额（单位：分）。",
    description_en: "Funded projects with their budget by fund source and the amounts allocated, disbursed and accounted for with receipts (fen).",
    path: "/funds/projects",
    kind: "administrative",
    keywords: ["poverty-alleviation funds", "project library", "扶贫资金", "项目库"],
    fields: [
      { name: "id", type: "string", description: "Project id (prj_…)" },
      { name: "name_zh", type: "string", description: "Project name" },
      { name: "name_en", type: "string", description: "Project name (English)" },
      { name: "region_code", type: "string", description: "Region of the project" },
      { name: "region_name_zh", type: "string", description: "Region name" },
      { name: "category", type: "string", description: "Assistance measure: industry, employment, relocation, education, health, ecological, safety_net, housing, solar, microcredit" },
      { name: "year", type: "integer", unit: "year", description: "Project year" },
      { name: "status", type: "string", description: "planned, filed, started, completed or cancelled" },
      { name: "filed_on", type: "date", description: "Filed in the project library (备案)" },
      { name: "planned_start", type: "date", description: "Planned start" },
      { name: "planned_completion", type: "date", description: "Planned completion" },
      { name: "actual_start", type: "date", description: "Actual start" },
      { name: "actual_completion", type: "date", description: "Actual completion" },
      { name: "beneficiary_households", type: "string", unit: "households", description: "Register-derived, rule R2: `1-7` band, 8+ rounded to 5" },
      { name: "budget_fen", type: "integer", unit: "fen", description: "Budget, all sources" },
      { name: "allocated_fen", type: "integer", unit: "fen", description: "Funds allocated (下达)" },
      { name: "disbursed_fen", type: "integer", unit: "fen", description: "Funds disbursed (拨付)" },
      { name: "receipted_fen", type: "integer", unit: "fen", description: "Disbursed funds accounted for with receipts (报账)" },
      { name: "donated_fen", type: "integer", unit: "fen", description: "Donations allocated to the project" },
      { name: "sources", type: "string", description: "Budget by source, `source:fen;…`" },
      { name: "demo", type: "boolean", description: "true for synthetic demo data" },
    ],
  },
  {
    id: "fund_rates",
    title_zh: "扶贫资金拨付率、报账率、备案率、竣工率",
    title_en: "Disbursement, reimbursement, filing and completion rates",
    description_zh: "按地区和年度计算的四项监测指标，附分子、分母、公式和数据截止日期。",
    description_en: "The four monitoring rates for a region and year, each with numerator, denominator, formula and as-of date.",
    path: "/funds/summary",
    kind: "administrative",
    keywords: ["disbursement rate", "拨付率", "报账率", "备案率", "竣工率"],
    fields: [
      { name: "rate", type: "string", description: "disbursement, reimbursement, filing or completion" },
      { name: "name_zh", type: "string", description: "Rate name" },
      { name: "name_en", type: "string", description: "Rate name (English)" },
      { name: "value_pct", type: "number", unit: "percent", description: "numerator / denominator × 100; empty when the denominator is 0" },
      { name: "numerator", type: "integer", description: "In fen or projects (see unit)" },
      { name: "denominator", type: "integer", description: "In fen or projects (see unit)" },
      { name: "unit", type: "string", description: "fen or projects" },
      { name: "formula", type: "string", description: "How the rate is computed" },
      { name: "as_of", type: "date", description: "Latest change to the projects counted (Asia/Shanghai)" },
      { name: "region_code", type: "string", description: "Region filter" },
      { name: "year", type: "integer", unit: "year", description: "Year filter" },
    ],
  },
  {
    id: "fund_flows",
    title_zh: "扶贫资金流向",
    title_en: "Fund flows",
    description_zh: "各资金来源流向各地区、各类项目的预算、下达和拨付金额。",
    description_en: "Budget, allocated and disbursed amounts from each fund source to each region and assistance category.",
    path: "/funds/flows",
    kind: "administrative",
    keywords: ["fund flows", "资金流向"],
    fields: [
      { name: "source", type: "string", description: "central, provincial, municipal, county, east_west, designated or social" },
      { name: "region_code", type: "string", description: "Region one level below the filter" },
      { name: "region_name_zh", type: "string", description: "Region name" },
      { name: "region_name_en", type: "string", description: "Region name (English)" },
      { name: "category", type: "string", description: "Assistance measure" },
      { name: "projects", type: "integer", description: "Projects in the flow" },
      { name: "budget_fen", type: "integer", unit: "fen", description: "Budget" },
      { name: "allocated_fen", type: "integer", unit: "fen", description: "Allocated" },
      { name: "disbursed_fen", type: "integer", unit: "fen", description: "Disbursed" },
    ],
  },
  {
    id: "donations",
    title_zh: "定向捐赠",
    title_en: "Targeted donations",
    description_zh: "每笔捐赠及其分配情况；捐赠人默认匿名。每笔记录都在可验证的账本中。",
    description_en: "Every donation and how it was allocated; donors are anonymous unless they chose to be named. Every record is in the verifiable ledger.",
    path: "/donations",
    kind: "administrative",
    keywords: ["donations", "charity", "捐赠", "慈善"],
    fields: [
      { name: "id", type: "string", description: "Receipt id (don_…)" },
      { name: "date", type: "date", description: "Date received" },
      { name: "amount_fen", type: "integer", unit: "fen", description: "Amount" },
      { name: "channel", type: "string", description: "bank_transfer, online, cash or in_kind" },
      { name: "donor_name", type: "string", description: "Name if the donor chose to be named, else anonymous" },
      { name: "target_type", type: "string", description: "general, region or project" },
      { name: "target_region", type: "string", description: "Target region code" },
      { name: "target_project", type: "string", description: "Target project id" },
      { name: "allocated_fen", type: "integer", unit: "fen", description: "Allocated to projects or villages" },
      { name: "unallocated_fen", type: "integer", unit: "fen", description: "Not yet allocated" },
      { name: "reversed", type: "boolean", description: "true if the donation was reversed (refund or entry error)" },
      { name: "ledger_index", type: "integer", description: "Its entry in the ledger" },
      { name: "demo", type: "boolean", description: "true for synthetic demo data" },
    ],
  },
  {
    id: "ledger",
    title_zh: "资金账本（可验证）",
    title_en: "Verifiable ledger",
    description_zh: "所有捐赠、分配、拨付及更正的只增账本（RFC 6962 默克尔树），附签名树头和证明。",
    description_en: "Append-only log of every donation, allocation, disbursement and correction: an RFC 6962 Merkle tree with signed heads and proofs.",
    path: "/ledger/entries",
    kind: "administrative",
    keywords: ["ledger", "Merkle tree", "transparency log", "账本"],
    fields: [
      { name: "index", type: "integer", description: "Entry index in the tree" },
      { name: "type", type: "string", description: "donation, donation_allocation, fund_allocation, disbursement, or one of these with _reversal" },
      { name: "subject_id", type: "string", description: "Record the entry is about" },
      { name: "recorded_at", type: "datetime", description: "When it was recorded" },
      { name: "leaf_hash", type: "string", description: "SHA-256(0x00 || leaf), hex" },
      { name: "leaf", type: "string", description: "Canonical JSON of the entry" },
    ],
  },
];
