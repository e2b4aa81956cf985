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
import { WriteRefusal, type Actor, type RefusalKind, type WriteContext, type WritePlan } from "../writes/plan";
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

/** `status` is what the route documents for success: 201 for a new record, 200 for a change. */
export async function executeWrite<Body extends object, Status extends 200 | 201>(c: Context<AppEnv>, status: Status, write: (ctx: WriteContext) => Promise<WritePlan<Body>>) {
  const actor = actorOf(c);
  const now = clock(c);
  try {
    return await idempotentWrite(c, async (db: Db) => {
      const plan = await write({ actor, now, db });
      return {
        status,
        body: plan.body,
        conflict: apiErrorOf(plan.conflict),
        raced: plan.raced?.map((r) => ({ constraint: r.constraint, error: apiErrorOf(r.refusal) })),
        statements: [...plan.statements, auditEntry(db, actor.id, plan.audit, now)],
      };
    });
  } catch (error) {
    throw error instanceof WriteRefusal ? apiErrorOf(error) : error;
  }
}
