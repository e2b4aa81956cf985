/**
 * Leaves for money facts that are not events of their own: a project's budget lines.
 * Kept next to the verifier's row specs (rows.ts) because the two must agree field by field.
 */
import type { LedgerEntryInput } from "../domain/ledger";

export function budgetLedgerEntries(projectId: string, regionCode: string, recordedAt: string, budget: readonly { source: string; amount_fen: number }[]): LedgerEntryInput[] {
  return budget.map((line) => ({
    type: "project_budget",
    subjectId: projectId,
    recordedAt,
    fields: { region_code: regionCode, source: line.source, amount_fen: line.amount_fen },
  }));
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
