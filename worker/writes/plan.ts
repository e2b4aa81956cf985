/**
 * The shape every administrative write shares. A write is a function of the acting
 * identity, its parsed input and a clock (plus the database it reads): it checks role,
 * region scope and the domain rules and returns the planned batch. It runs nothing and
 * knows nothing of HTTP: the admin API (worker/admin/execute.ts), the console and the demo
 * generator each run the plan their own way.
 */
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { isWithin } from "../domain/region-codes";
import { roleAtLeast, type Role } from "../domain/roles";

/**
 * Who acts. An API token today; a staff session (the console) next; the demo generator and
 * CLI loaders act as the system. Audit rows name `id`.
 */
export interface Actor {
  kind: "token" | "session" | "system" | "public";
  id: string;
  role: Role;
  /** The actor acts on this region and everything below it. */
  regionCode: string;
}

/** The whole country: the scope of the system actor. */
export const NATIONAL_SCOPE = "000000000000";

export const systemActor = (id: string): Actor => ({ kind: "system", id, role: "admin", regionCode: NATIONAL_SCOPE });

/**
 * A member of the public (a donor pledging to a need): no role, no scope, never named. The
 * writes it may make check nothing of roles; its audit rows say "public".
 */
export const PUBLIC_ACTOR: Actor = { kind: "public", id: "public", role: "viewer", regionCode: NATIONAL_SCOPE };

/** What every write is given besides its input. `now` comes from the request's clock. */
export interface WriteContext {
  actor: Actor;
  now: Date;
  db: Db;
}

/** What the audit row says; the executor writes it with the actor and clock. */
export interface AuditFacts {
  action: string;
  targetType: string;
  targetId?: string | null;
  regionCode?: string | null;
  /** Human-readable, and free of personal data (no names, ID numbers, contact details). */
  summary: string;
}

/** A write as planned: everything it changes, as statements for ONE atomic batch. */
export interface WritePlan<Body extends object = object> {
  /** The answer once the batch has run (`data` and whatever the route documents). */
  body: Body;
  /** Domain rows, ledger entries with their signed head, dataset-version bumps. */
  statements: BatchItem<"sqlite">[];
  /** The audit row; null when the write changes nothing (e.g. the same register file again). */
  audit: AuditFacts | null;
  /** The refusal when a guard in the batch finds the data changed since it was read. */
  conflict: WriteRefusal;
  /**
   * Failures that mean "someone else got there first" (a unique index or guard that two
   * racing writes both satisfied when they read), by a part of the database's message,
   * each with the refusal it becomes.
   */
  raced?: { constraint: string; refusal: WriteRefusal }[];
  /** Housekeeping once the batch has committed (e.g. deleting a superseded release's rows). */
  afterCommit?: () => Promise<unknown>;
}

export type RefusalKind = "invalid" | "forbidden" | "not_found" | "conflict" | "unprocessable" | "unavailable";

export interface RefusalDetail {
  path: string;
  message: string;
}

/**
 * A write refused by a rule. Carries a kind, never an HTTP status: the edge maps kinds to
 * statuses (lib/errors.ts), the console to its own messages.
 */
export class WriteRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly details: RefusalDetail[] = [],
  ) {
    super(message);
    this.name = "WriteRefusal";
  }
}

/** A field-level problem with the input (the same wording as zod's at the edge). */
export function invalid(details: RefusalDetail[]): WriteRefusal {
  return new WriteRefusal("invalid", "invalid_request", `Invalid body: ${details[0]!.path} — ${details[0]!.message}`, details);
}

export function unknownRecord(what: string, id: string, path = "path"): WriteRefusal {
  return new WriteRefusal("not_found", "not_found", `${what} ${JSON.stringify(id)} does not exist.`, [{ path, message: `unknown ${what}` }]);
}

/** Refuses an actor whose role is weaker than `minimum`. */
export function requireRole(actor: Actor, minimum: Role): void {
  if (!roleAtLeast(actor.role, minimum)) {
    throw new WriteRefusal("forbidden", "forbidden_role", `This action needs the ${minimum} role; the ${actor.kind} has ${actor.role}.`, [
      { path: "header.authorization", message: `role ${actor.role} is below ${minimum}` },
    ]);
  }
}

/** Refuses a target region outside the actor's scope (its region and everything below). */
export function requireScope(actor: Actor, regionCode: string, path: string): void {
  if (actor.regionCode !== NATIONAL_SCOPE && !isWithin(regionCode, actor.regionCode)) {
    throw new WriteRefusal("forbidden", "out_of_scope", `Region ${regionCode} is outside this ${actor.kind}'s scope (${actor.regionCode} and below).`, [
      { path, message: `outside the ${actor.kind}'s region scope` },
    ]);
  }
}
