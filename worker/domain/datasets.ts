/**
 * The open-data catalogue: every public dataset with its field dictionary. Served at
 * /api/v1/datasets and as DCAT at /api/v1/catalog.jsonld; a contract test checks every
 * list endpoint appears here. Add a dataset here when you add a public list endpoint.
 *
 * The field dictionary is not written here: it is derived from the zod schema of the
 * dataset's JSON item (schemas/datasets.ts, lib/dataset-fields.ts), the same
 * definition the JSON response, the CSV columns and the OpenAPI document come from.
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
  /**
   * A dataset that is a view of another's rows (monitoring: the register statistics) has
   * that dataset's version and last update: no write of its own ever bumps it.
   */
  versionOf?: string;
  /**
   * How a client that holds the dataset stays in sync without downloading it again, when the
   * list does NOT take `updated_since=` (rows changed since an instant, in change order). Every
   * dataset without it says why and what to do instead (a contract test checks both ways).
   */
  syncInstead?: string;
}

export const LICENCE = {
  id: "CC-BY-4.0",
  name: "Creative Commons Attribution 4.0 International",
  url: "https://creativecommons.org/licenses/by/4.0/",
} as const;

/**
 * Who publishes the data and where to ask about it (DCAT publisher and contact point, the
 * OpenAPI contact). Paths are on the portal itself, so a deployment answers for its own data.
 */
export const PUBLISHER = {
  name_zh: "公开 · 扶贫公开数据门户",
  name_en: "Gongkai poverty-alleviation open-data portal",
  contact_name: "Gongkai open data",
  /** The catalogue page: licences, field dictionaries and the way to report a problem. */
  contact_path: "/data/",
  /**
   * Authority of the Atom feed's `tag:` ids (RFC 4151). Never change it once a feed is
   * public: readers recognise entries they have seen by these ids.
   */
  tag_authority: "gongkai.opendata",
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
  },
  {
    id: "register_statistics",
    title_zh: "建档立卡统计（经披露控制）",
    title_en: "Register-derived statistics",
    description_zh:
      "由建档立卡户数据计算的户数、人数（脱贫、新识别、返贫、监测，监测又分边缘易致贫户和脱贫不稳定户），按县、乡、村及致贫原因、帮扶措施、家庭人口分组。所有数字经披露控制：0照实公布，1–7显示为“1-7”，8及以上四舍五入到5的倍数；不足20户的村只公布合计；因病、因残只在乡镇及以上公布；村级不公布致贫原因分组；按家庭人口分组不公布人数；新识别、返贫、监测只公布合计（分组中显示为withheld；经联合披露审查的发布中，返贫、监测户数按原因在县级公布）。",
    description_en:
      "Households and people in the poverty register (registered, exited, newly identified, returned, under monitoring — together and apart as edge and unstable households) by county, township and village, with breakdowns by cause, assistance measure and household size. Every figure is under disclosure control: 0 exact, 1–7 shown as the band `1-7`, 8 and more rounded to the nearest 5; villages under 20 households have totals only; illness and disability from township level up; villages have no cause table (total minus the other causes gave the health count away); people by household size are not published (households × size says them) and newly identified, returned and monitored figures are totals only (by category they pinned single households; the exception: returned and monitored households by cause at county level in releases through the joint gate): both show `withheld`; figures that would let subtraction narrow a hidden count are `withheld` too.",
    path: "/statistics/register",
    kind: "register-derived",
    keywords: ["poverty register", "建档立卡", "致贫原因", "帮扶措施", "disclosure control"],
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
    syncInstead: "Totals computed from the project library and its money rows, not rows of their own: read fund_projects with updated_since= (or /changes) to learn that they changed, then read them again; as_of= gives any past day.",
  },
  {
    id: "fund_rates_monthly",
    title_zh: "扶贫资金四项指标月度序列",
    title_en: "The four fund rates, month by month",
    description_zh: "按地区逐月计算的拨付率、报账率、备案率、竣工率（每月一期，截至当月最后一天，当月截至今日），由只增不改的资金记录重新计算，与 /funds/summary?as_of= 当日结果一致。",
    description_en:
      "Disbursement, reimbursement, filing and completion rates for a region, month by month (each month as it stood at its last day, the current month today), recomputed from the append-only money rows; the same numbers as /funds/summary?as_of= on that day.",
    path: "/funds/rates/monthly",
    kind: "administrative",
    keywords: ["monthly", "time series", "disbursement rate", "月度", "拨付率"],
    syncInstead: "A series computed from the append-only money rows: past months never change; read the current month again when fund_projects changes (updated_since= or /changes).",
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
    syncInstead: "Sums computed from the project library: read again when fund_projects changes (updated_since= or /changes).",
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
    syncInstead: "Append-only: entries are never changed, so page /ledger/entries from the last index you hold (and check a consistency proof between the heads).",
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
  },
  {
    id: "changes",
    title_zh: "数据变更记录",
    title_en: "Change feed",
    description_zh: "所有公开数据集的变更（公示发布、关闭、公告、更正替代，项目与资金记录、冲正，官方数字发布，建档立卡批次替换等），按写入顺序排列，附数据集、编号、类型、时间和链接；取自每次管理写入同批记录的审计日志。",
    description_en:
      "What changed across the public datasets (notices opened, closed, announced or superseded; projects and money recorded or reversed; official figures published; register releases replaced; …) in commit order, with dataset, id, kind, time and link; read from the audit log each administrative write appends in its own batch.",
    path: "/changes",
    kind: "administrative",
    keywords: ["change feed", "sync", "变更"],
    syncInstead: "It is the change feed: since= picks where to start, then keep the last cursor.",
  },
  {
    id: "snapshots",
    title_zh: "可引用的数据快照",
    title_en: "Citable snapshots",
    description_zh: "所有公开数据集的完整快照（Frictionless 数据包 v2：datapackage.json 及每个数据集一个 CSV，附 SHA-256 与字节数），其包哈希写入透明账本，可引用为“快照 N，哈希 H”。",
    description_en:
      "Complete snapshots of every public dataset (Frictionless Data Package v2: datapackage.json and one CSV per dataset, each with its SHA-256 and size). Each package hash is in the transparency ledger, so a story can cite \"snapshot N, hash H\".",
    path: "/snapshots",
    kind: "administrative",
    keywords: ["snapshot", "data package", "citation", "快照"],
    syncInstead: "Snapshots never change: a new one is a new row, newest first; compare the newest id with the one you hold.",
  },
  {
    id: "needs",
    title_zh: "扶贫需求对接",
    title_en: "Needs matched with donors",
    description_zh: "村信息员发布的贫困户或村级需求（类别、所需物品或金额、截止日期）及其认捐与交付；不公开任何农户身份，医疗与残疾类需求只显示到乡镇。认捐与交付记入可验证账本。",
    description_en:
      "Needs posted by villages' information administrators for a household or the village (category, items or amount, deadline), with their pledges and deliveries. No household is named; medical and disability needs show the township only. Pledges and deliveries are in the verifiable ledger.",
    path: "/needs",
    kind: "administrative",
    keywords: ["needs", "pledges", "social poverty alleviation", "社会扶贫", "需求对接"],
  },
  {
    id: "accountability",
    title_zh: "扶贫领域问责案件",
    title_en: "Accountability cases",
    description_zh: "纪检监察机关公开的扶贫领域已办结案件：地区、办结日期、问题类型、处理结果、处分人数、移送司法机关人数、追缴和退还群众资金（分）；仅在典型问题通报点名时公开职务与姓名，并注明通报出处。",
    description_en:
      "Closed cases in the poverty-alleviation field published by the discipline-inspection office: region, date closed, problem, outcome, people disciplined and sent to prosecutors, money recovered and returned to residents (fen); an official's position and name only as a public bulletin names them, with the bulletin as source.",
    path: "/accountability/cases",
    kind: "administrative",
    keywords: ["accountability", "discipline", "问责", "纪检监察"],
  },
  {
    id: "contacts",
    title_zh: "驻村帮扶与扶贫部门联系方式",
    title_en: "Who answers for each village",
    description_zh: "每个村的驻村第一书记和驻村工作队、乡镇和县扶贫部门的办公电话（按各单位公开发布的内容），以及最后核实日期。全国扶贫监督举报电话：12317。",
    description_en:
      "Per village the first secretary and resident work team, per township and county the responsible office, with office phones as each office published them and the date they were last confirmed. National supervision hotline: 12317.",
    path: "/contacts",
    kind: "administrative",
    keywords: ["first secretary", "resident work team", "contacts", "驻村第一书记", "驻村工作队", "12317"],
  },
  {
    id: "monitoring",
    title_zh: "动态管理与防返贫监测（经披露控制）",
    title_en: "Dynamic monitoring (identified, exited, returned, edge and unstable households)",
    description_zh:
      "按年度和地区（县、乡、村）公布新识别、脱贫、返贫和纳入监测的户数和人数（监测合计，以及分列的边缘易致贫户、脱贫不稳定户，合计＝两者之和），以及所属的建档立卡户数、人数；乡镇及以上可按致贫（返贫风险）原因分组，其中新识别、返贫和监测各类的户数按原因只在县级公布。数字即建档立卡统计经披露控制后公布的数字（0照实公布，1–7显示为“1-7”，8及以上四舍五入到5的倍数，可被相减推算的数字为withheld），不另行计算；按原因分组时，其余流量及各流量的人数不公布（显示为withheld）。",
    description_en:
      "Per year and region (county, township, village): households and people newly identified, exited, returned to poverty and under monitoring (together, and apart as edge households and unstable exited households: monitored = edge + unstable), with the registered households and people they belong to; by cause from township level up, the households of the monitoring flows (newly identified, returned, monitored, edge, unstable) by cause at county level only. The figures are the register statistics as the disclosure gate published them (0 exact, 1–7 shown as `1-7`, 8 and more rounded to the nearest 5, `withheld` where subtraction across regions, cuts or years could narrow a hidden count), never recomputed; by cause the other flows and every flow’s people are `withheld` by design.",
    path: "/monitoring",
    kind: "register-derived",
    keywords: ["dynamic monitoring", "return to poverty", "causes of risk", "动态管理", "防返贫监测", "边缘户", "边缘易致贫户", "监测户", "脱贫不稳定户", "返贫", "返贫风险"],
    syncInstead: "The register statistics as the gate published them: read /statistics/register?updated_since= (a new release replaces a region’s year) and read this view again for the releases it names.",
    versionOf: "register_statistics",
  },
];
