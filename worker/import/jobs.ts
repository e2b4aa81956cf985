/**
 * Console register imports as jobs (migration 0024): one uploaded file, where its checking
 * stands, and what the screens show of it. Reads are within the staff member's scope.
 */
import { scopeRange } from "../console/queries";
import type { ImportProblem, RegisterHeader } from "../domain/register-import/parse";
import { releaseOutOfDate, type DisclosureGate, type ImportSummary } from "../writes/register-imports";

export type JobStatus = "checking" | "invalid" | "checked" | "published" | "unchanged" | "failed";

export interface JobRow {
  id: string;
  staff_id: string;
  staff_role: string;
  staff_region: string;
  scope_code: string;
  year: number;
  object_key: string;
  bytes: number;
  encoding: "utf-8" | "gb18030" | null;
  file_sha256: string | null;
  status: JobStatus;
  step: number;
  next_offset: number;
  next_line: number;
  header: string | null;
  rows_read: number;
  households: number;
  people: number;
  problem_count: number;
  problems: string;
  release_id: string | null;
  summary: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

/** What a screen shows of a job (no storage details). */
export interface JobView {
  id: string;
  staffId: string;
  scopeCode: string;
  year: number;
  bytes: number;
  encoding: string | null;
  status: JobStatus;
  /** Bytes checked so far, of `bytes`. */
  checkedBytes: number;
  rows: number;
  households: number;
  people: number;
  problemCount: number;
  problems: ImportProblem[];
  summary: ImportSummary | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export const TERMINAL: readonly JobStatus[] = ["invalid", "published", "unchanged", "failed"];

export function newJobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `imp_${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export async function loadJob(d1: D1Database, id: string): Promise<JobRow | null> {
  return d1.prepare("SELECT * FROM register_import_jobs WHERE id = ?").bind(id).first<JobRow>();
}

export function headerOf(job: JobRow): RegisterHeader | undefined {
  return job.header ? (JSON.parse(job.header) as RegisterHeader) : undefined;
}

export function jobView(job: JobRow): JobView {
  return {
    id: job.id,
    staffId: job.staff_id,
    scopeCode: job.scope_code,
    year: job.year,
    bytes: job.bytes,
    encoding: job.encoding,
    status: job.status,
    checkedBytes: job.status === "checking" ? job.next_offset : job.bytes,
    rows: job.rows_read,
    households: job.households,
    people: job.people,
    problemCount: job.problem_count,
    problems: JSON.parse(job.problems) as ImportProblem[],
    summary: job.summary ? (JSON.parse(job.summary) as ImportSummary) : null,
    error: job.error,
    createdAt: job.created_at,
    updatedAt: job.updated_at,
  };
}

const JOB_LIST_LIMIT = 20;
const RELEASE_LIST_LIMIT = 50;

/** The latest imports whose release lies in the scope, newest first (register_import_jobs_scope). */
export async function recentJobs(d1: D1Database, scope: string, limit = JOB_LIST_LIMIT): Promise<JobRow[]> {
  const { min, max } = scopeRange(scope);
  const { results } = await d1
    .prepare("SELECT * FROM register_import_jobs WHERE scope_code BETWEEN ?1 AND ?2 ORDER BY created_at DESC, id DESC LIMIT ?3")
    .bind(min, max, limit)
    .all<JobRow>();
  return results;
}

export interface ReleaseListRow {
  id: string;
  scope_code: string;
  year: number;
  status: string;
  created_by: string;
  created_at: string;
  activated_at: string | null;
  households: number;
  people: number;
  villages: number;
  statistics_rows: number;
  withheld_figures: number;
  /** Published under an older disclosure gate or rules (migration 0036): a re-send of its file republishes it. */
  out_of_date: boolean;
}

/** Releases in the scope that were switched on (active, or superseded since), newest first. */
export async function pastReleases(d1: D1Database, scope: string, limit = RELEASE_LIST_LIMIT): Promise<ReleaseListRow[]> {
  const { min, max } = scopeRange(scope);
  const { results } = await d1
    .prepare(
      `SELECT id, scope_code, year, status, created_by, created_at, activated_at, households, people, villages, statistics_rows, withheld_figures, disclosure_gate, disclosure_rules
       FROM register_releases WHERE scope_code BETWEEN ?1 AND ?2 AND status IN ('active', 'superseded')
       ORDER BY activated_at DESC, id DESC LIMIT ?3`,
    )
    .bind(min, max, limit)
    .all<Omit<ReleaseListRow, "out_of_date"> & { disclosure_gate: DisclosureGate; disclosure_rules: number }>();
  return results.map(({ disclosure_gate, disclosure_rules, ...r }) => ({ ...r, out_of_date: releaseOutOfDate({ disclosureGate: disclosure_gate, disclosureRules: disclosure_rules }) }));
}
