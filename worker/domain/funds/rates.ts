/**
 * The four monitoring rates Tongren reports monthly (domain.md). Each is published with
 * its numerator, denominator and formula so a journalist can recompute it; a rate with a
 * zero denominator is null, never 0 % or 100 %.
 */
export interface FundTotals {
  allocatedFen: number;
  disbursedFen: number;
  receiptedFen: number;
  /** Projects (not cancelled) with funds allocated. */
  fundedProjects: number;
  /** Of those, filed in the project library. */
  filedProjects: number;
  /** Projects started or completed. */
  startedProjects: number;
  completedProjects: number;
}

export const RATE_IDS = ["disbursement", "reimbursement", "filing", "completion"] as const;
export type RateId = (typeof RATE_IDS)[number];

export interface Rate {
  rate: RateId;
  name_zh: string;
  name_en: string;
  /** Percent with two decimals, or null when the denominator is 0. */
  value_pct: number | null;
  numerator: number;
  denominator: number;
  unit: "fen" | "projects";
  formula: string;
}

const DEFINITIONS: Record<RateId, { zh: string; en: string; unit: Rate["unit"]; formula: string; parts: (t: FundTotals) => [number, number] }> = {
  disbursement: {
    zh: "拨付率",
    en: "Disbursement rate",
    unit: "fen",
    formula: "funds disbursed / funds allocated × 100",
    parts: (t) => [t.disbursedFen, t.allocatedFen],
  },
  reimbursement: {
    zh: "报账率",
    en: "Reimbursement rate",
    unit: "fen",
    formula: "disbursed funds accounted for with receipts / funds disbursed × 100",
    parts: (t) => [t.receiptedFen, t.disbursedFen],
  },
  filing: {
    zh: "备案率",
    en: "Filing rate",
    unit: "projects",
    formula: "funded projects filed in the project library / funded projects × 100 (cancelled projects excluded)",
    parts: (t) => [t.filedProjects, t.fundedProjects],
  },
  completion: {
    zh: "竣工率",
    en: "Completion rate",
    unit: "projects",
    formula: "completed projects / projects started (started or completed) × 100",
    parts: (t) => [t.completedProjects, t.startedProjects],
  },
};

export function percent(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 10000) / 100;
}

export function fundRates(totals: FundTotals): Rate[] {
  return RATE_IDS.map((rate) => {
    const def = DEFINITIONS[rate];
    const [numerator, denominator] = def.parts(totals);
    return { rate, name_zh: def.zh, name_en: def.en, value_pct: percent(numerator, denominator), numerator, denominator, unit: def.unit, formula: def.formula };
  });
}
