import type { RouteHandler } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { executePublicWrite } from "../../admin/execute";
import { createDb, type Db } from "../../db/client";
import { getEntriesByIndex, inclusionProofs } from "../../db/queries/ledger";
import { newReceipt, receiptHash } from "../../domain/receipts";
import { median } from "../../domain/report-workflow";
import type { AppEnv } from "../../lib/app-env";
import { clock } from "../../lib/clock";
import { edgeCached } from "../../lib/edge-cache";
import { notFound, unknownReceipt } from "../../lib/errors";
import { ledgerKey } from "../../lib/ledger-key";
import { respondList } from "../../lib/listing";
import { headJson, requireLatestHead } from "../../lib/tree-head";
import { requireTurnstile } from "../../lib/turnstile";
import { changedNeedsQuery, getNeed, listNeeds, needIdForReceipt, needStatistics, type NeedKey, type NeedRow } from "../../needs/queries";
import { MATCHED_STATUSES, NEED_CATEGORIES, NEED_STATUSES } from "../../needs/rules";
import { NeedSchema } from "../../schemas/needs";
import { pledgeToNeed } from "../../writes/needs";
import { requireRegionParam } from "../region-params";
import type { getNeedRoute, getPledgeRoute, listNeedsRoute, needStatsRoute, pledgeRoute } from "./needs.routes";
import { provenanceOf } from "../../schemas/provenance";
import { ChangeCursorSchema, changeMeta, updatedSince, type ChangeCursor } from "../../changes/updated-since";

export function needJson(row: NeedRow) {
  return {
    id: row.id,
    region: { code: row.regionCode, level: row.regionLevel as "village" | "township", name_zh: row.regionNameZh, name_en: row.regionNameEn },
    township: { code: row.townshipCode, name_zh: row.townshipNameZh, name_en: row.townshipNameEn },
    category: row.category,
    beneficiary: row.beneficiary,
    description: row.description,
    items: row.items,
    amount_fen: row.amountFen,
    deadline: row.deadline,
    posted_on: row.postedOn,
    status: row.status,
    closed_reason: row.closedReason,
    closed_on: row.closedOn,
    pledged_on: row.pledgedOn,
    donor_named: row.donorName !== null,
    donor_name: row.donorName,
    delivered_on: row.deliveredOn,
    delivered: row.delivered,
    delivered_fen: row.deliveredFen,
    donation_id: row.donationId,
    in_kind_record: row.inKindRecord,
    demo: row.isDemo,
    updated_at: row.updatedAt,
    provenance: provenanceOf("administrative", row.isDemo, "Posted by the village information administrator; pledges and deliveries are in the ledger"),
  };
}

const NeedKeySchema = z.tuple([z.number().int(), z.string()]);

export const listNeedsHandler: RouteHandler<typeof listNeedsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { region: query.region, status: query.status, category: query.category };
  const since = updatedSince(query);
  // dependsOn replaces the dataset in the ETag and the edge-cache key: it must name "needs" too,
  // or a pledge would leave the board's ETag (304) and its cached pages as they were.
  const base = { dataset: "needs", dependsOn: ["regions", "needs"], filename: "needs", toJson: needJson, schema: NeedSchema };
  if (since) {
    return respondList<NeedRow, ChangeCursor>(c, query, {
      ...base,
      keySchema: ChangeCursorSchema,
      keyOf: (row) => [row.updatedAt, row.id],
      page: (after, limit) => changedNeedsQuery(db, filters, since, after, limit),
      meta: { filters: { ...filters, updated_since: since }, order: "updated_at, id", ...changeMeta(since, clock(c)) },
    });
  }
  return respondList<NeedRow, NeedKey>(c, query, {
    ...base,
    keySchema: NeedKeySchema,
    keyOf: (row) => [row.rank, row.id],
    page: (after, limit) => listNeeds(db, filters, after, limit),
    meta: { filters, order: "open first, then pledged, delivered, expired, withdrawn; then id" },
  });
};

/** The need with its pledge's and delivery's ledger entries, each proven against the latest head. */
async function needDetail(db: Db, row: NeedRow) {
  const head = await requireLatestHead(db);
  const indexes = [row.pledgeLedgerIndex, row.deliveryLedgerIndex].filter((i): i is number => i !== null).sort((a, b) => a - b);
  const [entries, proofs] = await Promise.all([getEntriesByIndex(db, indexes), inclusionProofs(db, indexes, head.treeSize)]);
  const proofOf = new Map(proofs.map((p) => [p.leaf_index, p]));
  return {
    ...needJson(row),
    pledge_id: row.pledgeId,
    delivery_id: row.deliveryId,
    ledger: {
      tree_head: headJson(head),
      entries: entries
        .sort((a, b) => a.idx - b.idx)
        .map((e) => {
          const proof = proofOf.get(e.idx)!;
          return { index: e.idx, type: e.type, subject_id: e.subjectId, recorded_at: e.recordedAt, leaf: e.leaf, leaf_hash: proof.leaf_hash, audit_path: proof.audit_path };
        }),
      how_to_verify:
        "For each entry: SHA-256(0x00 || UTF-8 bytes of `leaf`) must equal `leaf_hash`; folding `audit_path` by RFC 9162 §2.1.3.2 must give `tree_head.root_hash`; and `tree_head.signature` must verify with Ed25519 over `tree_head.signed_message` using the key at /api/v1/ledger/key.",
    },
  };
}

export const getNeedHandler: RouteHandler<typeof getNeedRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const db = createDb(c.env.DB);
  const row = await getNeed(db, id);
  if (!row) throw notFound("need", id);
  return edgeCached(c, { datasets: ["needs", "ledger"], variant: "json" }, async () => c.json({ data: await needDetail(db, row) }, 200));
};

export const pledgeHandler: RouteHandler<typeof pledgeRoute, AppEnv> = async (c) => {
  const { id } = c.req.valid("param");
  const body = c.req.valid("json");
  c.header("Cache-Control", "no-store");
  await requireTurnstile(c, body.turnstile_token);
  const receipt = newReceipt();
  const now = clock(c);
  // Honeypot (as reports): an ordinary-looking answer, nothing stored.
  if (body.website) {
    return c.json({ data: { receipt, received_at: now.toISOString(), follow_up: `/api/v1/pledges/${receipt}`, need_id: id, pledge_id: "plg_0000000000000000", ledger_index: 0 } }, 201);
  }
  const hash = (await receiptHash(receipt))!;
  const key = await ledgerKey(c.env);
  return executePublicWrite(
    c,
    (ctx) => pledgeToNeed({ ...ctx, key }, id, { donor_name: body.donor_name ?? null, receipt_hash: hash }),
    (result) => {
      const data = (result as { data: { id: string; need_id: string; ledger_index: number } }).data;
      return { data: { receipt, received_at: now.toISOString(), follow_up: `/api/v1/pledges/${receipt}`, need_id: data.need_id, pledge_id: data.id, ledger_index: data.ledger_index } };
    },
  );
};

export const getPledgeHandler: RouteHandler<typeof getPledgeRoute, AppEnv> = async (c) => {
  const { receipt } = c.req.valid("param");
  // The receipt is a bearer secret in the URL: keep the answer out of every shared cache.
  c.header("Cache-Control", "no-store");
  const db = createDb(c.env.DB);
  const hash = await receiptHash(receipt);
  const found = hash ? await needIdForReceipt(db, hash) : undefined;
  const row = found ? await getNeed(db, found.needId) : undefined;
  if (!row) throw unknownReceipt("pledge");
  return c.json({ data: await needDetail(db, row) }, 200);
};

type FlowRow = { n: number; matched: number | null; delivered: number | null };
type Delivery = { category: string; township: string; month: string; days: number };
const flow = (r: FlowRow) => ({ posted: r.n, matched: Number(r.matched ?? 0), delivered: Number(r.delivered ?? 0) });

/** The median days to delivery of each group (category, township or month), null for a group with no delivery. */
function mediansBy(deliveries: readonly Delivery[], key: "category" | "township" | "month"): (group: string) => { median_days_to_delivery: number | null } {
  const days = new Map<string, number[]>();
  for (const d of deliveries) {
    const group = days.get(d[key]);
    if (group) group.push(d.days);
    else days.set(d[key], [d.days]);
  }
  return (group) => ({ median_days_to_delivery: median(days.get(group) ?? []) });
}

export const needStatsHandler: RouteHandler<typeof needStatsRoute, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  const db = createDb(c.env.DB);
  if (query.region) await requireRegionParam(db, "region", query.region);
  const filters = { region: query.region, category: query.category, year: query.year };
  return edgeCached(c, { datasets: ["regions", "needs"], variant: "json" }, async () => {
    const s = await needStatistics(db, filters);
    const byCategory = mediansBy(s.deliveries, "category");
    const byTownship = mediansBy(s.deliveries, "township");
    const byMonth = mediansBy(s.deliveries, "month");
    const byStatus = Object.fromEntries(NEED_STATUSES.map((k) => [k, 0])) as Record<(typeof NEED_STATUSES)[number], number>;
    for (const row of s.byStatus) byStatus[row.key] = row.n;
    const posted = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const matched = MATCHED_STATUSES.reduce((a, k) => a + byStatus[k], 0);
    return c.json(
      {
        data: {
          posted,
          matched,
          delivered: byStatus.delivered,
          by_status: byStatus,
          delivered_share: matched === 0 ? null : Math.round((byStatus.delivered / matched) * 1000) / 1000,
          median_days_to_delivery: median(s.deliveries.map((d) => d.days)),
          by_category: NEED_CATEGORIES.map((category) => ({ category, ...flow(s.byCategory.find((r) => r.key === category) ?? { n: 0, matched: 0, delivered: 0 }), ...byCategory(category) })),
          by_township: s.byTownship.map((r) => ({ code: r.key, name_zh: r.nameZh, name_en: r.nameEn, ...flow(r), ...byTownship(r.key) })),
          by_month: s.byMonth.map((r) => ({ month: r.key, ...flow(r), ...byMonth(r.key) })),
        },
        meta: { time_zone: "Asia/Shanghai" as const, filters },
      },
      200,
    );
  });
};
