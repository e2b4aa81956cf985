import { bumpDatasetVersion } from "../../worker/db/queries/dataset-versions";
import { insertNoticeStatements, type NoticeRecord } from "../../worker/db/queries/notices";
import type { ItemDecision, NoticeStatus, NoticeType } from "../../worker/domain/notice-lifecycle";
import { DECISION_FOR_TYPE } from "../../worker/domain/notice-lifecycle";
import { publicationFields } from "../../worker/domain/notice-publication";
import { randomId, receiptHash } from "../../worker/domain/receipts";
import { reportEventInsert, reportIdByReceiptHash, reportStatusUpdate } from "../../worker/db/queries/reports";
import type { ReportStatus } from "../../worker/domain/report-workflow";
import { db } from "./api";
import { env } from "cloudflare:workers";
import { prepareAppend } from "../../worker/db/queries/ledger";
import { importSigningKey } from "../../worker/domain/ledger";
import { noticeOpenedEntry, type NoticeLedgerFacts } from "../../worker/ledger/entries";

export const NANLING_VILLAGE = "340223101201";

export interface NoticeFactoryOptions {
  type?: NoticeType;
  regionCode?: string;
  status?: NoticeStatus;
  period?: { start: string; end: string };
  publishedAt?: string;
  items?: number;
  titleZh?: string;
  bodyZh?: string;
  supersedesId?: string | null;
  supersededById?: string | null;
  objectionsReceived?: number;
  objectionsUpheld?: number;
}

/** Inserts a published (or draft) notice the way the administration's "open" would. */
export async function createNotice(options: NoticeFactoryOptions = {}): Promise<string> {
  const d = db();
  const id = randomId("ntc");
  const type = options.type ?? "household_identification";
  const decision: ItemDecision = DECISION_FOR_TYPE[type] ?? "identified";
  const items = Array.from({ length: options.items ?? 3 }, (_, i) => ({
    noticeId: id,
    itemNo: i + 1,
    maskedName: ["张*", "李**", "欧阳*"][i % 3]!,
    villageGroup: `${(i % 5) + 1}组`,
    householdSize: (i % 6) + 1,
    decision,
  }));
  const content = {
    id,
    type,
    regionCode: options.regionCode ?? NANLING_VILLAGE,
    titleZh: options.titleZh ?? "2026年贫困户识别公示",
    titleEn: null,
    bodyZh: options.bodyZh ?? "经村民代表大会评议，现将拟识别贫困户名单公示如下。",
    bodyEn: null,
    issuer: "测试村村民委员会",
    supersedesId: options.supersedesId ?? null,
  };
  const status = options.status ?? "open";
  const now = new Date().toISOString();
  let record: NoticeRecord = { ...content, status, createdAt: now, updatedAt: now };
  if (status !== "draft") {
    const period = options.period ?? { start: "2026-11-20", end: "2026-11-26" };
    const publishedAt = new Date(options.publishedAt ?? "2026-11-19T08:00:00Z");
    record = { ...record, ...(await publicationFields(content, items, publishedAt, period)) };
    if (status === "closed" || status === "announced") record.closedAt = "2026-11-26T16:00:00.000Z";
    if (status === "announced") record.announcedAt = "2026-11-28T02:00:00.000Z";
    if (status === "superseded") {
      record.supersededAt = "2026-11-22T02:00:00.000Z";
      record.supersededById = options.supersededById ?? null;
    }
  }
  record.objectionsReceived = options.objectionsReceived ?? 0;
  record.objectionsUpheld = options.objectionsUpheld ?? 0;
  // Its opening goes into the ledger as the write function's would (the other moments are
  // not simulated here: such a notice is for reading tests, not for ledger:verify).
  const ledger = status === "draft" ? [] : await openingEntry(record);
  const [first, ...rest] = [...ledger, ...insertNoticeStatements(d, record, items), bumpDatasetVersion(d, "notices")];
  await d.batch([first!, ...rest]);
  return id;
}

async function openingEntry(record: NoticeRecord) {
  const append = await prepareAppend(db(), await importSigningKey(env.LEDGER_SIGNING_KEY), [noticeOpenedEntry(record as NoticeLedgerFacts)]);
  record.ledgerIndex = append.entries[0]!.index;
  return append.statements;
}

/** Row counts, to prove that refused requests write nothing. */
export { countRows } from "./admin";

let clientCounter = 0;
/** Headers for a public POST: JSON, a frozen clock, and a distinct client address per call (rate limiter key). */
export function postHeaders(now?: string, client?: string): Record<string, string> {
  clientCounter += 1;
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "CF-Connecting-IP": client ?? `198.51.100.${clientCounter % 250}-${Math.random().toString(36).slice(2, 8)}`,
  };
  if (now) headers["x-test-now"] = now;
  return headers;
}

/** Moves a report (found by its receipt) one step, as an administrator would, at a given time. */
export async function advanceReport(receipt: string, from: ReportStatus, to: ReportStatus, at: string, publicText: string | null = null, internalNote: string | null = null): Promise<void> {
  const d = db();
  const id = await reportIdByReceiptHash(d, (await receiptHash(receipt))!);
  if (!id) throw new Error("no report for that receipt");
  const t = { reportId: id, from, to, at: new Date(at).toISOString(), publicText, internalNote, tokenId: null };
  await d.batch([reportStatusUpdate(d, t), reportEventInsert(d, t), bumpDatasetVersion(d, "reports")]);
}
