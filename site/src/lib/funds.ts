/**
 * The funds and donations API as the site reads it (worker/routes/funds, donations, ledger),
 * and the queries of the funds and donations pages. Like data.ts, each query
 * names its API path so pages link the JSON and CSV behind what they show.
 */
import { apiGet, apiList, type PageApi } from "./api";

export interface Rate {
  rate: "disbursement" | "reimbursement" | "filing" | "completion";
  name_zh: string;
  name_en: string;
  value_pct: number | null;
  numerator: number;
  denominator: number;
  unit: "fen" | "projects";
  formula: string;
  as_of: string | null;
}

export interface Flow {
  source: string;
  source_name_zh: string;
  source_name_en: string;
  region_code: string;
  region_name_zh: string | null;
  region_name_en: string | null;
  category: string;
  projects: number;
  budget_fen: number;
  allocated_fen: number;
  disbursed_fen: number;
}

export interface SourceLine {
  source: string;
  budget_fen: number;
  allocated_fen: number;
  disbursed_fen: number;
  receipted_fen: number;
}

export interface Project {
  id: string;
  name_zh: string;
  name_en: string;
  region: { code: string; name_zh: string; name_en: string };
  category: string;
  year: number;
  status: string;
  filed_on: string | null;
  planned_start: string | null;
  planned_completion: string | null;
  actual_start: string | null;
  actual_completion: string | null;
  beneficiary_households: number | null;
  beneficiary_households_banded: boolean;
  budget_fen: number;
  allocated_fen: number;
  disbursed_fen: number;
  receipted_fen: number;
  donated_fen: number;
  sources: SourceLine[];
  demo: boolean;
}

interface MoneyEvent {
  id: string;
  date: string;
  amount_fen: number;
  reverses: string | null;
  ledger_index: number;
  recorded_at: string;
}
export interface Disbursement extends MoneyEvent {
  source: string;
  receipted_fen: number;
  document_no: string;
}
/** A change of a project's names or budget with its public reason (oldest first). */
export interface ProjectAmendment {
  id: string;
  date: string;
  reason_zh: string;
  reason_en: string | null;
  previous_name_zh: string | null;
  name_zh: string | null;
  previous_name_en: string | null;
  name_en: string | null;
  budget: { source: string; previous_budget_fen: number; budget_fen: number; ledger_index: number }[];
  ledger_index: number;
  recorded_at: string;
}

export interface ProjectDetail extends Project {
  allocations: (MoneyEvent & { source: string; document_no: string })[];
  disbursements: Disbursement[];
  donations: (MoneyEvent & { donation_id: string })[];
  amendments: ProjectAmendment[];
}

export interface Donation {
  id: string;
  date: string;
  amount_fen: number;
  channel: string;
  donor: { named: boolean; name: string | null };
  target: { type: string; region_code: string | null; project_id: string | null };
  region_code: string | null;
  allocated_fen: number;
  unallocated_fen: number;
  reversed: boolean;
  reversed_at: string | null;
  ledger_index: number;
  recorded_at: string;
  demo: boolean;
}

export interface TreeHead {
  tree_size: number;
  timestamp: number;
  time: string;
  root_hash: string;
  signature: string;
  key_id: string;
  signed_message: string;
}

export interface LedgerEntry {
  index: number;
  type: string;
  subject_id: string;
  recorded_at: string;
  leaf: string;
  leaf_hash: string;
}

export interface DonationDetail extends Donation {
  allocations: {
    id: string;
    date: string;
    amount_fen: number;
    reverses: string | null;
    project: { id: string; name_zh: string | null; name_en: string | null } | null;
    village: { code: string; name_zh: string | null; name_en: string | null } | null;
    ledger_index: number;
  }[];
  projects: (Pick<Project, "id" | "name_zh" | "name_en" | "category" | "status" | "planned_completion" | "actual_start" | "actual_completion" | "budget_fen" | "allocated_fen" | "disbursed_fen" | "receipted_fen" | "donated_fen"> & {
    region_code: string;
    disbursements: Disbursement[];
  })[];
  ledger: { tree_head: TreeHead; entries: (LedgerEntry & { audit_path: string[] })[]; how_to_verify: string };
}

const query = (params: Record<string, string | number | undefined>) => {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  return q ? `?${q}` : "";
};

export const FUNDS_API = {
  summary: (region: string, year?: number) => `/api/v1/funds/summary${query({ region, year })}`,
  flows: (region: string, year?: number) => `/api/v1/funds/flows${query({ region, year })}`,
  projects: (region?: string, year?: number) => `/api/v1/funds/projects${query({ region, year })}`,
  project: (id: string) => `/api/v1/funds/projects/${id}`,
  donations: "/api/v1/donations",
  donation: (id: string) => `/api/v1/donations/${id}`,
  head: "/api/v1/ledger/head",
  key: "/api/v1/ledger/key",
  entries: "/api/v1/ledger/entries",
} as const;

export const rates = (api: PageApi, region: string, year?: number) => apiList<Rate>(api, FUNDS_API.summary(region, year));
export const flows = (api: PageApi, region: string, year?: number) => apiList<Flow>(api, FUNDS_API.flows(region, year));
/** The projects of a region and below (and of a year): what a funds page lists. */
export const projectsOf = (api: PageApi, region: string, year?: number) => apiList<Project>(api, FUNDS_API.projects(region, year));
export const projectDetail = async (api: PageApi, id: string) => (await api.find<{ data: ProjectDetail }>(FUNDS_API.project(id)))?.data ?? null;
export const donationDetail = async (api: PageApi, id: string) => (await api.find<{ data: DonationDetail }>(FUNDS_API.donation(id)))?.data ?? null;

/**
 * The donations the list features (every donation has its page): a spread of targets and
 * states, newest first, so every kind of record has an example.
 */
export async function featuredDonations(api: PageApi, count = 24): Promise<Donation[]> {
  // Bounded whatever the ledger holds: the newest 200, and the newest of each target kind.
  const newest = (filter: string, limit: number) => apiGet<{ data: Donation[] }>(api, `${FUNDS_API.donations}?sort=-date&limit=${limit}${filter}`).then((r) => r.data);
  const [recent, project, region] = await Promise.all([newest("", 200), newest("&target=project", 1), newest("&target=region", 1)]);
  const all = [...project, ...region, ...recent].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id.localeCompare(b.id)));
  const picked = new Map<string, Donation>();
  const take = (d: Donation | undefined) => d && picked.size < count && picked.set(d.id, d);
  take(all.find((d) => d.target.type === "project"));
  take(all.find((d) => d.target.type === "region"));
  take(all.find((d) => d.unallocated_fen > 0 && !d.reversed));
  take(all.find((d) => d.reversed));
  for (const d of all) take(d);
  return [...picked.values()];
}
