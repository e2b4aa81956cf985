import type { RouteHandler } from "@hono/zod-openapi";
import { actorOf, executeWrite } from "../../admin/execute";
import { createDb } from "../../db/client";
import { getNoticeItems, type NoticeItemRecord, type NoticeItemRow, type NoticeRow } from "../../db/queries/notices";
import { listObjectionsForNotice, type ObjectionRow } from "../../db/queries/objections";
import { effectiveStatus } from "../../domain/notice-lifecycle";
import { periodInstants, periodOf, TIME_ZONE, windowState } from "../../domain/notice-window";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import { ledgerKey } from "../../lib/ledger-key";
import { announceNotice, answerObjection, closeNotice, createNotice, editNotice, loadNoticeInScope, openNotice, type NoticeResult } from "../../writes/notices";
import type {
  announceNoticeRoute,
  answerObjectionRoute,
  closeNoticeRoute,
  createNoticeRoute,
  editNoticeRoute,
  getAdminNoticeRoute,
  openNoticeRoute,
} from "./admin-notices.routes";

function adminNoticeJson(row: NoticeRow, items: readonly NoticeItemRow[] | readonly NoticeItemRecord[], now: Date) {
  const period = periodOf(row);
  const instants = period ? periodInstants(period) : null;
  return {
    id: row.id,
    type: row.type,
    region_code: row.regionCode,
    title_zh: row.titleZh,
    title_en: row.titleEn,
    body_zh: row.bodyZh,
    body_en: row.bodyEn,
    issuer: row.issuer,
    status: row.status,
    public_status: effectiveStatus(row.status, period, now),
    objection_period:
      period && instants
        ? ({ start: period.start, end: period.end, opens_at: instants.opensAt.toISOString(), closes_at: instants.closesAt.toISOString(), time_zone: TIME_ZONE, state: windowState(period, now) } as const)
        : null,
    published_at: row.publishedAt,
    closed_at: row.closedAt,
    announced_at: row.announcedAt,
    superseded_at: row.supersededAt,
    announcement_zh: row.announcementZh,
    announcement_en: row.announcementEn,
    supersedes: row.supersedesId,
    superseded_by: row.supersededById,
    fingerprint: row.fingerprint,
    item_count: items.length,
    objections: { received: row.objectionsReceived, upheld: row.objectionsUpheld },
    items: items.map((i) => ({ item_no: i.itemNo, masked_name: i.maskedName, village_group: i.villageGroup, household_size: i.householdSize, decision: i.decision })),
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

function objectionJson(o: ObjectionRow) {
  return {
    id: o.id,
    item_no: o.itemNo,
    text: o.text,
    contact: o.contact,
    status: o.status,
    answer: o.answer,
    received_at: o.receivedAt,
    answered_at: o.answeredAt,
  };
}

function answeredJson(o: ObjectionRow) {
  const { text: _text, contact: _contact, ...rest } = objectionJson(o);
  return rest;
}

export const getAdminNoticeHandler: RouteHandler<typeof getAdminNoticeRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const db = createDb(c.env.DB);
  const notice = await loadNoticeInScope({ actor: actorOf(c), db }, id);
  const [items, objections] = await Promise.all([getNoticeItems(db, id), listObjectionsForNotice(db, id)]);
  return c.json({ data: { ...adminNoticeJson(notice, items, clock(c)), objection_list: objections.map(objectionJson) } }, 200);
};

const present = ({ notice, items }: NoticeResult, now: Date) => ({ data: adminNoticeJson(notice, items, now) });

export const createNoticeHandler: RouteHandler<typeof createNoticeRoute, AppEnv> = (c) => executeWrite(c, 201, (ctx) => createNotice(ctx, c.req.valid("json")), present);

export const editNoticeHandler: RouteHandler<typeof editNoticeRoute, AppEnv> = (c) => executeWrite(c, 200, (ctx) => editNotice(ctx, c.req.valid("param").id, c.req.valid("json")), present);

export const openNoticeHandler: RouteHandler<typeof openNoticeRoute, AppEnv> = (c) =>
  executeWrite(c, 200, async (ctx) => openNotice({ ...ctx, key: await ledgerKey(c.env) }, c.req.valid("param").id, c.req.valid("json") ?? {}), present);

export const closeNoticeHandler: RouteHandler<typeof closeNoticeRoute, AppEnv> = (c) => executeWrite(c, 200, (ctx) => closeNotice(ctx, c.req.valid("param").id), present);

export const announceNoticeHandler: RouteHandler<typeof announceNoticeRoute, AppEnv> = (c) =>
  executeWrite(c, 200, async (ctx) => announceNotice({ ...ctx, key: await ledgerKey(c.env) }, c.req.valid("param").id, c.req.valid("json")), present);

export const answerObjectionHandler: RouteHandler<typeof answerObjectionRoute, AppEnv> = (c) =>
  executeWrite(c, 200, (ctx) => answerObjection(ctx, c.req.valid("param").id, c.req.valid("json")), ({ objection }) => ({ data: answeredJson(objection) }));
