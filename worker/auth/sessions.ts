/**
 * Console sessions. The browser holds 256 random bits in a `__Host-` cookie (HttpOnly, Secure,
 * SameSite=Strict, Path=/); D1 holds only their SHA-256, so a leaked database cannot be
 * replayed as a cookie. A session lives 12 h at most and ends after 30 min without a request;
 * it also ends at once when its account or passkey is revoked (worker/auth/staff.ts) or on
 * sign-out. Every console request reads it afresh: there is no cache that could outlive a
 * revocation.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Role } from "../domain/roles";
import { base64url, randomBytes, sha256Hex } from "../domain/secure-random";
import { auditEntry } from "../admin/audit";
import { guardChanged, isWriteGuardAbort } from "../admin/guard";
import { credentialName } from "./credential-name";
import { staff, staffPasskeys, staffSessions } from "./schema";

export const SESSION_COOKIE = "__Host-gk_session";
export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 12;
/** last_seen_at is written at most once a minute, so reading a page is not a write each time. */
const TOUCH_AFTER_MS = 60_000;

export interface StaffSession {
  idHash: string;
  staffId: string;
  name: string;
  role: Role;
  regionCode: string;
  /** Null for a session Cloudflare Access started (worker/auth/access.ts). */
  passkeyId: string | null;
  csrfToken: string;
  expiresAt: string;
}

export type SessionProblem = "none" | "unknown" | "ended" | "expired" | "idle";

/** A new session's cookie value and the statement that stores it (run it in the sign-in batch). */
export async function newSession(db: Db, input: { staffId: string; passkeyId: string | null; now: Date }) {
  const secret = base64url(randomBytes(32));
  const csrfToken = base64url(randomBytes(32));
  const at = input.now.toISOString();
  const statement = db.insert(staffSessions).values({
    idHash: await sha256Hex(secret),
    staffId: input.staffId,
    method: input.passkeyId === null ? "access" : "passkey",
    passkeyId: input.passkeyId,
    csrfToken,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(input.now.getTime() + ABSOLUTE_HOURS * 3600_000).toISOString(),
  });
  return { secret, statement };
}

export function sessionCookie(secret: string): string {
  // No Max-Age: the cookie goes when the browser closes; the server's expiry is what counts.
  return `${SESSION_COOKIE}=${secret}; Path=/; HttpOnly; Secure; SameSite=Strict`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`;
}

export function sessionSecretOf(request: Request): string | undefined {
  const cookie = request.headers.get("Cookie") ?? "";
  for (const part of cookie.split(/;\s*/)) {
    if (part.startsWith(`${SESSION_COOKIE}=`)) {
      const value = part.slice(SESSION_COOKIE.length + 1);
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * The live session behind a cookie, or why there is none. Checks, in one read: the session
 * has not ended, its absolute and idle expiry, the account and the passkey are not revoked.
 */
export async function readSession(db: Db, secret: string | undefined, now: Date): Promise<{ session: StaffSession } | { problem: SessionProblem }> {
  if (!secret) return { problem: "none" };
  const idHash = await sha256Hex(secret);
  const row = (
    await db
      .select({
        idHash: staffSessions.idHash,
        staffId: staffSessions.staffId,
        passkeyId: staffSessions.passkeyId,
        csrfToken: staffSessions.csrfToken,
        lastSeenAt: staffSessions.lastSeenAt,
        expiresAt: staffSessions.expiresAt,
        endedAt: staffSessions.endedAt,
        name: staff.name,
        role: staff.role,
        regionCode: staff.regionCode,
        staffRevokedAt: staff.revokedAt,
        passkeyRevokedAt: staffPasskeys.revokedAt,
      })
      .from(staffSessions)
      .innerJoin(staff, eq(staff.id, staffSessions.staffId))
      // A left join: a session Cloudflare Access started has no passkey.
      .leftJoin(staffPasskeys, eq(staffPasskeys.id, staffSessions.passkeyId))
      .where(eq(staffSessions.idHash, idHash))
      .limit(1)
  )[0];
  if (!row) return { problem: "unknown" };
  if (row.endedAt || row.staffRevokedAt || row.passkeyRevokedAt) return { problem: "ended" };
  if (now.toISOString() >= row.expiresAt) return { problem: "expired" };
  const idleFor = now.getTime() - new Date(row.lastSeenAt).getTime();
  if (idleFor >= IDLE_MINUTES * 60_000) return { problem: "idle" };
  if (idleFor >= TOUCH_AFTER_MS) {
    await db.update(staffSessions).set({ lastSeenAt: now.toISOString() }).where(and(eq(staffSessions.idHash, idHash), isNull(staffSessions.endedAt)));
  }
  const { idHash: h, staffId, passkeyId, csrfToken, expiresAt, name, role, regionCode } = row;
  return { session: { idHash: h, staffId, passkeyId, csrfToken, expiresAt, name, role, regionCode } };
}

/**
 * Signs out: the session ends and the audit log says who signed out of which session
 * (`session.sign_out`), in one batch. A session ended meanwhile (a second tab's sign-out, a
 * revocation) changes nothing and logs nothing: the guard drops the batch.
 */
export async function endSession(db: Db, session: Pick<StaffSession, "idHash" | "staffId" | "regionCode" | "passkeyId">, now: Date): Promise<void> {
  const how = session.passkeyId === null ? "a Cloudflare Access session" : `the session of ${credentialName({ id: session.passkeyId })}`;
  try {
    await db.batch([
      db.update(staffSessions).set({ endedAt: now.toISOString(), endReason: "signed_out" }).where(and(eq(staffSessions.idHash, session.idHash), isNull(staffSessions.endedAt))),
      guardChanged(db),
      auditEntry(db, session.staffId, { action: "session.sign_out", targetType: "staff", targetId: session.staffId, regionCode: session.regionCode, summary: `Signed out of ${how}` }, now),
    ]);
  } catch (error) {
    if (!isWriteGuardAbort(error)) throw error;
  }
}

/** Constant-time comparison of two tokens (the CSRF token from a form with the session's). */
export function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
