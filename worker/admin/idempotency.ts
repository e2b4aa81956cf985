import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Context } from "hono";
import { createDb, type Db } from "../db/client";
import { idempotencyKeys } from "../db/schema";
import { sha256Hex } from "../domain/secure-random";
import type { AppEnv } from "../lib/app-env";
import { ApiError } from "../lib/errors";
import { errorText, isWriteGuardAbort } from "./guard";
import { retiredKeyRefusal } from "../ledger/keys";
import { refreshSearchIndex } from "../search";

export interface PlannedWrite<Body extends object = object, Status extends 200 | 201 = 200 | 201> {
  status: Status;
  body: Body;
  /** Everything the write changes, audit entry included; run as ONE atomic batch. */
  statements: BatchItem<"sqlite">[];
  /** The answer when a `guardChanged` statement aborts the batch (default: a generic 409). */
  conflict?: ApiError;
  /**
   * Failures a racing write can trip after both passed their checks (a part of the database's
   * message, e.g. "UNIQUE constraint failed: notices.supersedes_id"), each with its 409: a
   * lost race, never a 500.
   */
  raced?: { constraint: string; error: ApiError }[];
}

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Runs an administrative write at most once per Idempotency-Key. The same key with the
 * same request replays the first response and writes nothing; the same key with another
 * request is a 422. The key's record is written in the same batch as the write itself, so
 * a crash can never leave one without the other.
 */
export async function idempotentWrite<Body extends object, Status extends 200 | 201>(c: Context<AppEnv>, plan: (db: Db) => Promise<PlannedWrite<Body, Status>>) {
  const key = c.req.header("Idempotency-Key");
  if (!key || !KEY_PATTERN.test(key)) {
    throw new ApiError(400, "idempotency_key_required", "Admin writes need an Idempotency-Key header (8–128 letters, digits, _ . : -), e.g. a UUID.", [
      { path: "header.idempotency-key", message: key ? "malformed" : "required" },
    ]);
  }
  const admin = c.get("admin");
  const db = createDb(c.env.DB);
  const url = new URL(c.req.url);
  const requestHash = await sha256Hex(`${c.req.method} ${url.pathname}?${url.searchParams.toString()}\n${await c.req.text()}`);

  const replay = await findStored(db, admin.tokenId, key);
  if (replay) return answerStored(c, replay, requestHash) as unknown as ReturnType<typeof answer>;

  const write = await plan(db);
  const record = db.insert(idempotencyKeys).values({
    tokenId: admin.tokenId,
    idempotencyKey: key,
    requestHash,
    status: write.status,
    responseBody: JSON.stringify(write.body),
    createdAt: new Date().toISOString(),
  });
  try {
    await db.batch([record, ...write.statements]);
  } catch (error) {
    if (isWriteGuardAbort(error)) throw write.conflict ?? new ApiError(409, "conflict", "The record changed meanwhile; reload and try again.");
    const retired = retiredKeyRefusal(error);
    if (retired) throw new ApiError(503, retired.code, retired.message);
    const lost = write.raced?.find((r) => errorText(error).includes(r.constraint));
    // A concurrent request with the same key won the race: answer as its retry would.
    const raced = await findStored(db, admin.tokenId, key);
    if (raced) return answerStored(c, raced, requestHash) as unknown as ReturnType<typeof answer>;
    if (lost) throw lost.error;
    throw error;
  }
  await refreshSearchIndex(db);
  const answer = () => c.json(write.body, write.status);
  return answer();
}

async function findStored(db: Db, tokenId: string, key: string) {
  const rows = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.idempotencyKey, key)))
    .limit(1);
  return rows[0];
}

function answerStored(c: Context<AppEnv>, stored: typeof idempotencyKeys.$inferSelect, requestHash: string): Response {
  if (stored.requestHash !== requestHash) {
    throw new ApiError(422, "idempotency_key_reused", "This Idempotency-Key was already used for a different request. Use a new key for a new write.", [
      { path: "header.idempotency-key", message: "already used with another request body" },
    ]);
  }
  c.header("Idempotent-Replayed", "true");
  return c.json(JSON.parse(stored.responseBody) as object, stored.status as 200 | 201);
}
