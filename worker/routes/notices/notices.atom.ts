/** Builds the Atom 1.0 feed (RFC 4287) of notices. All text goes through xmlText. */
import type { NoticeRow } from "../../db/queries/notices";
import { element } from "../../domain/xml";
import { describePeriod } from "../../domain/notice-window";
import { PUBLISHER } from "../../domain/datasets";
import { noticeSummaryJson, periodOf } from "./notices.serialize";

const TYPE_ZH: Record<NoticeRow["type"], string> = {
  household_identification: "贫困户识别",
  household_exit: "贫困户退出",
  village_exit: "贫困村出列",
  return_to_poverty: "返贫",
  project: "扶贫项目",
  fund_allocation: "资金分配",
  donation_use: "捐赠使用",
};
const STATUS_ZH = { upcoming: "即将开始公示", open: "公示中", closed: "公示期满", announced: "已公告", superseded: "已更正" } as const;

/**
 * Entry and feed ids are `tag:` URIs (RFC 4151) built from the notice id alone, so they stay
 * the same whatever host or port the feed is read through (a reader must never see the same
 * notice twice because it moved from localhost to the production domain).
 */
export const FEED_TAG = `tag:${PUBLISHER.tag_authority}`;

export interface FeedContext {
  origin: string;
  selfUrl: string;
  regionCode: string | null;
  regionNameZh: string | null;
  now: Date;
  /** When the notices last changed (dataset_versions): an empty feed's `updated`. */
  datasetUpdatedAt: string;
}

/**
 * When a reader would last have seen this notice change: published, closed, announced,
 * superseded — or its period opening or ending, which change its status by themselves.
 */
function entryUpdated(row: NoticeRow, now: Date): string {
  const nowIso = now.toISOString();
  const { objection_period: period, published_at } = noticeSummaryJson(row, now);
  const passed = [period.opens_at, period.closes_at].filter((t) => t <= nowIso);
  return [row.closedAt, row.announcedAt, row.supersededAt, ...passed].reduce<string>((acc, t) => latest(acc, t), published_at);
}

function latest(a: string, b: string | null | undefined): string {
  return b && b > a ? b : a;
}

export function noticesFeed(rows: readonly NoticeRow[], ctx: FeedContext): string {
  const api = `${ctx.origin}/api/v1`;
  const scope = ctx.regionNameZh ? ` · ${ctx.regionNameZh}` : "";
  const entries = rows.map((row) => {
    const n = noticeSummaryJson(row, ctx.now);
    const updated = entryUpdated(row, ctx.now);
    const summary =
      `${STATUS_ZH[n.status]} · 公示期 ${describePeriod(periodOf(row)!)} · 异议 ${n.objections.received} 件（成立 ${n.objections.upheld} 件）\n\n` +
      (row.bodyZh.length > 1000 ? `${row.bodyZh.slice(0, 1000)}…` : row.bodyZh);
    return [
      "<entry>",
      element("id", `${FEED_TAG},2026:notice/${n.id}`),
      element("title", `【${TYPE_ZH[n.type]}】${n.title_zh}`, { type: "text" }),
      element("published", n.published_at),
      element("updated", updated),
      `<author>${element("name", n.issuer)}</author>`,
      element("category", null, { term: n.type, label: TYPE_ZH[n.type] }),
      element("category", null, { term: `status:${n.status}`, label: STATUS_ZH[n.status] }),
      // The notice page for people (zh first, English beside it), then the JSON for programs.
      element("link", null, { rel: "alternate", type: "text/html", hreflang: "zh-CN", href: `${ctx.origin}/notices/${n.id}/` }),
      element("link", null, { rel: "alternate", type: "text/html", hreflang: "en", href: `${ctx.origin}/en/notices/${n.id}/` }),
      element("link", null, { rel: "alternate", type: "application/json", href: `${api}/notices/${n.id}` }),
      element("summary", summary, { type: "text" }),
      element("content", `${n.title_zh}\n\n${row.bodyZh}\n\n${n.title_en}${row.bodyEn ? `\n\n${row.bodyEn}` : ""}`, { type: "text" }),
      "</entry>",
    ].join("");
  });
  // The newest entry's time; an empty feed says when the notices last changed rather than a made-up date.
  const feedUpdated = rows.length === 0 ? ctx.datasetUpdatedAt : rows.map((row) => entryUpdated(row, ctx.now)).reduce((a, b) => latest(a, b));
  const listUrl = `${api}/notices${ctx.regionCode ? `?region=${ctx.regionCode}` : ""}`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    element("id", `${FEED_TAG},2026:notices${ctx.regionCode ? `/region/${ctx.regionCode}` : ""}`),
    element("title", `公开 · 公示${scope}`, { type: "text" }),
    element("subtitle", "扶贫公示：识别、退出、出列、返贫、项目、资金与捐赠 (Gongkai public notices)", { type: "text" }),
    element("updated", feedUpdated),
    element("link", null, { rel: "self", type: "application/atom+xml", href: ctx.selfUrl }),
    element("link", null, { rel: "alternate", type: "text/html", hreflang: "zh-CN", href: `${ctx.origin}/notices/${ctx.regionCode ? `?region=${ctx.regionCode}` : ""}` }),
    element("link", null, { rel: "alternate", type: "application/json", href: listUrl }),
    `<author>${element("name", "Gongkai 公开")}</author>`,
    element("generator", "Gongkai"),
    element("rights", "CC BY 4.0"),
    ...entries,
    "</feed>\n",
  ].join("");
}
