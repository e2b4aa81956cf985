/**
 * SQL for objections (异议). An objection is written only if, at the moment of the write, the
 * notice is open and `now` is inside its period: the condition lives in the INSERT itself, so
 * an administrator closing the notice concurrently cannot let a late objection in.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { notices, objections } from "../schema";
import { bumpDatasetVersion } from "./dataset-versions";

export interface NewObjection {
  id: string;
  noticeId: string;
  itemNo: number | null;
  text: string;
  contact: string | null;
  receiptHash: string;
  receivedAt: string;
}

/** Statements for one objection: insert it and count it on the notice, both only while open. */
export function insertObjectionStatements(db: Db, o: NewObjection) {
  const openNow = sql`EXISTS (SELECT 1 FROM notices n WHERE n.id = ${o.noticeId} AND n.status = 'open'
    AND n.opens_at <= ${o.receivedAt} AND n.closes_at > ${o.receivedAt})`;
  // INSERT … SELECT … WHERE: drizzle lists every column of the table in order, so the select does too.
  const row = db
    .select({
      id: sql`${o.id}`.as("id"),
      noticeId: sql`${o.noticeId}`.as("notice_id"),
      itemNo: sql`${o.itemNo}`.as("item_no"),
      text: sql`${o.text}`.as("text"),
      contact: sql`${o.contact}`.as("contact"),
      receiptHash: sql`${o.receiptHash}`.as("receipt_hash"),
      status: sql`'received'`.as("status"),
      answer: sql`NULL`.as("answer"),
      receivedAt: sql`${o.receivedAt}`.as("received_at"),
      answeredAt: sql`NULL`.as("answered_at"),
      isDemo: sql`0`.as("is_demo"),
    })
    .from(sql`(SELECT 1)`)
    .where(openNow);
  return [
    db.insert(objections).select(row),
    db
      .update(notices)
      .set({ objectionsReceived: sql`${notices.objectionsReceived} + 1` })
      .where(sql`${notices.id} = ${o.noticeId} AND ${openNow}`),
    bumpDatasetVersion(db, "notices"),
  ] as const;
}

export async function objectionExists(db: Db, id: string): Promise<boolean> {
  const rows = await db.select({ id: objections.id }).from(objections).where(eq(objections.id, id)).limit(1);
  return rows.length > 0;
}

export async function getObjectionByReceiptHash(db: Db, hash: string) {
  const rows = await db
    .select({
      noticeId: objections.noticeId,
      itemNo: objections.itemNo,
      status: objections.status,
      answer: objections.answer,
      receivedAt: objections.receivedAt,
      answeredAt: objections.answeredAt,
    })
    .from(objections)
    .where(eq(objections.receiptHash, hash))
    .limit(1);
  return rows[0];
}
