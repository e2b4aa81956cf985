/**
 * What the village page reads as the resident's hub (issue 14), and who answers for a region
 * (issue 15 §4): each query names its API path, so the page links the JSON and CSV behind it.
 * Every read is bounded by one village or township (its projects, its donations, its
 * contacts), never a whole dataset.
 */
import { apiList, type PageApi } from "./api";
import type { Project } from "./funds";

export const SUPERVISION_HOTLINE = "12317";

export type ContactRole = "first_secretary" | "work_team" | "township_office" | "county_office";

export interface Contact {
  id: number;
  region: { code: string; name_zh: string; name_en: string; level: string };
  role: ContactRole;
  name_zh: string | null;
  name_en: string | null;
  position_zh: string | null;
  position_en: string | null;
  office_zh: string;
  office_en: string | null;
  phone: string;
  confirmed_on: string;
  demo: boolean;
}

export interface DonationGroup {
  target_type: string;
  donations: number;
  amount_fen: number;
  allocated_fen: number;
}

export interface ReportStats {
  total: number;
  by_status: Record<string, number>;
}

export const HUB_API = {
  contactsFor: (code: string) => `/api/v1/contacts?for=${code}`,
  projectsIn: (code: string) => `/api/v1/funds/projects?region=${code}`,
  donationsIn: (code: string) => `/api/v1/donations?region=${code}&sort=-date`,
  donationTotals: (code: string) => `/api/v1/donations?region=${code}&group_by=target_type`,
  reportStats: (code: string) => `/api/v1/reports/stats?region=${code}`,
} as const;

/** Everyone who answers for a region: its own contacts and its parents' (a handful of rows). */
export const contactsFor = (api: PageApi, code: string) => apiList<Contact>(api, HUB_API.contactsFor(code));
export const projectsIn = (api: PageApi, code: string) => apiList<Project>(api, HUB_API.projectsIn(code));

/** Money that reached the places listed: sums of the projects' own totals (themselves sums of money rows). */
export function moneyTotals(projects: Project[]) {
  const sum = (pick: (p: Project) => number) => projects.reduce((total, p) => total + pick(p), 0);
  return {
    budget: sum((p) => p.budget_fen),
    allocated: sum((p) => p.allocated_fen),
    disbursed: sum((p) => p.disbursed_fen),
    donated: sum((p) => p.donated_fen),
  };
}

/** Contacts in the order a resident needs them: the village's team, then the township, then the county. */
export function contactsByRole(contacts: Contact[]): { role: ContactRole; contacts: Contact[] }[] {
  const roles: ContactRole[] = ["first_secretary", "work_team", "township_office", "county_office"];
  return roles.map((role) => ({ role, contacts: contacts.filter((c) => c.role === role) })).filter((g) => g.contacts.length > 0);
}
