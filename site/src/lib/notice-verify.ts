/**
 * Checks a notice against the transparency ledger in the browser: recomputes its
 * fingerprint from the notice as published (worker/domain/notice-fingerprint.ts, the same
 * code the portal signs with), then checks each of its entries — opened, superseded,
 * announced — against the signed tree head, and that each leaf holds that fingerprint.
 * Pure apart from reading the API (injectable), so tests run the very same check.
 */
import { announcementFingerprint, noticeFingerprint } from "../../../worker/domain/notice-fingerprint";
import type { TreeHead } from "./funds";
import { checkHead, checkProof, getJson, parseLeaf, type CheckId, type GetJson, type ProvenEntry } from "./ledger-check";
import type { NoticeDetail } from "./notices-data";

export type NoticeEntryType = "notice_opened" | "notice_superseded" | "notice_announced";

export interface NoticeEntryResult {
  type: NoticeEntryType;
  index: number | null;
  ok: boolean;
  failed?: CheckId;
}

export interface NoticeCheck {
  ok: boolean;
  head: TreeHead | null;
  headFailed?: CheckId;
  /** The fingerprint recomputed from the page's data; null once the items are withdrawn (it cannot be). */
  recomputed: string | null;
  /** The recomputed fingerprint equals the one the notice shows (null: not recomputable). */
  fingerprintMatches: boolean | null;
  entries: NoticeEntryResult[];
}

export type VerifiableNotice = NoticeDetail & { ledger: { tree_head: TreeHead; entries: ProvenEntry[] } | null };

/** The fingerprint of the notice as published, when everything it covers is public. */
export async function recomputeFingerprint(n: NoticeDetail): Promise<string | null> {
  if (n.items === null && n.item_count > 0) return null;
  return noticeFingerprint(
    {
      id: n.id,
      type: n.type as Parameters<typeof noticeFingerprint>[0]["type"],
      regionCode: n.region.code,
      titleZh: n.title_zh,
      titleEn: n.title_en,
      bodyZh: n.body_zh,
      bodyEn: n.body_en,
      issuer: n.issuer,
      publishedAt: n.published_at,
      period: { start: n.objection_period.start, end: n.objection_period.end },
      supersedesId: n.supersedes,
    },
    (n.items ?? []).map((i) => ({ itemNo: i.item_no, maskedName: i.masked_name, villageGroup: i.village_group, householdSize: i.household_size, decision: i.decision })),
  );
}

/** Which entries a notice in this state must have. */
function expectedTypes(n: NoticeDetail): NoticeEntryType[] {
  return ["notice_opened", ...(n.superseded_at ? (["notice_superseded"] as const) : []), ...(n.announced_at ? (["notice_announced"] as const) : [])];
}

export async function verifyNotice(n: VerifiableNotice, get: GetJson = getJson): Promise<NoticeCheck> {
  const recomputed = await recomputeFingerprint(n);
  const fingerprintMatches = recomputed === null ? null : recomputed === n.fingerprint;
  const types = expectedTypes(n);
  if (!n.ledger) {
    return { ok: false, head: null, headFailed: "fetch", recomputed, fingerprintMatches, entries: types.map((type) => ({ type, index: null, ok: false, failed: "fetch" })) };
  }
  const head = n.ledger.tree_head;
  const headFailed = await checkHead(head, get);
  const announcement =
    n.announced_at && n.announcement_zh !== null
      ? await announcementFingerprint({
          id: n.id,
          announcedAt: n.announced_at,
          announcementZh: n.announcement_zh,
          announcementEn: n.announcement_en,
          objectionsReceived: n.objections.received,
          objectionsUpheld: n.objections.upheld,
        })
      : null;
  const entries = await Promise.all(
    types.map(async (type): Promise<NoticeEntryResult> => {
      const entry = n.ledger!.entries.find((e) => e.type === type);
      if (!entry) return { type, index: null, ok: false, failed: "fetch" };
      const base = { type, index: entry.index };
      const proofFailed = await checkProof(entry, head);
      if (proofFailed) return { ...base, ok: false, failed: proofFailed };
      const leaf = parseLeaf(entry);
      if (!leaf || leaf.type !== type || leaf.id !== n.id) return { ...base, ok: false, failed: "content" };
      // The signed fingerprint must be the one shown, and the one the content gives.
      if (leaf.fingerprint !== n.fingerprint || fingerprintMatches === false) return { ...base, ok: false, failed: "fingerprint" };
      if (type === "notice_opened" && (leaf.region_code !== n.region.code || leaf.period_start !== n.objection_period.start || leaf.period_end !== n.objection_period.end)) {
        return { ...base, ok: false, failed: "content" };
      }
      if (type === "notice_superseded" && leaf.superseded_by !== n.superseded_by) return { ...base, ok: false, failed: "content" };
      if (type === "notice_announced" && leaf.announcement_fingerprint !== announcement) return { ...base, ok: false, failed: "content" };
      return { ...base, ok: true };
    }),
  );
  return { ok: headFailed === undefined && fingerprintMatches !== false && entries.every((e) => e.ok), head, headFailed, recomputed, fingerprintMatches, entries };
}
