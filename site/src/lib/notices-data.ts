/**
 * Notices (公示) as the site reads them from the public API, and the pure rules the pages and
 * islands share: a notice's display state and the time left to object. Periods are judged in
 * Asia/Shanghai exactly as the API judges them (worker/domain/notice-window.ts): the API gives
 * `opens_at`/`closes_at` as instants, so the browser only compares instants with its clock.
 */
import { apiGet, type PageApi } from "./api";
import type { DisplayState } from "./notices/rules";
export * from "./notices/rules";
import { displayState } from "./notices/rules";

export type NoticeType =
  | "household_identification"
  | "household_exit"
  | "village_exit"
  | "return_to_poverty"
  | "project"
  | "fund_allocation"
  | "donation_use";
export const NOTICE_TYPES: NoticeType[] = [
  "household_identification",
  "household_exit",
  "village_exit",
  "return_to_poverty",
  "project",
  "fund_allocation",
  "donation_use",
];
export type PublicNoticeStatus = "upcoming" | "open" | "closed" | "announced" | "superseded";

export interface ObjectionPeriod {
  start: string;
  end: string;
  opens_at: string;
  closes_at: string;
  time_zone: "Asia/Shanghai";
  state: "upcoming" | "open" | "ended";
}

export interface NoticeSummary {
  id: string;
  type: NoticeType;
  region: { code: string; name_zh: string | null; name_en: string | null };
  title_zh: string;
  title_en: string | null;
  issuer: string;
  status: PublicNoticeStatus;
  published_at: string;
  objection_period: ObjectionPeriod;
  supersedes: string | null;
  superseded_by: string | null;
  item_count: number;
  objections: { received: number; upheld: number };
  fingerprint: string;
  demo: boolean;
}

export interface NoticeItem {
  item_no: number;
  masked_name: string;
  village_group: string;
  household_size: number;
  decision: "identified" | "exits" | "returned";
}

export interface NoticeDetail extends NoticeSummary {
  body_zh: string;
  body_en: string | null;
  announcement_zh: string | null;
  announcement_en: string | null;
  closed_at: string | null;
  announced_at: string | null;
  superseded_at: string | null;
  items: NoticeItem[] | null;
  items_withdrawn: boolean;
  fingerprint_algorithm: string;
  /** Return-to-poverty notices: the monitoring figures of the region and year (worker/monitoring/queries.ts). */
  monitoring: { region_code: string; year: number; figures_region: string | null; figures_year: number | null; api: string; page: string; return_notices: string } | null;
}

export const NOTICES_API = {
  list: "/api/v1/notices",
  listIn: (region: string) => `/api/v1/notices?region=${region}`,
  one: (id: string) => `/api/v1/notices/${id}`,
  atom: "/api/v1/notices.atom",
  atomFor: (region: string) => `/api/v1/notices.atom?region=${region}`,
  objections: (id: string) => `/api/v1/notices/${id}/objections`,
  objection: (receipt: string) => `/api/v1/objections/${encodeURIComponent(receipt)}`,
  reports: "/api/v1/reports",
  report: (receipt: string) => `/api/v1/reports/${encodeURIComponent(receipt)}`,
  reportStats: "/api/v1/reports/stats",
} as const;

/** Notices a page of the /notices/ list shows at most: the page reads this many (and one more to know of a next page). */
export const NOTICES_PAGE_SIZE = 50;
export const PUBLIC_NOTICE_STATUSES: PublicNoticeStatus[] = ["open", "upcoming", "closed", "announced", "superseded"];

/** One keyset page of the public list, newest first, with the list page's filters. */
export function noticesPagePath(filters: { region?: string; type?: NoticeType; status?: PublicNoticeStatus; cursor?: string }): string {
  const query = new URLSearchParams();
  if (filters.region) query.set("region", filters.region);
  if (filters.type) query.set("type", filters.type);
  if (filters.status) query.set("status", filters.status);
  query.set("limit", String(NOTICES_PAGE_SIZE));
  if (filters.cursor) query.set("cursor", filters.cursor);
  return `${NOTICES_API.list}?${query}`;
}

/** Open and upcoming notices a region page shows at most of each (the rest are one link away, filtered). */
export const REGION_NOTICES_SHOWN = 50;

/** What a region's or village's page shows of its notices: bounded reads, whatever the region's size. */
export interface RegionNotices {
  /** Open now, the soonest deadline first, then upcoming, newest first (at most REGION_NOTICES_SHOWN of each). */
  current: NoticeSummary[];
  /** Whether more open or upcoming notices exist than `current` holds. */
  moreCurrent: boolean;
  /** The newest notices no longer open (closed, announced, superseded), at most `recent`. */
  recent: NoticeSummary[];
  /** How many notices the region has in all, when they fit one page of the list; null when more. */
  total: number | null;
  /** Whether the region has any published notice. */
  any: boolean;
}

interface NoticePage {
  data: NoticeSummary[];
  next: string | null;
}

/**
 * A region's notices (the region and everything below it) as its page shows them, in bounded
 * reads of the API's list: the newest page first; when the region's notices all fit it (a
 * village, most townships) the page splits that one read; otherwise two more pages, open ones
 * by deadline and upcoming ones. A province with thousands of notices costs three reads of at
 * most 50 rows (this replaced reading every notice of the region).
 */
export async function regionNotices(api: PageApi, region: string, recent = 5): Promise<RegionNotices> {
  const list = (query: string) => apiGet<NoticePage>(api, `${NOTICES_API.listIn(region)}&${query}`);
  const newest = await list(`limit=${NOTICES_PAGE_SIZE}`);
  const now = new Date();
  const isCurrent = (x: NoticeSummary) => ["open", "upcoming"].includes(displayState(x.status, x.objection_period, now));
  let current: NoticeSummary[];
  let moreCurrent = false;
  if (newest.next === null) {
    current = newest.data.filter(isCurrent).sort(byUrgency(now));
  } else {
    const [open, upcoming] = await Promise.all([list(`status=open&sort=closes&limit=${REGION_NOTICES_SHOWN}`), list(`status=upcoming&limit=${REGION_NOTICES_SHOWN}`)]);
    current = [...open.data, ...upcoming.data];
    moreCurrent = open.next !== null || upcoming.next !== null;
  }
  const ids = new Set(current.map((x) => x.id));
  return {
    current,
    moreCurrent,
    recent: newest.data.filter((x) => !ids.has(x.id) && !isCurrent(x)).slice(0, recent),
    total: newest.next === null ? newest.data.length : null,
    any: newest.data.length > 0,
  };
}
export const noticeDetail = async (api: PageApi, id: string) => (await api.find<{ data: NoticeDetail }>(NOTICES_API.one(id)))?.data ?? null;

/** Sort order for the list: open first (soonest deadline first), then upcoming, then the rest newest first. */
export function byUrgency(now: Date) {
  const rank: Record<DisplayState, number> = { open: 0, upcoming: 1, closed: 2, announced: 3, superseded: 4 };
  return (a: NoticeSummary, b: NoticeSummary) => {
    const sa = displayState(a.status, a.objection_period, now);
    const sb = displayState(b.status, b.objection_period, now);
    if (rank[sa] !== rank[sb]) return rank[sa] - rank[sb];
    if (sa === "open") return a.objection_period.closes_at.localeCompare(b.objection_period.closes_at);
    return b.published_at.localeCompare(a.published_at);
  };
}
