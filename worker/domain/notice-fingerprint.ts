/**
 * The SHA-256 fingerprint of a notice's published content. It is computed once, when the
 * notice opens, over the canonical JSON of `publishedDocument(...)`, and shown with the
 * notice ever after, so anyone who saved the notice can tell it did not change.
 */
import { canonicalJson, sha256Hex, type CanonicalValue } from "./canonical-json";
import type { ItemDecision, NoticeType } from "./notice-lifecycle";
import type { ObjectionPeriod } from "./notice-window";

export const FINGERPRINT_ALGORITHM = "SHA-256 over canonical JSON (keys sorted, no whitespace, UTF-8)";

export interface PublishedNotice {
  id: string;
  type: NoticeType;
  regionCode: string;
  titleZh: string;
  titleEn: string | null;
  bodyZh: string;
  bodyEn: string | null;
  issuer: string;
  publishedAt: string;
  period: ObjectionPeriod;
  supersedesId: string | null;
}

export interface PublishedItem {
  itemNo: number;
  maskedName: string;
  villageGroup: string;
  householdSize: number;
  decision: ItemDecision;
}

/** The exact document that is hashed; its field names are those of the public API. */
export function publishedDocument(notice: PublishedNotice, items: readonly PublishedItem[]): CanonicalValue {
  return {
    id: notice.id,
    type: notice.type,
    region_code: notice.regionCode,
    title_zh: notice.titleZh,
    title_en: notice.titleEn,
    body_zh: notice.bodyZh,
    body_en: notice.bodyEn,
    issuer: notice.issuer,
    published_at: notice.publishedAt,
    objection_period: { start: notice.period.start, end: notice.period.end },
    supersedes: notice.supersedesId,
    items: [...items]
      .sort((a, b) => a.itemNo - b.itemNo)
      .map((item) => ({
        item_no: item.itemNo,
        masked_name: item.maskedName,
        village_group: item.villageGroup,
        household_size: item.householdSize,
        decision: item.decision,
      })),
  };
}

export function noticeFingerprint(notice: PublishedNotice, items: readonly PublishedItem[]): Promise<string> {
  return sha256Hex(canonicalJson(publishedDocument(notice, items)));
}

export interface PublishedResult {
  id: string;
  announcedAt: string;
  announcementZh: string;
  announcementEn: string | null;
  objectionsReceived: number;
  objectionsUpheld: number;
}

/** The result as announced (the text and the objection counts), with the API's field names. */
export function announcementDocument(result: PublishedResult): CanonicalValue {
  return {
    id: result.id,
    announced_at: result.announcedAt,
    announcement_zh: result.announcementZh,
    announcement_en: result.announcementEn,
    objections: { received: result.objectionsReceived, upheld: result.objectionsUpheld },
  };
}

/**
 * The fingerprint of an announced result. Logged beside the notice's own fingerprint when
 * the result is announced, so the announcement cannot be rewritten afterwards either.
 */
export function announcementFingerprint(result: PublishedResult): Promise<string> {
  return sha256Hex(canonicalJson(announcementDocument(result)));
}
