/**
 * The edge of the write layer: runs a write (worker/writes/) for an admin request. The
 * handler parses; `executeWrite` gives the write the acting identity and the request's
 * clock, maps its refusals to the error shape, and runs the planned batch with its audit
 * row through the idempotent executor.
 */
import type { Context } from "hono";
import type { Db } from "../db/client";
import type { AppEnv } from "../lib/app-env";
import { clock } from "../lib/clock";
import { ApiError } from "../lib/errors";
import type { WriteRefusal, Actor, RefusalKind, WriteContext, WritePlan } from "../writes/plan";
import { PUBLIC_ACTOR } from "../writes/plan";
import { createDb } from "../db/client";
import { errorText, isWriteGuardAbort } from "./guard";
import { auditEntry } from "./audit";
import { idempotentWrite } from "./idempotency";

const STATUS: Record<RefusalKind, ApiError["status"]> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
};

/** A domain refusal in the project's error shape. */
export function apiErrorOf(refusal: WriteRefusal): ApiError {
  return new ApiError(STATUS[refusal.kind], refusal.code, refusal.message, refusal.details);
}

/** The identity an admin request acts as (an API token; a console session will be another kind). */
export function actorOf(c: Context<AppEnv>): Actor {
  const admin = c.get("admin");
  return { kind: "token", id: admin.tokenId, role: admin.role, regionCode: admin.regionCode };
}

/**
 * `status` is what the route documents for success (201 for a new record, 200 for a change);
 * `present` turns the write's result into the response body (the identity by default).
 */
export async function executeWrite<Result extends object, Status extends 200 | 201, Body extends object = Result>(
  c: Context<AppEnv>,
  status: Status | ((result: Result) => Status),
  write: (ctx: WriteContext) => Promise<WritePlan<Result>>,
  present: (result: Result, now: Date) => Body = (result) => result as unknown as Body,
) {
  const actor = actorOf(c);
  const now = clock(c);
  let afterCommit: WritePlan["afterCommit"];
  const response = await idempotentWrite(c, async (db: Db) => {
    const plan = await write({ actor, now, db });
    afterCommit = plan.afterCommit;
    return {
      status: typeof status === "function" ? status(plan.body) : status,
      body: present(plan.body, now),
      conflict: apiErrorOf(plan.conflict),
      raced: plan.raced?.map((r) => ({ constraint: r.constraint, error: apiErrorOf(r.refusal) })),
      statements: [...plan.statements, ...(plan.audit ? [auditEntry(db, actor.id, plan.audit, now)] : [])],
    };
  });
  await afterCommit?.();
  return response;
}

/**
 * A public write (a donor's pledge): the same plan, audit row and single atomic batch as an
 * admin write, acting as PUBLIC_ACTOR, without an Idempotency-Key (a form posted without
 * JavaScript cannot send one). Such writes must be idempotent by their own guard: a pledge
 * moves its need from open to pledged, so a second submission is a 409 and writes nothing.
 */
export async function executePublicWrite<Result extends object, Body extends object>(
  c: Context<AppEnv>,
  write: (ctx: WriteContext) => Promise<WritePlan<Result>>,
  present: (result: Result) => Body,
) {
  const db = createDb(c.env.DB);
  const now = clock(c);
  const plan = await write({ actor: PUBLIC_ACTOR, now, db });
  const statements = [...plan.statements, ...(plan.audit ? [auditEntry(db, PUBLIC_ACTOR.id, plan.audit, now)] : [])];
  try {
    await db.batch([statements[0]!, ...statements.slice(1)]);
  } catch (error) {
    if (isWriteGuardAbort(error)) throw apiErrorOf(plan.conflict);
    const lost = plan.raced?.find((r) => errorText(error).includes(r.constraint));
    if (lost) throw apiErrorOf(lost.refusal);
    throw error;
  }
  await plan.afterCommit?.();
  return c.json(present(plan.body), 201);
}
