/**
 * Notices administration: drafts (create, edit), publication (open), close, announce, and
 * answers to objections. Each write checks role, region scope and the notice life cycle
 * (domain/notice-lifecycle.ts) and returns its planned batch; status changes are
 * conditional UPDATEs behind the write guard, so a racing change is a conflict.
 */
import { guardChanged } from "../admin/guard";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import {
  announceNoticeStatement,
  closeNoticeStatement,
  correctionOf,
  getNotice,
  getNoticeItems,
  insertNoticeStatements,
  noticeItemExists,
  openNoticeStatement,
  replaceItemsStatements,
  supersedeNoticeStatement,
  updateDraftStatement,
  type NoticeItemRecord,
  type NoticeItemRow,
  type NoticeRow,
} from "../db/queries/notices";
import { answerObjectionStatements, getObjection, insertObjectionStatements, unansweredObjections, type ObjectionRow } from "../db/queries/objections";
import { getRegion } from "../db/queries/regions";
import { isMaskedName, maskName } from "../domain/name-mask";
import { DECISION_FOR_TYPE, HOUSEHOLD_NOTICE_TYPES, type NoticeType } from "../domain/notice-lifecycle";
import { publicationFields } from "../domain/notice-publication";
import { addDays, DEFAULT_PERIOD_DAYS, describePeriod, localDateOf, periodOf, periodProblem, windowState } from "../domain/notice-window";
import { newReceipt, randomId, receiptHash } from "../domain/receipts";
import { announcementFingerprint } from "../domain/notice-fingerprint";
import { prepareAppend, readTip } from "../db/queries/ledger";
import type { LedgerKey } from "../domain/ledger";
import { noticeAnnouncedEntry, noticeOpenedEntry, noticeSupersededEntry } from "../ledger/entries";
import { invalid, requireRole, requireScope, unknownRecord, WriteRefusal, type WriteContext, type WritePlan } from "./plan";

/** Opening and announcing append the notice's fingerprint to the ledger: they need its key. */
export interface NoticeLedgerContext extends WriteContext {
  key: LedgerKey;
}

export interface NoticeItemInput {
  name?: string;
  masked_name?: string;
  village_group: string;
  household_size: number;
  decision?: string;
}

export interface NoticeDraftInput {
  type: NoticeType;
  region: string;
  title_zh: string;
  title_en?: string | null;
  body_zh: string;
  body_en?: string | null;
  issuer: string;
  supersedes?: string | null;
  items?: NoticeItemInput[];
}

export type NoticeEditInput = Partial<NoticeDraftInput>;

/** What a notice write answers with; the edge presents it (admin JSON). */
export interface NoticeResult {
  notice: NoticeRow;
  items: readonly NoticeItemRow[] | readonly NoticeItemRecord[];
}

const bad = (path: string, message: string) => invalid([{ path, message }]);
const conflict = (code: string, message: string, path = "param.id") => new WriteRefusal("conflict", code, message, [{ path, message }]);
const changedMeanwhile = (id: string, what: string) => conflict("notice_changed", `Notice ${id} ${what}`);

/** Two drafts that correct one notice: the unique index decides, and the loser hears why. */
const correctionRace = (supersedes: string) => ({
  constraint: "UNIQUE constraint failed: notices.supersedes_id",
  refusal: conflict("already_corrected", `Notice ${supersedes} was corrected by another draft at the same moment; edit that draft instead.`, "body.supersedes"),
});

/** Items as stored: names masked here, on arrival, so a full name never reaches D1 (privacy.md R1). */
function buildItems(noticeId: string, type: NoticeType, input: readonly NoticeItemInput[]): NoticeItemRecord[] {
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

async function requireRegionExists(ctx: WriteContext, code: string) {
  if (!(await getRegion(ctx.db, code))) throw bad("body.region", "unknown region code");
}

/** The notice a draft corrects: it must exist, be in scope and still be open or closed. */
async function checkSupersedable(ctx: WriteContext, id: string | null | undefined, self?: string) {
  if (!id) return;
  const old = await getNotice(ctx.db, id);
  if (!old || old.status === "draft") throw bad("body.supersedes", "no published notice has this id");
  requireScope(ctx.actor, old.regionCode, "body.supersedes");
  if (old.status !== "open" && old.status !== "closed") throw conflict("not_supersedable", `Notice ${id} is ${old.status}; only an open or closed notice can be superseded.`, "body.supersedes");
  const existing = await correctionOf(ctx.db, id);
  if (existing && existing !== self) throw conflict("already_corrected", `Notice ${id} is already corrected by ${existing}; edit that draft instead.`, "body.supersedes");
}

/** A notice the actor may act on (404 first, so scope does not reveal which ids exist elsewhere). */
export async function loadNoticeInScope(ctx: Pick<WriteContext, "actor" | "db">, id: string): Promise<NoticeRow> {
  const notice = await getNotice(ctx.db, id);
  if (!notice) throw unknownRecord("notice", id);
  requireScope(ctx.actor, notice.regionCode, "param.id");
  return notice;
}

export interface ObjectionInput {
  text: string;
  item_no?: number;
  contact?: string | null;
}

/** The answer to a new objection: its receipt, shown this once (only its hash is stored). */
export interface ObjectionReceipt {
  data: { receipt: string; received_at: string; follow_up: string };
}

/**
 * Receives an objection to a notice (anyone may: the public form acts as PUBLIC_ACTOR): the
 * notice must be published and open, `now` inside its period (Asia/Shanghai days), the item it
 * names one of the notice's. The INSERT checks the period again (a notice closed meanwhile
 * stores nothing: the guard turns that into the 409), and the notice's public count goes up in
 * the same batch. Of the receipt only its hash is stored; no audit row (an objection is no
 * public record of its own: the notice's count is). The demo generator passes a fixed id and,
 * for the README's objection, a fixed receipt, and marks the row as demo.
 */
export async function receiveObjection(ctx: WriteContext, id: string, input: ObjectionInput, options: { id?: string; receipt?: string; demo?: boolean } = {}): Promise<WritePlan<ObjectionReceipt>> {
  const { db, now } = ctx;
  const notice = await getNotice(db, id);
  if (!notice || notice.status === "draft") throw unknownRecord("notice", id);
  const when = describePeriod(periodOf(notice)!);
  if (notice.status !== "open") {
    throw new WriteRefusal("conflict", "notice_not_open", `This notice is ${notice.status}; objections were accepted only during its period, ${when}.`, [{ path: "param.id", message: `notice is ${notice.status}` }]);
  }
  const state = windowState(periodOf(notice)!, now);
  if (state !== "open") {
    const verb = state === "upcoming" ? "has not started yet" : "has ended";
    throw new WriteRefusal("conflict", "outside_objection_period", `The objection period ${verb}: objections are accepted ${when}.`, [{ path: "param.id", message: `objection period ${verb}` }]);
  }
  if (input.item_no !== undefined && !(await noticeItemExists(db, id, input.item_no))) {
    throw new WriteRefusal("invalid", "invalid_request", `Invalid body: body.item_no — this notice has no item ${input.item_no}`, [{ path: "body.item_no", message: "no such item in this notice" }]);
  }
  const receipt = options.receipt ?? newReceipt();
  const hash = await receiptHash(receipt);
  if (!hash) throw new Error(`Not a receipt: ${receipt}`);
  const [insert, ...rest] = insertObjectionStatements(db, {
    id: options.id ?? randomId("obj"),
    noticeId: id,
    itemNo: input.item_no ?? null,
    text: input.text,
    contact: input.contact ?? null,
    receiptHash: hash,
    receivedAt: now.toISOString(),
    isDemo: options.demo ?? false,
  });
  return {
    body: { data: { receipt, received_at: now.toISOString(), follow_up: `/api/v1/objections/${receipt}` } },
    // The INSERT is conditional on the period: when it stores nothing, the guard refuses the batch.
    statements: [insert, guardChanged(db), ...rest],
    audit: null,
    conflict: new WriteRefusal("conflict", "outside_objection_period", `The objection period has ended: objections are accepted ${when}.`, [{ path: "param.id", message: "objection period has ended" }]),
  };
}

/** For loaders only (the demo generator), never from the admin API: a fixed id and the demo flag. */
export interface NoticeLoadOptions {
  id?: string;
  demo?: boolean;
}

export async function createNotice(ctx: WriteContext, input: NoticeDraftInput, options: NoticeLoadOptions = {}): Promise<WritePlan<NoticeResult>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  requireScope(ctx.actor, input.region, "body.region");
  await requireRegionExists(ctx, input.region);
  await checkSupersedable(ctx, input.supersedes);
  const id = options.id ?? randomId("ntc");
  const items = buildItems(id, input.type, input.items ?? []);
  const at = now.toISOString();
  const record = {
    id,
    type: input.type,
    regionCode: input.region,
    titleZh: input.title_zh,
    titleEn: input.title_en ?? null,
    bodyZh: input.body_zh,
    bodyEn: input.body_en ?? null,
    issuer: input.issuer,
    status: "draft" as const,
    supersedesId: input.supersedes ?? null,
    isDemo: options.demo ?? false,
    createdAt: at,
    updatedAt: at,
  };
  return {
    body: { notice: { ...emptyNotice(), ...record, regionNameZh: null, regionNameEn: null }, items },
    statements: insertNoticeStatements(db, record, items),
    conflict: changedMeanwhile(id, "changed meanwhile; reload it."),
    raced: input.supersedes ? [correctionRace(input.supersedes)] : [],
    audit: { action: "notice.create", targetType: "notice", targetId: id, regionCode: input.region, summary: `Draft ${input.type} notice with ${items.length} item(s)` },
  };
}

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
    ledgerIndex: null,
    supersededLedgerIndex: null,
    announcedLedgerIndex: null,
    itemCount: 0,
    objectionsReceived: 0,
    objectionsUpheld: 0,
    isDemo: false,
    createdAt: "",
    updatedAt: "",
  };
}

export async function editNotice(ctx: WriteContext, id: string, input: NoticeEditInput): Promise<WritePlan<NoticeResult>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const notice = await loadNoticeInScope(ctx, id);
  if (notice.status !== "draft") throw conflict("notice_not_draft", `Notice ${id} is ${notice.status}: only drafts can be edited. Correct it with a new notice that supersedes it.`);
  if (input.region) {
    requireScope(ctx.actor, input.region, "body.region");
    await requireRegionExists(ctx, input.region);
  }
  if (input.supersedes) await checkSupersedable(ctx, input.supersedes, id);
  const type = input.type ?? notice.type;
  const items = input.items ? buildItems(id, type, input.items) : undefined;
  if (!items && input.type && notice.itemCount > 0 && DECISION_FOR_TYPE[type] === undefined) throw bad("body.items", `a ${type} notice has no household items: send items: []`);
  if (!items && input.type && notice.itemCount > 0 && DECISION_FOR_TYPE[type] !== DECISION_FOR_TYPE[notice.type]) throw bad("body.items", "changing the type changes the items' decision: send the items again");
  const at = now.toISOString();
  const fields = {
    ...(input.type !== undefined && { type: input.type }),
    ...(input.region !== undefined && { regionCode: input.region }),
    ...(input.title_zh !== undefined && { titleZh: input.title_zh }),
    ...(input.title_en !== undefined && { titleEn: input.title_en }),
    ...(input.body_zh !== undefined && { bodyZh: input.body_zh }),
    ...(input.body_en !== undefined && { bodyEn: input.body_en }),
    ...(input.issuer !== undefined && { issuer: input.issuer }),
    ...(input.supersedes !== undefined && { supersedesId: input.supersedes }),
    ...(items && { itemCount: items.length }),
    updatedAt: at,
  };
  return {
    body: { notice: { ...notice, ...fields }, items: items ?? (await getNoticeItems(db, id)) },
    conflict: changedMeanwhile(id, "changed while you were editing it (or is no longer a draft); reload it and try again."),
    raced: input.supersedes ? [correctionRace(input.supersedes)] : [],
    statements: [updateDraftStatement(db, id, notice.updatedAt, fields), guardChanged(db), ...(items ? replaceItemsStatements(db, id, items) : [])],
    audit: { action: "notice.edit", targetType: "notice", targetId: id, regionCode: input.region ?? notice.regionCode, summary: `Edited draft (${Object.keys(input).join(", ") || "no fields"})` },
  };
}

export interface OpenNoticeInput {
  period_start?: string;
  period_end?: string;
}

export async function openNotice(ctx: NoticeLedgerContext, id: string, input: OpenNoticeInput): Promise<WritePlan<NoticeResult>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  // The ledger tip first (see writes/funds-context.ts): a racing append makes this batch fail whole.
  const tip = await readTip(db);
  const notice = await loadNoticeInScope(ctx, id);
  if (notice.status !== "draft") throw conflict("notice_not_draft", `Notice ${id} is already ${notice.status}.`);
  const today = localDateOf(now);
  const start = input.period_start ?? today;
  const period = { start, end: input.period_end ?? addDays(start, DEFAULT_PERIOD_DAYS - 1) };
  const problem = periodProblem(period, today);
  if (problem) throw bad(input.period_end && period.end < period.start ? "body.period_end" : "body.period_start", problem);
  const items = await getNoticeItems(db, id);
  if (HOUSEHOLD_NOTICE_TYPES.includes(notice.type) && items.length === 0) throw bad("body", `a ${notice.type} notice needs its household items before it opens`);
  await checkSupersedable(ctx, notice.supersedesId, id);
  const published = await publicationFields(notice, items, now, period);
  const at = now.toISOString();
  const superseded = notice.supersedesId ? await getNotice(db, notice.supersedesId) : undefined;
  // One append: the new notice's fingerprint and, for a correction, the corrected one's.
  const ledger = await prepareAppend(
    db,
    ctx.key,
    [
      noticeOpenedEntry({ ...notice, ...published }),
      ...(superseded ? [noticeSupersededEntry(superseded.id, superseded.fingerprint!, id, at)] : []),
    ],
    now,
    tip,
  );
  const [opened, supersede] = ledger.entries;
  return {
    body: { notice: { ...notice, ...published, ledgerIndex: opened!.index, status: "open" as const, updatedAt: at }, items },
    conflict: changedMeanwhile(id, "changed while you were opening it (edited, opened by someone else, its superseded notice changed, or the ledger moved on); reload it."),
    statements: [
      openNoticeStatement(db, id, notice.updatedAt, { ...published, ledgerIndex: opened!.index, updatedAt: at }),
      guardChanged(db),
      ...(superseded ? [supersedeNoticeStatement(db, superseded.id, id, at, supersede!.index), guardChanged(db)] : []),
      ...ledger.statements,
      bumpDatasetVersion(db, "notices", now),
    ],
    audit: {
      action: "notice.open",
      targetType: "notice",
      targetId: id,
      regionCode: notice.regionCode,
      summary: `Opened for objections ${describePeriod(period)}; fingerprint ${published.fingerprint}${notice.supersedesId ? `; supersedes ${notice.supersedesId}` : ""}`,
    },
  };
}

export async function closeNotice(ctx: WriteContext, id: string): Promise<WritePlan<NoticeResult>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const notice = await loadNoticeInScope(ctx, id);
  if (notice.status !== "open") throw conflict("notice_not_open", `Notice ${id} is ${notice.status}; only an open notice can be closed.`);
  const period = periodOf(notice)!;
  if (windowState(period, now) !== "ended") throw conflict("period_running", `The objection period runs ${describePeriod(period)}; the notice can be closed only after it ends.`);
  const at = now.toISOString();
  return {
    body: { notice: { ...notice, status: "closed", closedAt: at, updatedAt: at }, items: await getNoticeItems(db, id) },
    conflict: changedMeanwhile(id, "was changed by someone else meanwhile; reload it."),
    statements: [closeNoticeStatement(db, id, at), guardChanged(db), bumpDatasetVersion(db, "notices", now)],
    audit: { action: "notice.close", targetType: "notice", targetId: id, regionCode: notice.regionCode, summary: `Closed after ${notice.objectionsReceived} objection(s)` },
  };
}

export interface AnnounceInput {
  announcement_zh: string;
  announcement_en?: string;
}

export async function announceNotice(ctx: NoticeLedgerContext, id: string, input: AnnounceInput): Promise<WritePlan<NoticeResult>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const tip = await readTip(db);
  const notice = await loadNoticeInScope(ctx, id);
  if (notice.status !== "closed") throw conflict("notice_not_closed", `Notice ${id} is ${notice.status}; close it (after its period) before announcing.`);
  const open = await unansweredObjections(db, id);
  if (open > 0) throw conflict("objections_unanswered", `${open} objection(s) to notice ${id} are unanswered; answer them before announcing.`);
  const at = now.toISOString();
  const announcement = { zh: input.announcement_zh, en: input.announcement_en ?? null };
  // The counts are final: every objection is answered and the period is over.
  const result = { announcedAt: at, objectionsReceived: notice.objectionsReceived, objectionsUpheld: notice.objectionsUpheld };
  const digest = await announcementFingerprint({ id, ...result, announcementZh: announcement.zh, announcementEn: announcement.en });
  const ledger = await prepareAppend(db, ctx.key, [noticeAnnouncedEntry(id, notice.fingerprint!, { ...result, announcementFingerprint: digest })], now, tip);
  const announcedLedgerIndex = ledger.entries[0]!.index;
  return {
    body: {
      notice: { ...notice, status: "announced", announcedAt: at, updatedAt: at, announcementZh: announcement.zh, announcementEn: announcement.en, announcedLedgerIndex },
      items: await getNoticeItems(db, id),
    },
    conflict: changedMeanwhile(id, "changed meanwhile (announced by someone else, a new objection arrived, or the ledger moved on); reload it."),
    statements: [announceNoticeStatement(db, id, at, announcement, announcedLedgerIndex), guardChanged(db), ...ledger.statements, bumpDatasetVersion(db, "notices", now)],
    audit: { action: "notice.announce", targetType: "notice", targetId: id, regionCode: notice.regionCode, summary: `Announced; ${notice.objectionsUpheld} of ${notice.objectionsReceived} objection(s) upheld` },
  };
}

export interface AnswerInput {
  upheld: boolean;
  answer: string;
}

export async function answerObjection(ctx: WriteContext, id: string, input: AnswerInput): Promise<WritePlan<{ objection: ObjectionRow }>> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const objection = await getObjection(db, id);
  if (!objection) throw unknownRecord("objection", id);
  const notice = (await getNotice(db, objection.noticeId))!;
  requireScope(ctx.actor, notice.regionCode, "param.id");
  if (objection.status !== "received") throw conflict("objection_answered", `Objection ${id} was already answered (${objection.status}).`);
  const at = now.toISOString();
  const [change, ...followUps] = answerObjectionStatements(db, { id, noticeId: notice.id, upheld: input.upheld, answer: input.answer, at });
  return {
    body: { objection: { ...objection, status: input.upheld ? "upheld" : "not_upheld", answer: input.answer, answeredAt: at } },
    conflict: conflict("objection_answered", `Objection ${id} was answered by someone else meanwhile; reload it.`),
    statements: [change!, guardChanged(db), ...followUps, bumpDatasetVersion(db, "notices", now)],
    audit: {
      action: input.upheld ? "objection.uphold" : "objection.dismiss",
      targetType: "objection",
      targetId: id,
      regionCode: notice.regionCode,
      summary: `Objection to notice ${notice.id} ${input.upheld ? "upheld" : "not upheld"}`,
    },
  };
}
