/**
 * What opening (publishing) a notice fixes for good: the objection period, its exact
 * instants, the publication time and the fingerprint of the content. Used by the
 * administration's "open" action and by the demo generator alike.
 */
import type { ItemDecision, NoticeType } from "./notice-lifecycle";
import { noticeFingerprint } from "./notice-fingerprint";
import { periodInstants, type ObjectionPeriod } from "./notice-window";

export interface NoticeContent {
  id: string;
  type: NoticeType;
  regionCode: string;
  titleZh: string;
  titleEn: string | null;
  bodyZh: string;
  bodyEn: string | null;
  issuer: string;
  supersedesId: string | null;
}

export interface ItemContent {
  itemNo: number;
  maskedName: string;
  villageGroup: string;
  householdSize: number;
  decision: ItemDecision;
}

export interface PublicationFields {
  periodStart: string;
  periodEnd: string;
  opensAt: string;
  closesAt: string;
  publishedAt: string;
  fingerprint: string;
}

export async function publicationFields(
  notice: NoticeContent,
  items: readonly ItemContent[],
  publishedAt: Date,
  period: ObjectionPeriod,
): Promise<PublicationFields> {
  const { opensAt, closesAt } = periodInstants(period);
  const published = publishedAt.toISOString();
  const fingerprint = await noticeFingerprint({ ...notice, publishedAt: published, period }, items);
  return {
    periodStart: period.start,
    periodEnd: period.end,
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    publishedAt: published,
    fingerprint,
  };
}
