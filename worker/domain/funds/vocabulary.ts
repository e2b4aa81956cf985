/**
 * The words of poverty-alleviation funds and donations (domain.md), with their Chinese
 * names for the site and CSV readers.
 */
export const FUND_SOURCES = ["central", "provincial", "municipal", "county", "east_west", "designated", "social"] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

export const FUND_SOURCE_NAMES: Record<FundSource, { zh: string; en: string }> = {
  central: { zh: "中央财政", en: "Central government" },
  provincial: { zh: "省级财政", en: "Provincial government" },
  municipal: { zh: "市级财政", en: "Municipal government" },
  county: { zh: "县级财政", en: "County government" },
  east_west: { zh: "东西部扶贫协作", en: "East–west cooperation" },
  designated: { zh: "定点帮扶", en: "Designated assistance" },
  social: { zh: "社会帮扶", en: "Social (donations)" },
};

/**
 * Assistance measures (帮扶措施), the same list as the household register's `measures`;
 * a project's category is one of them.
 */
export const ASSISTANCE_MEASURES = ["industry", "employment", "relocation", "education", "health", "ecological", "safety_net", "housing", "solar", "microcredit"] as const;
export type AssistanceMeasure = (typeof ASSISTANCE_MEASURES)[number];

export const MEASURE_NAMES: Record<AssistanceMeasure, { zh: string; en: string }> = {
  industry: { zh: "产业扶贫", en: "Industry" },
  employment: { zh: "就业扶贫", en: "Employment" },
  relocation: { zh: "易地扶贫搬迁", en: "Relocation" },
  education: { zh: "教育扶贫", en: "Education" },
  health: { zh: "健康扶贫", en: "Health" },
  ecological: { zh: "生态扶贫", en: "Ecological" },
  safety_net: { zh: "兜底保障", en: "Social safety net" },
  housing: { zh: "危房改造", en: "Housing repair" },
  solar: { zh: "光伏扶贫", en: "Solar power" },
  microcredit: { zh: "小额信贷", en: "Microcredit" },
};

export const PROJECT_STATUSES = ["planned", "filed", "started", "completed", "cancelled"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const DONATION_CHANNELS = ["bank_transfer", "online", "cash", "in_kind"] as const;
export type DonationChannel = (typeof DONATION_CHANNELS)[number];

export const DONATION_TARGETS = ["general", "region", "project"] as const;
export type DonationTarget = (typeof DONATION_TARGETS)[number];

/**
 * The project life cycle: planned → filed in the project library (备案) → started →
 * completed; anything not completed may be cancelled. No step can be skipped, so the
 * filing and completion rates count real filings and starts.
 */
const NEXT_STATUS: Record<ProjectStatus, readonly ProjectStatus[]> = {
  planned: ["filed", "cancelled"],
  filed: ["started", "cancelled"],
  started: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export function canMoveTo(from: ProjectStatus, to: ProjectStatus): boolean {
  return NEXT_STATUS[from].includes(to);
}

export function nextStatuses(from: ProjectStatus): readonly ProjectStatus[] {
  return NEXT_STATUS[from];
}
