/**
 * How a console form runs a write: the same write functions as the admin API (worker/writes/,
 * worker/auth/staff.ts), acting as the signed-in staff member, with the form's idempotency
 * key, the audit row naming the staff account, and the whole plan in one atomic batch.
 * A double-submitted form replays the first redirect and writes nothing; the same key with
 * other contents is refused (the form was already used).
 */
import { and, eq } from "drizzle-orm";
import { auditEntry } from "../admin/audit";
import { errorText, isWriteGuardAbort } from "../admin/guard";
import type { Db } from "../db/client";
import { idempotencyKeys } from "../db/schema";
import { refreshSearchIndex } from "../search";
import { retiredKeyRefusal } from "../ledger/keys";
import { WriteRefusal, type Actor, type WriteContext, type WritePlan } from "../writes/plan";

export const FORM_KEY_PATTERN = /^[A-Za-z0-9_.:-]{16,128}$/;

export type ConsoleOutcome<R> = { kind: "done"; result: R; location: string } | { kind: "replayed"; location: string };

export async function runConsoleWrite<R extends object>(
  db: Db,
  actor: Actor,
  now: Date,
  form: { key: string; hash: string },
  write: (ctx: WriteContext) => Promise<WritePlan<R>>,
  locate: (result: R) => string,
): Promise<ConsoleOutcome<R>> {
  if (!FORM_KEY_PATTERN.test(form.key)) throw new WriteRefusal("invalid", "form_key_missing", "This form is missing its key; reload the page and send it again.", [{ path: "body.idempotency_key", message: "missing" }]);
  const stored = await findStored(db, actor.id, form.key);
  if (stored) return replay(stored, form.hash);
  const plan = await write({ actor, now, db });
  const location = locate(plan.body);
  const record = db.insert(idempotencyKeys).values({ tokenId: actor.id, idempotencyKey: form.key, requestHash: form.hash, status: 303, responseBody: JSON.stringify({ location }), createdAt: now.toISOString() });
  try {
    await db.batch([record, ...plan.statements, ...(plan.audit ? [auditEntry(db, actor.id, plan.audit, now)] : [])]);
  } catch (error) {
    if (isWriteGuardAbort(error)) throw plan.conflict;
    const retired = retiredKeyRefusal(error);
    if (retired) throw retired;
    const raced = await findStored(db, actor.id, form.key);
    if (raced) return replay(raced, form.hash);
    const lost = plan.raced?.find((r) => errorText(error).includes(r.constraint));
    if (lost) throw lost.refusal;
    throw error;
  }
  await plan.afterCommit?.();
  await refreshSearchIndex(db);
  return { kind: "done", result: plan.body, location };
}

/**
 * Where a form already sent with this key and these contents went: a double submit whose first
 * copy moved the record on (so the second would look stale) still gets the first answer.
 */
export async function replayedLocation(db: Db, actorId: string, form: { key: string; hash: string }): Promise<string | undefined> {
  const stored = form.key ? await findStored(db, actorId, form.key) : undefined;
  return stored && stored.requestHash === form.hash ? (JSON.parse(stored.responseBody) as { location: string }).location : undefined;
}

async function findStored(db: Db, actorId: string, key: string) {
  return (await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.tokenId, actorId), eq(idempotencyKeys.idempotencyKey, key))).limit(1))[0];
}

function replay(stored: typeof idempotencyKeys.$inferSelect, hash: string): ConsoleOutcome<never> {
  if (stored.requestHash !== hash) throw new WriteRefusal("conflict", "form_reused", "This form was already sent with other contents. Reload the page to start a new one.", [{ path: "body.idempotency_key", message: "already used" }]);
  return { kind: "replayed", location: (JSON.parse(stored.responseBody) as { location: string }).location };
}
