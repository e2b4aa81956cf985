/** Types and API paths of the accountability pages (the API's shapes: worker/schemas/accountability.ts, accountability.schemas.ts). */

export interface Case {
  id: string;
  region: { code: string; level: string; name_zh: string; name_en: string };
  county_code: string;
  closed_on: string;
  year: number;
  problem: string;
  outcome: string;
  people_disciplined: number;
  people_referred: number;
  recovered_fen: number;
  returned_fen: number;
  official_position: string | null;
  official_name: string | null;
  bulletin_title: string | null;
  bulletin_url: string | null;
  bulletin_date: string | null;
  demo: boolean;
}

export interface CaseTotals {
  cases: number;
  people_disciplined: number;
  people_referred: number;
  recovered_fen: number;
  returned_fen: number;
}

export interface CaseStatsRow extends CaseTotals {
  county: { code: string; name_zh: string | null; name_en: string | null };
  year: number;
}

export const CASE_ID = /^acc_[0-9a-z]{4,36}$/;
export const CASE_PROBLEMS = ["embezzlement", "false_claims", "identification_favouritism", "fund_misuse", "bribery", "dereliction", "work_style", "other"] as const;
export const CASE_OUTCOMES = ["party_government_discipline", "referral_to_prosecutors", "no_case"] as const;
/** The official metrics a county's report announces for its cases (worker/domain/official-metrics.ts). */
export const REPORTED_METRICS = { discipline_cases: "cases", people_disciplined: "people_disciplined" } as const;

const query = (params: Record<string, string | number | undefined>) => {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join("&");
  return q ? `?${q}` : "";
};

export const ACCOUNTABILITY_API = {
  cases: (filters: Record<string, string | number | undefined>) => `/api/v1/accountability/cases${query(filters)}`,
  stats: (filters: Record<string, string | number | undefined>) => `/api/v1/accountability/stats${query(filters)}`,
  case: (id: string) => `/api/v1/accountability/cases/${id}`,
  reported: (county: string, metric: string) => `/api/v1/statistics/official?region=${county}&metric=${metric}`,
};
