import type { RouteHandler } from "@hono/zod-openapi";
import type { z } from "@hono/zod-openapi";
import { auditEntry, guardChanged, idempotentWrite, requireScope } from "../../admin";
import { createDb } from "../../db/client";
import { bumpDatasetVersion } from "../../db/queries/dataset-versions";
import {
  announceNoticeStatement,
  closeNoticeStatement,
  correctionOf,
  getNotice,
  getNoticeItems,
  insertNoticeStatements,
  openNoticeStatement,
  replaceItemsStatements,
  supersedeNoticeStatement,
  updateDraftStatement,
  type NoticeItemRecord,
  type NoticeItemRow,
  type NoticeRow,
} from "../../db/queries/notices";
import { answerObjectionStatements, getObjection, listObjectionsForNotice, unansweredObjections, type ObjectionRow } from "../../db/queries/objections";
import { getRegion } from "../../db/queries/regions";
import { isMaskedName, maskName } from "../../domain/name-mask";
import { DECISION_FOR_TYPE, effectiveStatus, HOUSEHOLD_NOTICE_TYPES, type NoticeType } from "../../domain/notice-lifecycle";
import { publicationFields } from "../../domain/notice-publication";
import { addDays, DEFAULT_PERIOD_DAYS, describePeriod, localDateOf, periodInstants, periodProblem, TIME_ZONE, windowState } from "../../domain/notice-window";
import { randomId } from "../../domain/receipts";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import { ApiError, notFound } from "../../lib/errors";
import { periodOf } from "../notices/notices.serialize";
import type { CreateNoticeBody, EditNoticeBody } from "./admin-notices.schemas";
import type {
  announceNoticeRoute,
  answerObjectionRoute,
  closeNoticeRoute,
  createNoticeRoute,
  editNoticeRoute,
  getAdminNoticeRoute,
  openNoticeRoute,
} from "./admin-notices.routes";

type ItemInput = NonNullable<z.infer<typeof CreateNoticeBody>["items"]>[number];

const bad = (path: string, message: string) => new ApiError(400, "invalid_request", `Invalid body: ${path} — ${message}`, [{ path, message }]);
const conflict = (code: string, message: string, path = "param.id") => new ApiError(409, code, message, [{ path, message }]);

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

/** Items as stored: names masked here, on arrival, so a full name never reaches D1 (privacy.md R1). */
function buildItems(noticeId: string, type: NoticeType, input: readonly ItemInput[]): NoticeItemRecord[] {
  const decision = DECISION_FOR_TYPE[type];
  if (input.length > 0 && !decision) throw bad("body.items", `a ${type} notice has no household items`);
  return input.map((item, i) => {
    if (item.decision && item.decision !== decision) throw bad(`body.items.${i}.decision`, `must be ${decision} in a ${type} notice`);
    let maskedName: string;
    if (item.name !== undefined) {
      try {
        maskedName = maskName(item.name);
      } catch {
        throw bad(`body.items.${i}.name`, "needs at least one character");
      }
    } else {
      maskedName = item.masked_name!;
      if (!isMaskedName(maskedName) && Array.from(maskedName).length > 1) throw bad(`body.items.${i}.masked_name`, "must be masked: the surname, then one * per other character");
    }
    return { noticeId, itemNo: i + 1, maskedName, villageGroup: item.village_group, householdSize: item.household_size, decision: decision! };
  });
}

async function requireRegionExists(c: Parameters<typeof requireScope>[0], code: string) {
  if (!(await getRegion(createDb(c.env.DB), code))) throw bad("body.region", "unknown region code");
}

/** The notice a draft corrects: it must exist, be in scope and still be open or closed. */
async function checkSupersedable(c: Parameters<typeof requireScope>[0], id: string | null | undefined, self?: string) {
  if (!id) return;
  const old = await getNotice(createDb(c.env.DB), id);
  if (!old || old.status === "draft") throw bad("body.supersedes", "no published notice has this id");
  requireScope(c, old.regionCode, "body.supersedes");
  if (old.status !== "open" && old.status !== "closed") throw conflict("not_supersedable", `Notice ${id} is ${old.status}; only an open or closed notice can be superseded.`, "body.supersedes");
  const existing = await correctionOf(createDb(c.env.DB), id);
  if (existing && existing !== self) throw conflict("already_corrected", `Notice ${id} is already corrected by ${existing}; edit that draft instead.`, "body.supersedes");
}

async function loadInScope(c: Parameters<typeof requireScope>[0], id: string): Promise<NoticeRow> {
  const notice = await getNotice(createDb(c.env.DB), id);
  if (!notice) throw notFound("notice", id);
  requireScope(c, notice.regionCode, "param.id");
  return notice;
}

export const createNoticeHandler: RouteHandler<typeof createNoticeRoute, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const admin = c.get("admin");
  const now = clock(c);
  return idempotentWrite(c, async (db) => {
    requireScope(c, body.region, "body.region");
    await requireRegionExists(c, body.region);
    await checkSupersedable(c, body.supersedes);
    const id = randomId("ntc");
    const items = buildItems(id, body.type, body.items ?? []);
    const at = now.toISOString();
    const record = {
      id,
      type: body.type,
      regionCode: body.region,
      titleZh: body.title_zh,
      titleEn: body.title_en ?? null,
      bodyZh: body.body_zh,
      bodyEn: body.body_en ?? null,
      issuer: body.issuer,
      status: "draft" as const,
      supersedesId: body.supersedes ?? null,
      createdAt: at,
      updatedAt: at,
    };
    const row: NoticeRow = { ...emptyNotice(), ...record, regionNameZh: null, regionNameEn: null };
    return {
      status: 201 as const,
      body: { data: adminNoticeJson(row, items, now) },
      statements: [
        ...insertNoticeStatements(db, record, items),
        auditEntry(db, admin, { action: "notice.create", targetType: "notice", targetId: id, regionCode: body.region, summary: `Draft ${body.type} notice with ${items.length} item(s)` }, now),
      ],
    };
  });
};

function emptyNotice(): Omit<NoticeRow, "regionNameZh" | "regionNameEn"> {
  return {
    id: "",
    type: "project",
    regionCode: "",
    titleZh: "",
    titleEn: null,
    bodyZh: "",
    bodyEn: null,
    issuer: "",
    status: "draft",
    periodStart: null,
    periodEnd: null,
    opensAt: null,
    closesAt: null,
    publishedAt: null,
    closedAt: null,
    announcedAt: null,
    supersededAt: null,
    announcementZh: null,
    announcementEn: null,
    supersedesId: null,
    supersededById: null,
    fingerprint: null,
    itemCount: 0,
    objectionsReceived: 0,
    objectionsUpheld: 0,
    isDemo: false,
    createdAt: "",
    updatedAt: "",
  };
}

export const getAdminNoticeHandler: RouteHandler<typeof getAdminNoticeRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const notice = await loadInScope(c, id);
  const db = createDb(c.env.DB);
  const [items, objections] = await Promise.all([getNoticeItems(db, id), listObjectionsForNotice(db, id)]);
  return c.json({ data: { ...adminNoticeJson(notice, items, clock(c)), objection_list: objections.map(objectionJson) } }, 200);
};

export const editNoticeHandler: RouteHandler<typeof editNoticeRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const body: z.infer<typeof EditNoticeBody> = c.req.valid("json");
  const admin = c.get("admin");
  const now = clock(c);
  return idempotentWrite(c, async (db) => {
    const notice = await loadInScope(c, id);
    if (notice.status !== "draft") throw conflict("notice_not_draft", `Notice ${id} is ${notice.status}: only drafts can be edited. Correct it with a new notice that supersedes it.`);
    if (body.region) {
      requireScope(c, body.region, "body.region");
      await requireRegionExists(c, body.region);
    }
    if (body.supersedes) await checkSupersedable(c, body.supersedes, id);
    const type = body.type ?? notice.type;
    const items = body.items ? buildItems(id, type, body.items) : undefined;
    if (!items && body.type && notice.itemCount > 0 && DECISION_FOR_TYPE[type] === undefined) throw bad("body.items", `a ${type} notice has no household items: send items: []`);
    if (!items && body.type && notice.itemCount > 0 && DECISION_FOR_TYPE[type] !== DECISION_FOR_TYPE[notice.type]) throw bad("body.items", "changing the type changes the items' decision: send the items again");
    const at = now.toISOString();
    const fields = {
      ...(body.type !== undefined && { type: body.type }),
      ...(body.region !== undefined && { regionCode: body.region }),
      ...(body.title_zh !== undefined && { titleZh: body.title_zh }),
      ...(body.title_en !== undefined && { titleEn: body.title_en }),
      ...(body.body_zh !== undefined && { bodyZh: body.body_zh }),
      ...(body.body_en !== undefined && { bodyEn: body.body_en }),
      ...(body.issuer !== undefined && { issuer: body.issuer }),
      ...(body.supersedes !== undefined && { supersedesId: body.supersedes }),
      ...(items && { itemCount: items.length }),
      updatedAt: at,
    };
    const finalItems = items ?? (await getNoticeItems(db, id));
    return {
      status: 200 as const,
      body: { data: adminNoticeJson({ ...notice, ...fields }, finalItems, now) },
      conflict: conflict("notice_changed", `Notice ${id} changed while you were editing it (or is no longer a draft); reload it and try again.`),
      statements: [
        updateDraftStatement(db, id, notice.updatedAt, fields),
        guardChanged(db),
        ...(items ? replaceItemsStatements(db, id, items) : []),
        auditEntry(db, admin, { action: "notice.edit", targetType: "notice", targetId: id, regionCode: body.region ?? notice.regionCode, summary: `Edited draft (${Object.keys(body).join(", ") || "no fields"})` }, now),
      ],
    };
  });
};

export const openNoticeHandler: RouteHandler<typeof openNoticeRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const body = (c.req.valid("json") ?? {}) as { period_start?: string; period_end?: string };
  const admin = c.get("admin");
  const now = clock(c);
  return idempotentWrite(c, async (db) => {
    const notice = await loadInScope(c, id);
    if (notice.status !== "draft") throw conflict("notice_not_draft", `Notice ${id} is already ${notice.status}.`);
    const today = localDateOf(now);
    const start = body.period_start ?? today;
    const period = { start, end: body.period_end ?? addDays(start, DEFAULT_PERIOD_DAYS - 1) };
    const problem = periodProblem(period, today);
    if (problem) throw bad(body.period_end && period.end < period.start ? "body.period_end" : "body.period_start", problem);
    const items = await getNoticeItems(db, id);
    if (HOUSEHOLD_NOTICE_TYPES.includes(notice.type) && items.length === 0) throw bad("body", `a ${notice.type} notice needs its household items before it opens`);
    await checkSupersedable(c, notice.supersedesId, id);
    const published = await publicationFields(notice, items, now, period);
    const at = now.toISOString();
    const opened = { ...notice, ...published, status: "open" as const, updatedAt: at };
    return {
      status: 200 as const,
      body: { data: adminNoticeJson(opened, items, now) },
      conflict: conflict("notice_changed", `Notice ${id} changed while you were opening it (edited, opened by someone else, or its superseded notice changed); reload it.`),
      statements: [
        openNoticeStatement(db, id, notice.updatedAt, { ...published, updatedAt: at }),
        guardChanged(db),
        ...(notice.supersedesId ? [supersedeNoticeStatement(db, notice.supersedesId, id, at), guardChanged(db)] : []),
        bumpDatasetVersion(db, "notices", now),
        auditEntry(db, admin, {
          action: "notice.open",
          targetType: "notice",
          targetId: id,
          regionCode: notice.regionCode,
          summary: `Opened for objections ${describePeriod(period)}; fingerprint ${published.fingerprint}${notice.supersedesId ? `; supersedes ${notice.supersedesId}` : ""}`,
        }, now),
      ],
    };
  });
};

export const closeNoticeHandler: RouteHandler<typeof closeNoticeRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const admin = c.get("admin");
  const now = clock(c);
  return idempotentWrite(c, async (db) => {
    const notice = await loadInScope(c, id);
    if (notice.status !== "open") throw conflict("notice_not_open", `Notice ${id} is ${notice.status}; only an open notice can be closed.`);
    const period = periodOf(notice)!;
    if (windowState(period, now) !== "ended") throw conflict("period_running", `The objection period runs ${describePeriod(period)}; the notice can be closed only after it ends.`);
    const at = now.toISOString();
    return {
      status: 200 as const,
      body: { data: adminNoticeJson({ ...notice, status: "closed", closedAt: at, updatedAt: at }, await getNoticeItems(db, id), now) },
      conflict: conflict("notice_changed", `Notice ${id} was changed by someone else meanwhile; reload it.`),
      statements: [
        closeNoticeStatement(db, id, at),
        guardChanged(db),
        bumpDatasetVersion(db, "notices", now),
        auditEntry(db, admin, { action: "notice.close", targetType: "notice", targetId: id, regionCode: notice.regionCode, summary: `Closed after ${notice.objectionsReceived} objection(s)` }, now),
      ],
    };
  });
};

export const announceNoticeHandler: RouteHandler<typeof announceNoticeRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const admin = c.get("admin");
  const now = clock(c);
  return idempotentWrite(c, async (db) => {
    const notice = await loadInScope(c, id);
    if (notice.status !== "closed") throw conflict("notice_not_closed", `Notice ${id} is ${notice.status}; close it (after its period) before announcing.`);
    const open = await unansweredObjections(db, id);
    if (open > 0) throw conflict("objections_unanswered", `${open} objection(s) to notice ${id} are unanswered; answer them before announcing.`);
    const at = now.toISOString();
    const announcement = { zh: body.announcement_zh, en: body.announcement_en ?? null };
    return {
      status: 200 as const,
      body: { data: adminNoticeJson({ ...notice, status: "announced", announcedAt: at, updatedAt: at, announcementZh: announcement.zh, announcementEn: announcement.en }, await getNoticeItems(db, id), now) },
      conflict: conflict("notice_changed", `Notice ${id} changed meanwhile (announced by someone else, or a new objection arrived); reload it.`),
      statements: [
        announceNoticeStatement(db, id, at, announcement),
        guardChanged(db),
        bumpDatasetVersion(db, "notices", now),
        auditEntry(db, admin, { action: "notice.announce", targetType: "notice", targetId: id, regionCode: notice.regionCode, summary: `Announced; ${notice.objectionsUpheld} of ${notice.objectionsReceived} objection(s) upheld` }, now),
      ],
    };
  });
};

export const answerObjectionHandler: RouteHandler<typeof answerObjectionRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  const admin = c.get("admin");
  const now = clock(c);
  return idempotentWrite(c, async (db) => {
    const objection = await getObjection(db, id);
    if (!objection) throw notFound("objection", id);
    const notice = (await getNotice(db, objection.noticeId))!;
    requireScope(c, notice.regionCode, "param.id");
    if (objection.status !== "received") throw conflict("objection_answered", `Objection ${id} was already answered (${objection.status}).`);
    const at = now.toISOString();
    const [change, ...followUps] = answerObjectionStatements(db, { id, noticeId: notice.id, upheld: body.upheld, answer: body.answer, at });
    return {
      status: 200 as const,
      body: { data: answeredJson({ ...objection, status: body.upheld ? "upheld" : "not_upheld", answer: body.answer, answeredAt: at }) },
      conflict: conflict("objection_answered", `Objection ${id} was answered by someone else meanwhile; reload it.`),
      statements: [
        change!,
        guardChanged(db),
        ...followUps,
        bumpDatasetVersion(db, "notices", now),
        auditEntry(db, admin, { action: body.upheld ? "objection.uphold" : "objection.dismiss", targetType: "objection", targetId: id, regionCode: notice.regionCode, summary: `Objection to notice ${notice.id} ${body.upheld ? "upheld" : "not upheld"}` }, now),
      ],
    };
  });
};
