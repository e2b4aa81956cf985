import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { createDb } from "../../db/client";
import { getDatasetStamps } from "../../db/queries/dataset-versions";
import { DEFAULT_NOTICE_ORDER, getNotice, getNoticeItems, listPublicNotices, noticeSortValue, type NoticeKey, type NoticeRow, type NoticeSortKey } from "../../db/queries/notices";
import { parseSort } from "../../lib/sorting";
import { pollSince, updatedSince } from "../../changes/updated-since";
import { getObjectionByReceiptHash } from "../../db/queries/objections";
import { executePublicWrite } from "../../admin/execute";
import { receiveObjection } from "../../writes/notices";
import { addDays, localDateOf, startOfLocalDay } from "../../domain/notice-window";
import { newReceipt, receiptHash } from "../../domain/receipts";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import { ApiError, notFound, unknownReceipt } from "../../lib/errors";
import { edgeCached } from "../../lib/edge-cache";
import { respondList } from "../../lib/listing";
import { requireTurnstile } from "../../lib/turnstile";
import { requireRegionParam } from "../region-params";
import { noticesFeed } from "./notices.atom";
import { HOW_TO_VERIFY, provenEntries } from "../../lib/ledger-proofs";
import { FINGERPRINT_ALGORITHM } from "../../domain/notice-fingerprint";
import { noticeDetailJson, noticeSummaryJson } from "./notices.serialize";
import { monitoringLink } from "../../monitoring/queries";
import { REGISTER_DATASET } from "../../db/queries/register";
import type { createObjectionRoute, getNoticeRoute, getObjectionRoute, listNoticesRoute, noticesAtomRoute } from "./notices.routes";
import { NoticeSummarySchema } from "./notices.schemas";

/** Datasets a notice response reads: its ETag changes when any of them is written. */
const NOTICE_DATASETS = ["regions", "notices"] as const;
const NOTICE_HOW_TO_VERIFY = `${HOW_TO_VERIFY} Then recompute the notice's fingerprint (${FINGERPRINT_ALGORITHM} of id, type, region_code, title_zh, title_en, body_zh, body_en, issuer, published_at, objection_period {start, end}, supersedes and items [{item_no, masked_name, village_group, household_size, decision}]) and compare it with each leaf's \`fingerprint\`; once the items are withdrawn only the recorded fingerprint can be compared with the one shown.`;
const FEED_SIZE = 50;

/**
 * What a notice looks like depends on the date as well as the data (an open notice reads
 * closed from 24:00 on its last day), so ETags carry the Asia/Shanghai date: period
 * boundaries are always local midnights, so nothing else about a response changes in a day.
 */
const dayVariant = (now: Date) => `day:${localDateOf(now)}`;

export const listNoticesHandler: RouteHandler<typeof listNoticesRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  const now = clock(c);
  if (query.region) await requireRegionParam(db, "region", query.region);
  if (query.published_from && query.published_to && query.published_to < query.published_from) {
    throw new ApiError(400, "invalid_request", "Invalid query: query.published_to — must not be before published_from", [
      { path: "query.published_to", message: "must not be before published_from" },
    ]);
  }
  const since = updatedSince(query);
  const filters = {
    updatedSince: since,
    region: query.region,
    type: query.type,
    status: query.status,
    publishedFrom: query.published_from ? startOfLocalDay(query.published_from).toISOString() : undefined,
    publishedBefore: query.published_to ? startOfLocalDay(addDays(query.published_to, 1)).toISOString() : undefined,
  };
  const order = since ? { key: "updated" as const, descending: false } : query.sort ? parseSort<NoticeSortKey>(query.sort, "published") : DEFAULT_NOTICE_ORDER;
  return respondList<NoticeRow, NoticeKey>(c, query, {
    etagVariant: dayVariant(now),
    dataset: "notices",
    dependsOn: [...NOTICE_DATASETS],
    filename: "notices",
    keySchema: z.tuple([z.string().max(40), z.string().regex(/^ntc_[0-9a-z]{1,40}$/)]),
    keyOf: (row) => [noticeSortValue(row, order.key), row.id],
    page: (after, limit) => listPublicNotices(db, filters, now, after, limit, order),
    toJson: (row) => noticeSummaryJson(row, now),
    schema: NoticeSummarySchema,
    meta: {
      time_zone: "Asia/Shanghai",
      as_of: now.toISOString(),
      filters: { region: query.region, type: query.type, status: query.status, published_from: query.published_from, published_to: query.published_to, updated_since: since },
      sort: since ? "updated" : (query.sort ?? "-published"),
      ...(since ? { poll_since: pollSince(now) } : {}),
    },
  });
};

export const getNoticeHandler: RouteHandler<typeof getNoticeRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const db = createDb(c.env.DB);
  const now = clock(c);
  // The ledger too: the proofs are against its latest head; the register for a return-to-poverty notice's monitoring link.
  return edgeCached(c, { datasets: [...NOTICE_DATASETS, "ledger", REGISTER_DATASET], variant: `json:${dayVariant(now)}` }, async () => {
    const notice = await getNotice(db, id);
    // Drafts do not exist for the public.
    if (!notice || notice.status === "draft") throw notFound("notice", id);
    const indexes = [notice.ledgerIndex, notice.supersededLedgerIndex, notice.announcedLedgerIndex].filter((i): i is number => i !== null);
    const [items, ledger, monitoring] = await Promise.all([
      getNoticeItems(db, id),
      indexes.length > 0 ? provenEntries(db, indexes, NOTICE_HOW_TO_VERIFY) : null,
      // Issue 15 §2: a return-to-poverty notice points at its region's monitoring figures of the year it was published.
      notice.type === "return_to_poverty" ? monitoringLink(db, notice.regionCode, Number(localDateOf(new Date(notice.publishedAt!)).slice(0, 4))) : null,
    ]);
    return c.json({ data: { ...noticeDetailJson(notice, items, now), ledger, monitoring } }, 200);
  });
};

export const noticesAtomHandler: RouteHandler<typeof noticesAtomRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  const now = clock(c);
  const region = query.region ? await requireRegionParam(db, "region", query.region) : null;
  return edgeCached(c, { datasets: NOTICE_DATASETS, variant: `atom:${dayVariant(now)}` }, async () => {
    const rows = await listPublicNotices(db, { region: query.region }, now, undefined, FEED_SIZE);
    const url = new URL(c.req.url);
    const selfUrl = `${url.origin}/api/v1/notices.atom${region ? `?region=${region.code}` : ""}`;
    // Read only for an empty feed, whose `updated` is when the notices last changed.
    const datasetUpdatedAt = rows.length > 0 ? now.toISOString() : await noticesUpdatedAt(db, now);
    const xml = noticesFeed(rows, { origin: url.origin, selfUrl, regionCode: region?.code ?? null, regionNameZh: region?.nameZh ?? null, now, datasetUpdatedAt });
    return c.body(xml, 200, { "Content-Type": "application/atom+xml; charset=utf-8" });
  });
};

/** When any notice last changed; `now` for a database where none was ever written. */
async function noticesUpdatedAt(db: ReturnType<typeof createDb>, now: Date): Promise<string> {
  const { stamp } = await getDatasetStamps(db, ["notices"]);
  return stamp === "" ? now.toISOString() : new Date(stamp).toISOString();
}

function receiptAnswer(receipt: string, receivedAt: Date, followUp: string) {
  return { data: { receipt, received_at: receivedAt.toISOString(), follow_up: followUp } };
}

export const createObjectionHandler: RouteHandler<typeof createObjectionRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  c.header("Cache-Control", "no-store");
  await requireTurnstile(c, body.turnstile_token);

  // Honeypot: a form field people never see. Whoever fills it gets an ordinary-looking
  // answer with a receipt that leads nowhere (an unknown notice still a 404), and nothing is stored.
  if (body.website) {
    const notice = await getNotice(createDb(c.env.DB), id);
    if (!notice || notice.status === "draft") throw notFound("notice", id);
    const receipt = newReceipt();
    return c.json(receiptAnswer(receipt, clock(c), `/api/v1/objections/${receipt}`), 201);
  }
  // The one write path (writes/notices.ts): the demo generator receives its objections the same way.
  return executePublicWrite(c, (ctx) => receiveObjection(ctx, id, { text: body.text, item_no: body.item_no, contact: body.contact ?? null }), (result) => result);
};

export const getObjectionHandler: RouteHandler<typeof getObjectionRoute, AppEnv> = async (c) => {
  const { receipt } = c.req.valid("param");
  c.header("Cache-Control", "no-store");
  const hash = await receiptHash(receipt);
  const row = hash ? await getObjectionByReceiptHash(createDb(c.env.DB), hash) : undefined;
  if (!row) throw unknownReceipt("objection");
  return c.json(
    {
      data: {
        notice_id: row.noticeId,
        item_no: row.itemNo,
        status: row.status,
        received_at: row.receivedAt,
        answered_at: row.answeredAt,
        answer: row.answer,
      },
    },
    200,
  );
};

/** The one answer for a receipt that is unknown, mistyped or malformed: it reveals nothing. */
