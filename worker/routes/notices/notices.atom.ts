/** Builds the Atom 1.0 feed (RFC 4287) of notices. All text goes through xmlText. */
import type { NoticeRow } from "../../db/queries/notices";
import { element } from "../../domain/xml";
import { describePeriod } from "../../domain/notice-window";
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
const STATUS_ZH = { open: "公示中", closed: "公示期满", announced: "已公告", superseded: "已更正" } as const;

export interface FeedContext {
  origin: string;
  selfUrl: string;
  regionCode: string | null;
  regionNameZh: string | null;
  now: Date;
}

function latest(a: string, b: string | null | undefined): string {
  return b && b > a ? b : a;
}

export function noticesFeed(rows: readonly NoticeRow[], ctx: FeedContext): string {
  const api = `${ctx.origin}/api/v1`;
  const scope = ctx.regionNameZh ? ` · ${ctx.regionNameZh}` : "";
  const entries = rows.map((row) => {
    const n = noticeSummaryJson(row, ctx.now);
    const updated = [row.closedAt, row.announcedAt, row.supersededAt].reduce<string>((acc, t) => latest(acc, t), n.published_at);
    const summary =
      `${STATUS_ZH[n.status]} · 公示期 ${describePeriod(periodOf(row)!)} · 异议 ${n.objections.received} 件（成立 ${n.objections.upheld} 件）\n\n` +
      (row.bodyZh.length > 1000 ? `${row.bodyZh.slice(0, 1000)}…` : row.bodyZh);
    return [
      "<entry>",
      element("id", `${api}/notices/${n.id}`),
      element("title", `【${TYPE_ZH[n.type]}】${n.title_zh}`, { type: "text" }),
      element("published", n.published_at),
      element("updated", updated),
      `<author>${element("name", n.issuer)}</author>`,
      element("category", null, { term: n.type, label: TYPE_ZH[n.type] }),
      element("category", null, { term: `status:${n.status}`, label: STATUS_ZH[n.status] }),
      element("link", null, { rel: "alternate", type: "application/json", href: `${api}/notices/${n.id}` }),
      element("summary", summary, { type: "text" }),
      "</entry>",
    ].join("");
  });
  const feedUpdated = rows.reduce<string>(
    (acc, row) => [row.publishedAt, row.closedAt, row.announcedAt, row.supersededAt].reduce<string>((a, t) => latest(a, t), acc),
    "2014-01-01T00:00:00.000Z",
  );
  const listUrl = `${api}/notices${ctx.regionCode ? `?region=${ctx.regionCode}` : ""}`;
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    element("id", ctx.selfUrl),
    element("title", `公开 · 公示${scope}`, { type: "text" }),
    element("subtitle", "扶贫公示：识别、退出、出列、返贫、项目、资金与捐赠 (Gongkai public notices)", { type: "text" }),
    element("updated", feedUpdated),
    element("link", null, { rel: "self", type: "application/atom+xml", href: ctx.selfUrl }),
    element("link", null, { rel: "alternate", type: "application/json", href: listUrl }),
    `<author>${element("name", "Gongkai 公开")}</author>`,
    element("generator", "Gongkai"),
    element("rights", "CC BY 4.0"),
    ...entries,
    "</feed>\n",
  ].join("");
}
