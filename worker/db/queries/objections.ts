/**
 * SQL for objections (异议). An objection is written only if, at the moment of the write, the
 * notice is open and `now` is inside its period: the condition lives in the INSERT itself, so
 * an administrator closing the notice concurrently cannot let a late objection in.
 */
import { and, asc, count, eq, sql } from "drizzle-orm";
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
  /** Demo objections say so (the demo generator); public submissions never do. */
  isDemo?: boolean;
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
      isDemo: sql`${o.isDemo ? 1 : 0}`.as("is_demo"),
    })
    .from(sql`(SELECT 1)`)
    .where(openNow);
  return [
    db.insert(objections).select(row),
    db
      .update(notices)
      // The count is public: the notice changed (updated_since= lists it again).
      .set({ objectionsReceived: sql`${notices.objectionsReceived} + 1`, updatedAt: o.receivedAt })
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

export type ObjectionRow = typeof objections.$inferSelect;

/** Every objection to a notice, for administrators (text and contact included). */
export async function listObjectionsForNotice(db: Db, noticeId: string): Promise<ObjectionRow[]> {
  return db.select().from(objections).where(eq(objections.noticeId, noticeId)).orderBy(asc(objections.receivedAt), asc(objections.id));
}

export async function getObjection(db: Db, id: string): Promise<ObjectionRow | undefined> {
  return (await db.select().from(objections).where(eq(objections.id, id)).limit(1))[0];
}

export async function unansweredObjections(db: Db, noticeId: string): Promise<number> {
  const rows = await db
    .select({ n: count() })
    .from(objections)
    .where(and(eq(objections.noticeId, noticeId), eq(objections.status, "received")));
  return rows[0]?.n ?? 0;
}

/** received → upheld | not_upheld (conditional; follow with guardChanged), and the notice's count. */
export function answerObjectionStatements(db: Db, o: { id: string; noticeId: string; upheld: boolean; answer: string; at: string }) {
  return [
    db
      .update(objections)
      .set({ status: o.upheld ? "upheld" : "not_upheld", answer: o.answer, answeredAt: o.at })
      .where(and(eq(objections.id, o.id), eq(objections.status, "received"))),
    ...(o.upheld ? [db.update(notices).set({ objectionsUpheld: sql`${notices.objectionsUpheld} + 1`, updatedAt: o.at }).where(eq(notices.id, o.noticeId))] : []),
  ];
}
