/**
 * Leaves for money facts that are not events of their own: a project's budget lines.
 * Kept next to the verifier's row specs (rows.ts) because the two must agree field by field.
 */
import { canonicalJson, sha256, toHex, utf8, type LedgerEntryInput } from "../domain/ledger";

export function budgetLedgerEntries(projectId: string, regionCode: string, recordedAt: string, budget: readonly { source: string; amount_fen: number }[]): LedgerEntryInput[] {
  return budget.map((line) => ({
    type: "project_budget",
    subjectId: projectId,
    recordedAt,
    fields: { region_code: regionCode, source: line.source, amount_fen: line.amount_fen },
  }));
}

/**
 * The hash of an amendment's public reason, as its leaf holds it. Free text goes into the
 * ledger as a hash, as a notice's text does: a leaf can never be withdrawn, and a reason
 * typed by a clerk may name a person; the row keeps the text and ledger:verify recomputes this.
 */
export async function amendmentReasonHash(reasonZh: string, reasonEn: string | null): Promise<string> {
  return toHex(await sha256(utf8(canonicalJson({ reason_en: reasonEn, reason_zh: reasonZh }))));
}

export interface AmendmentLedgerFacts {
  id: string;
  projectId: string;
  regionCode: string;
  date: string;
  recordedAt: string;
  reasonHash: string;
  names: { previousNameZh: string | null; nameZh: string | null; previousNameEn: string | null; nameEn: string | null };
  budget: readonly { source: string; previousBudgetFen: number; budgetFen: number }[];
}

/** The amendment's own entry, then one per budget line it changes (in that order). */
export function amendmentLedgerEntries(a: AmendmentLedgerFacts): LedgerEntryInput[] {
  const common = { project_id: a.projectId, region_code: a.regionCode, date: a.date };
  const names = a.names;
  return [
    {
      type: "project_amendment",
      subjectId: a.id,
      recordedAt: a.recordedAt,
      fields: {
        ...common,
        reason_hash: a.reasonHash,
        previous_name_zh: names.previousNameZh ?? undefined,
        name_zh: names.nameZh ?? undefined,
        previous_name_en: names.previousNameEn ?? undefined,
        name_en: names.nameEn ?? undefined,
      },
    },
    ...a.budget.map((line) => ({
      type: "project_budget_amendment" as const,
      subjectId: a.id,
      recordedAt: a.recordedAt,
      fields: { ...common, source: line.source, previous_amount_fen: line.previousBudgetFen, amount_fen: line.budgetFen },
    })),
  ];
}

/** What a notice's entries say: the facts fixed at publication, never the text (the fingerprint covers it). */
export interface NoticeLedgerFacts {
  id: string;
  type: string;
  regionCode: string;
  periodStart: string;
  periodEnd: string;
  publishedAt: string;
  supersedesId: string | null;
  fingerprint: string;
}

export function noticeOpenedEntry(n: NoticeLedgerFacts): LedgerEntryInput {
  return {
    type: "notice_opened",
    subjectId: n.id,
    recordedAt: n.publishedAt,
    fields: { notice_type: n.type, region_code: n.regionCode, period_start: n.periodStart, period_end: n.periodEnd, supersedes: n.supersedesId ?? undefined, fingerprint: n.fingerprint },
  };
}

/** The corrected notice's own fingerprint, logged when the correction opens (same batch). */
export function noticeSupersededEntry(id: string, fingerprint: string, supersededById: string, supersededAt: string): LedgerEntryInput {
  return { type: "notice_superseded", subjectId: id, recordedAt: supersededAt, fields: { fingerprint, superseded_by: supersededById } };
}

export function noticeAnnouncedEntry(
  id: string,
  fingerprint: string,
  result: { announcedAt: string; announcementFingerprint: string; objectionsReceived: number; objectionsUpheld: number },
): LedgerEntryInput {
  return {
    type: "notice_announced",
    subjectId: id,
    recordedAt: result.announcedAt,
    fields: { fingerprint, announcement_fingerprint: result.announcementFingerprint, objections_received: result.objectionsReceived, objections_upheld: result.objectionsUpheld },
  };
}

/** The subject id of snapshot N in the ledger. */
export const snapshotSubject = (id: number) => `snapshot:${id}`;

/** A citable snapshot: the SHA-256 of its datapackage.json, which lists every file's hash and size. */
export function snapshotEntry(s: { id: number; createdAt: string; packageHash: string; packageBytes: number; resourceCount: number; totalBytes: number }): LedgerEntryInput {
  return {
    type: "snapshot",
    subjectId: snapshotSubject(s.id),
    recordedAt: s.createdAt,
    fields: { package_hash: s.packageHash, package_bytes: s.packageBytes, resource_count: s.resourceCount, total_bytes: s.totalBytes },
  };
}
