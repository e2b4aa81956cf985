/**
 * SQL for public notices (公示) and their household items. Public reads never return drafts;
 * what a reader sees of a notice (items, effective status) is decided in worker/domain.
 */
import { and, asc, between, desc, eq, gte, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { descendantRange } from "../../domain/region-codes";
import { keysetAfter, keysetOrder, type SortOrder } from "../../lib/sorting";
import type { NoticeType } from "../../domain/notice-lifecycle";
import type { BatchItem } from "drizzle-orm/batch";
import { chunkedInserts } from "../batch";
import type { Db } from "../client";
import { noticeItems, notices, regions } from "../schema";

export type NoticeRow = typeof notices.$inferSelect & { regionNameZh: string | null; regionNameEn: string | null };
export type NoticeItemRow = typeof noticeItems.$inferSelect;

/** Keyset of the public listing: the sort value (publication or closing instant) and the id. */
export type NoticeKey = [value: string, id: string];

/** `sort=` keys of /notices: publication (default newest first) and the end of the objection period. */
export const NOTICE_SORT_KEYS = ["published", "closes"] as const;
/** The public `sort=` keys, and `updated`: the change order of `updated_since=` (not a `sort=` value). */
export type NoticeSortKey = (typeof NOTICE_SORT_KEYS)[number] | "updated";
/** Newest first, as the list always was without `sort`. */
export const DEFAULT_NOTICE_ORDER: SortOrder<NoticeSortKey> = { key: "published", descending: true };
const noticeSortColumn = (key: NoticeSortKey) => (key === "closes" ? notices.closesAt : key === "updated" ? notices.updatedAt : notices.publishedAt);
// Published notices always have both instants (drafts, which may lack them, are never listed).
export const noticeSortValue = (row: NoticeRow, key: NoticeSortKey): string => (key === "closes" ? row.closesAt! : key === "updated" ? row.updatedAt : row.publishedAt!);

export interface NoticeFilters {
  /** A region: notices for it and everything below it. */
  region?: string;
  type?: NoticeType;
  /** The status a reader sees (an `open` notice past its period reads `closed`). */
  status?: "upcoming" | "open" | "closed" | "announced" | "superseded";
  /** Publication instants, [from, to). */
  publishedFrom?: string;
  publishedBefore?: string;
  /** Changed (updated_at) at or after this instant (`updated_since=`). */
  updatedSince?: string;
}

function selectNotices(db: Db) {
  return db
    .select({ notice: notices, regionNameZh: regions.nameZh, regionNameEn: regions.nameEn })
    .from(notices)
    .leftJoin(regions, eq(regions.code, notices.regionCode));
}

function flatten(rows: { notice: typeof notices.$inferSelect; regionNameZh: string | null; regionNameEn: string | null }[]): NoticeRow[] {
  return rows.map((r) => ({ ...r.notice, regionNameZh: r.regionNameZh, regionNameEn: r.regionNameEn }));
}

/** Published notices (never drafts), newest first, after `after` in that order. */
export async function listPublicNotices(db: Db, filters: NoticeFilters, now: Date, after: NoticeKey | undefined, limit: number, order = DEFAULT_NOTICE_ORDER): Promise<NoticeRow[]> {
  return flatten(await noticesQuery(db, filters, now, after, limit, order));
}

/** The query behind listPublicNotices (also EXPLAINed by tests/db/query-plans.test.ts). */
export function noticesQuery(db: Db, filters: NoticeFilters, now: Date, after: NoticeKey | undefined, limit: number, order: SortOrder<NoticeSortKey> = DEFAULT_NOTICE_ORDER) {
  const nowIso = now.toISOString();
  const where: (SQL | undefined)[] = [ne(notices.status, "draft")];
  if (filters.region) {
    const { min, max } = descendantRange(filters.region);
    where.push(between(notices.regionCode, min, max));
  }
  if (filters.type) where.push(eq(notices.type, filters.type));
  // Each published notice is in exactly one status (domain/notice-lifecycle.ts effectiveStatus):
  // "open" means residents can object now; "upcoming" is published but its period has not started.
  if (filters.status === "upcoming") where.push(eq(notices.status, "open"), sql`${notices.opensAt} > ${nowIso}`);
  else if (filters.status === "open") where.push(eq(notices.status, "open"), sql`${notices.closesAt} > ${nowIso}`, sql`${notices.opensAt} <= ${nowIso}`);
  else if (filters.status === "closed") {
    where.push(or(eq(notices.status, "closed"), and(eq(notices.status, "open"), sql`${notices.closesAt} <= ${nowIso}`)));
  } else if (filters.status) where.push(eq(notices.status, filters.status));
  if (filters.publishedFrom) where.push(gte(notices.publishedAt, filters.publishedFrom));
  if (filters.publishedBefore) where.push(lt(notices.publishedAt, filters.publishedBefore));
  if (filters.updatedSince) where.push(gte(notices.updatedAt, filters.updatedSince));
  // Keyset on (sort value, id) in the order's direction; each order has an index ending in id
  // (notices_published, and notices_closes from migration 0021).
  const column = noticeSortColumn(order.key);
  if (after) where.push(keysetAfter(column, notices.id, order.descending, after));
  return selectNotices(db)
    .where(and(...where))
    .orderBy(...keysetOrder(column, notices.id, order.descending))
    .limit(limit);
}

export async function getNotice(db: Db, id: string): Promise<NoticeRow | undefined> {
  const rows = await selectNotices(db).where(eq(notices.id, id)).limit(1);
  return flatten(rows)[0];
}

export async function getNoticeItems(db: Db, noticeId: string): Promise<NoticeItemRow[]> {
  return db.select().from(noticeItems).where(eq(noticeItems.noticeId, noticeId)).orderBy(asc(noticeItems.itemNo));
}

export async function noticeItemExists(db: Db, noticeId: string, itemNo: number): Promise<boolean> {
  const rows = await db
    .select({ n: noticeItems.itemNo })
    .from(noticeItems)
    .where(and(eq(noticeItems.noticeId, noticeId), eq(noticeItems.itemNo, itemNo)))
    .limit(1);
  return rows.length > 0;
}

export type NoticeRecord = typeof notices.$inferInsert;
export type NoticeItemRecord = typeof noticeItems.$inferInsert;
/** Columns one notice_items row binds (D1: at most 100 bound parameters per statement). */
const ITEM_COLUMNS = 6;

/** Statements inserting a notice with its items (put them in one batch with a dataset bump). */
export function insertNoticeStatements(db: Db, notice: NoticeRecord, items: readonly NoticeItemRecord[]): BatchItem<"sqlite">[] {
  return [
    db.insert(notices).values({ ...notice, itemCount: items.length }),
    ...chunkedInserts(items, ITEM_COLUMNS, (part) => db.insert(noticeItems).values(part)),
  ];
}

// ---- Administration: every state change is conditional on the state it starts from ----

/**
 * Replaces a draft's content. Conditional on the draft being unchanged since it was read
 * (`updated_at`), so two editors cannot silently overwrite each other; follow with guardChanged.
 */
export function updateDraftStatement(db: Db, id: string, readAt: string, fields: Partial<NoticeRecord>) {
  return db
    .update(notices)
    .set(fields)
    .where(and(eq(notices.id, id), eq(notices.status, "draft"), eq(notices.updatedAt, readAt)));
}

export function replaceItemsStatements(db: Db, noticeId: string, items: readonly NoticeItemRecord[]): BatchItem<"sqlite">[] {
  return [
    db.delete(noticeItems).where(eq(noticeItems.noticeId, noticeId)),
    ...chunkedInserts(items, ITEM_COLUMNS, (part) => db.insert(noticeItems).values(part)),
  ];
}

/** draft → open with the publication fields; conditional on the draft as it was read. */
export function openNoticeStatement(db: Db, id: string, readAt: string, fields: Partial<NoticeRecord>) {
  return db
    .update(notices)
    .set({ ...fields, status: "open" })
    .where(and(eq(notices.id, id), eq(notices.status, "draft"), eq(notices.updatedAt, readAt)));
}

/** open|closed → superseded by `byId`. */
export function supersedeNoticeStatement(db: Db, id: string, byId: string, at: string, ledgerIndex: number) {
  return db
    .update(notices)
    .set({ status: "superseded", supersededById: byId, supersededAt: at, updatedAt: at, supersededLedgerIndex: ledgerIndex })
    .where(and(eq(notices.id, id), or(eq(notices.status, "open"), eq(notices.status, "closed"))));
}

/** open → closed, only once the objection period has ended. */
export function closeNoticeStatement(db: Db, id: string, at: string) {
  return db
    .update(notices)
    .set({ status: "closed", closedAt: at, updatedAt: at })
    .where(and(eq(notices.id, id), eq(notices.status, "open"), sql`${notices.closesAt} <= ${at}`));
}

/** closed → announced, only when every objection has been answered. */
export function announceNoticeStatement(db: Db, id: string, at: string, announcement: { zh: string; en: string | null }, ledgerIndex: number) {
  return db
    .update(notices)
    .set({ status: "announced", announcedAt: at, updatedAt: at, announcementZh: announcement.zh, announcementEn: announcement.en, announcedLedgerIndex: ledgerIndex })
    .where(
      and(
        eq(notices.id, id),
        eq(notices.status, "closed"),
        sql`NOT EXISTS (SELECT 1 FROM objections o WHERE o.notice_id = ${id} AND o.status = 'received')`,
      ),
    );
}

/** The notice (draft or published) that already corrects `id`, if any (one correction per notice). */
export async function correctionOf(db: Db, id: string): Promise<string | undefined> {
  const rows = await db.select({ id: notices.id }).from(notices).where(eq(notices.supersedesId, id)).limit(1);
  return rows[0]?.id;
}
