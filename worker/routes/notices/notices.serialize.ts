/** The public JSON of a notice: every field here may be shown to anyone. */
import type { NoticeItemRow, NoticeRow } from "../../db/queries/notices";
import { effectiveStatus, itemsArePublic, type PublicNoticeStatus } from "../../domain/notice-lifecycle";
import { FINGERPRINT_ALGORITHM } from "../../domain/notice-fingerprint";
import { periodInstants, periodOf, TIME_ZONE, windowState, type ObjectionPeriod } from "../../domain/notice-window";
import { provenanceOf } from "../../schemas/provenance";

export { periodOf };

export function publicStatus(row: NoticeRow, now: Date): PublicNoticeStatus {
  return effectiveStatus(row.status, periodOf(row), now) as PublicNoticeStatus;
}

function periodJson(period: ObjectionPeriod, now: Date) {
  const { opensAt, closesAt } = periodInstants(period);
  return {
    start: period.start,
    end: period.end,
    opens_at: opensAt.toISOString(),
    closes_at: closesAt.toISOString(),
    time_zone: TIME_ZONE,
    state: windowState(period, now),
  } as const;
}

/** Only for published notices (never drafts): their period and fingerprint are set. */
export function noticeSummaryJson(row: NoticeRow, now: Date) {
  const period = periodOf(row)!;
  return {
    id: row.id,
    type: row.type,
    region: { code: row.regionCode, name_zh: row.regionNameZh, name_en: row.regionNameEn },
    title_zh: row.titleZh,
    title_en: row.titleEn,
    issuer: row.issuer,
    status: publicStatus(row, now),
    published_at: row.publishedAt!,
    objection_period: periodJson(period, now),
    supersedes: row.supersedesId,
    superseded_by: row.supersededById,
    item_count: row.itemCount,
    updated_at: row.updatedAt,
    objections: { received: row.objectionsReceived, upheld: row.objectionsUpheld },
    fingerprint: row.fingerprint!,
    demo: row.isDemo,
    provenance: provenanceOf("administrative", row.isDemo, "Public notice (公示) issued by the office named in issuer"),
  };
}

export function noticeDetailJson(row: NoticeRow, items: readonly NoticeItemRow[], now: Date) {
  const status = publicStatus(row, now);
  const show = itemsArePublic(status);
  return {
    ...noticeSummaryJson(row, now),
    body_zh: row.bodyZh,
    body_en: row.bodyEn,
    announcement_zh: row.announcementZh,
    announcement_en: row.announcementEn,
    closed_at: row.closedAt,
    announced_at: row.announcedAt,
    superseded_at: row.supersededAt,
    items: show
      ? items.map((i) => ({
          item_no: i.itemNo,
          masked_name: i.maskedName,
          village_group: i.villageGroup,
          household_size: i.householdSize,
          decision: i.decision,
        }))
      : null,
    items_withdrawn: !show && row.itemCount > 0,
    fingerprint_algorithm: FINGERPRINT_ALGORITHM,
  };
}
