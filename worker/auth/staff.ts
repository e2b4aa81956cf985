/**
 * Staff accounts as writes (the same WritePlan shape as every other administrative write, so
 * the console, the CLI and tests run them the same way): invite (a new account plus its
 * one-time link), invite again (a new link for an account that lost its passkey), revoke an
 * account, revoke one passkey. A revocation ends the account's (or the passkey's) sessions in
 * the same batch, so no request after it can act as them.
 */
import { and, count, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import { guardChanged } from "../admin/guard";
import { getRegion } from "../db/queries/regions";
import type { Db } from "../db/client";
import { ROLES, type Role } from "../domain/roles";
import { base64url, publicId, randomBytes, sha256Hex } from "../domain/secure-random";
import { descendantRange } from "../domain/region-codes";
import { invalid, NATIONAL_SCOPE, requireRole, requireScope, unknownRecord, WriteRefusal, type WriteContext, type WritePlan } from "../writes/plan";
import { credentialName } from "./credential-name";
import { staff, staffInvitations, staffPasskeys, staffSessions } from "./schema";

export type StaffRow = typeof staff.$inferSelect;

/** An invitation link is good for 72 hours and one use. */
export const INVITATION_HOURS = 72;
const INVITATION_PREFIX = "inv_";

export interface StaffInput {
  name: string;
  role: Role;
  region: string;
}

export interface InvitationResult {
  staff: StaffRow;
  invitation: { id: string; expires_at: string };
  /** The link's secret: shown once to whoever invited, never stored (only its SHA-256 is). */
  token: string;
}

export function invitationPath(token: string, lang: "zh-cn" | "en" = "zh-cn"): string {
  return `${lang === "en" ? "/en" : ""}/admin/invitations/${token}`;
}

export const INVITATION_TOKEN = /^inv_[A-Za-z0-9_-]{43}$/;

async function newInvitation(ctx: WriteContext, staffId: string) {
  const token = INVITATION_PREFIX + base64url(randomBytes(32));
  const id = publicId("ivt");
  const expiresAt = new Date(ctx.now.getTime() + INVITATION_HOURS * 3600_000).toISOString();
  const statement = ctx.db.insert(staffInvitations).values({
    id,
    staffId,
    tokenHash: await sha256Hex(token),
    createdAt: ctx.now.toISOString(),
    expiresAt,
    createdBy: ctx.actor.id,
  });
  return { token, id, expiresAt, statement };
}

function checkInput(input: StaffInput) {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw invalid([{ path: "body.name", message: "needs 1 to 100 characters" }]);
  if (!ROLES.includes(input.role)) throw invalid([{ path: "body.role", message: `must be one of ${ROLES.join(", ")}` }]);
  if (!/^\d{12}$/.test(input.region)) throw invalid([{ path: "body.region", message: "must be a 12-digit region code" }]);
  return name;
}

/** A new staff account and its first invitation. Only an administrator, within their scope. */
export async function inviteStaff(ctx: WriteContext, input: StaffInput): Promise<WritePlan<InvitationResult>> {
  requireRole(ctx.actor, "admin");
  const name = checkInput(input);
  requireScope(ctx.actor, input.region, "body.region");
  if (!(await getRegion(ctx.db, input.region))) throw invalid([{ path: "body.region", message: "unknown region code" }]);
  const id = publicId("stf");
  const record: StaffRow = { id, name, role: input.role, regionCode: input.region, createdAt: ctx.now.toISOString(), createdBy: ctx.actor.id, revokedAt: null, accessEmail: null };
  const invitation = await newInvitation(ctx, id);
  return {
    body: { staff: record, invitation: { id: invitation.id, expires_at: invitation.expiresAt }, token: invitation.token },
    statements: [ctx.db.insert(staff).values(record), invitation.statement],
    audit: { action: "staff.invite", targetType: "staff", targetId: id, regionCode: input.region, summary: `Invited ${input.role} ${id} for ${input.region} (link valid ${INVITATION_HOURS} h)` },
    conflict: new WriteRefusal("conflict", "staff_changed", "The account changed meanwhile; reload."),
  };
}

/**
 * Maps a Cloudflare Access e-mail to an account (or removes the mapping with null): with Access
 * configured, that identity then starts the account's sessions without its passkey
 * (worker/auth/access.ts). Lower-cased; one account per address (a unique index).
 */
export async function setAccessEmail(ctx: WriteContext, id: string, email: string | null): Promise<WritePlan<{ staff: string }>> {
  const row = await staffInScope(ctx, id);
  if (row.revokedAt) throw new WriteRefusal("conflict", "staff_revoked", `Staff ${id} is revoked; invite a new account instead.`, [{ path: "param.id", message: "revoked" }]);
  const address = email === null ? null : email.trim().toLowerCase();
  if (address !== null && !/^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/.test(address)) throw invalid([{ path: "body.access_email", message: "must be an e-mail address" }]);
  return {
    body: { staff: id },
    statements: [ctx.db.update(staff).set({ accessEmail: address }).where(eq(staff.id, id))],
    audit: { action: "staff.access_email", targetType: "staff", targetId: id, regionCode: row.regionCode, summary: address === null ? `Removed the Cloudflare Access identity of ${id}` : `Mapped a Cloudflare Access identity to ${id}` },
    conflict: new WriteRefusal("conflict", "staff_changed", "The account changed meanwhile; reload."),
    raced: [{ constraint: "staff.access_email", refusal: new WriteRefusal("conflict", "access_email_taken", "Another account already has this e-mail address.", [{ path: "body.access_email", message: "belongs to another account" }]) }],
  };
}

export async function getStaff(db: Db, id: string): Promise<StaffRow | undefined> {
  return (await db.select().from(staff).where(eq(staff.id, id)).limit(1))[0];
}

async function staffInScope(ctx: WriteContext, id: string): Promise<StaffRow> {
  requireRole(ctx.actor, "admin");
  const row = await getStaff(ctx.db, id);
  if (!row) throw unknownRecord("staff", id, "param.id");
  requireScope(ctx.actor, row.regionCode, "param.id");
  return row;
}

/** A fresh link for an account that is still active (a lost phone, an expired link). */
export async function reinviteStaff(ctx: WriteContext, id: string): Promise<WritePlan<InvitationResult>> {
  const row = await staffInScope(ctx, id);
  if (row.revokedAt) throw new WriteRefusal("conflict", "staff_revoked", `Staff ${id} is revoked; invite a new account instead.`, [{ path: "param.id", message: "revoked" }]);
  const invitation = await newInvitation(ctx, id);
  return {
    body: { staff: row, invitation: { id: invitation.id, expires_at: invitation.expiresAt }, token: invitation.token },
    statements: [invitation.statement],
    audit: { action: "staff.reinvite", targetType: "staff", targetId: id, regionCode: row.regionCode, summary: `New invitation for ${id} (link valid ${INVITATION_HOURS} h)` },
    conflict: new WriteRefusal("conflict", "staff_changed", "The account changed meanwhile; reload."),
  };
}

/**
 * The sessions a revocation ends (not ended and not past their 12 h), for its audit row: the
 * log says how many sessions were cut off. Counted as the write is planned; a session that
 * starts between this read and the batch ends too, uncounted.
 */
async function openSessions(ctx: WriteContext, whose: SQL) {
  const row = (await ctx.db.select({ n: count() }).from(staffSessions).where(and(whose, isNull(staffSessions.endedAt), gt(staffSessions.expiresAt, ctx.now.toISOString()))))[0];
  return row?.n ?? 0;
}

/** Revokes an account: its sessions end and its open invitations die in the same batch. */
export async function revokeStaff(ctx: WriteContext, id: string): Promise<WritePlan<{ staff: StaffRow }>> {
  const row = await staffInScope(ctx, id);
  if (ctx.actor.kind === "session" && ctx.actor.id === id) throw new WriteRefusal("conflict", "cannot_revoke_self", "You cannot revoke your own account; ask another administrator.", [{ path: "param.id", message: "your own account" }]);
  if (row.revokedAt) throw new WriteRefusal("conflict", "already_revoked", `Staff ${id} is already revoked.`, [{ path: "param.id", message: "already revoked" }]);
  const at = ctx.now.toISOString();
  return {
    body: { staff: { ...row, revokedAt: at } },
    statements: [
      ctx.db.update(staff).set({ revokedAt: at }).where(and(eq(staff.id, id), isNull(staff.revokedAt))),
      guardChanged(ctx.db),
      ctx.db.update(staffSessions).set({ endedAt: at, endReason: "staff_revoked" }).where(and(eq(staffSessions.staffId, id), isNull(staffSessions.endedAt))),
      ctx.db.update(staffInvitations).set({ usedAt: at }).where(and(eq(staffInvitations.staffId, id), isNull(staffInvitations.usedAt))),
    ],
    audit: { action: "staff.revoke", targetType: "staff", targetId: id, regionCode: row.regionCode, summary: `Revoked staff ${id}; ${await openSessions(ctx, eq(staffSessions.staffId, id))} open session(s) ended` },
    conflict: new WriteRefusal("conflict", "already_revoked", `Staff ${id} was revoked meanwhile.`, [{ path: "param.id", message: "already revoked" }]),
  };
}

/** Revokes one passkey of an account; the sessions signed in with it end at once. */
export async function revokePasskey(ctx: WriteContext, staffId: string, passkeyId: string): Promise<WritePlan<{ passkey: string }>> {
  const row = await staffInScope(ctx, staffId);
  const key = (await ctx.db.select().from(staffPasskeys).where(and(eq(staffPasskeys.id, passkeyId), eq(staffPasskeys.staffId, staffId))).limit(1))[0];
  if (!key) throw unknownRecord("passkey", passkeyId, "param.passkey");
  if (key.revokedAt) throw new WriteRefusal("conflict", "already_revoked", "This passkey is already revoked.", [{ path: "param.passkey", message: "already revoked" }]);
  const at = ctx.now.toISOString();
  return {
    body: { passkey: passkeyId },
    statements: [
      ctx.db.update(staffPasskeys).set({ revokedAt: at }).where(and(eq(staffPasskeys.id, passkeyId), isNull(staffPasskeys.revokedAt))),
      guardChanged(ctx.db),
      ctx.db.update(staffSessions).set({ endedAt: at, endReason: "passkey_revoked" }).where(and(eq(staffSessions.passkeyId, passkeyId), isNull(staffSessions.endedAt))),
    ],
    audit: { action: "passkey.revoke", targetType: "staff", targetId: staffId, regionCode: row.regionCode, summary: `Revoked ${credentialName(key)} of ${staffId}; ${await openSessions(ctx, eq(staffSessions.passkeyId, passkeyId))} open session(s) ended` },
    conflict: new WriteRefusal("conflict", "already_revoked", "This passkey was revoked meanwhile.", [{ path: "param.passkey", message: "already revoked" }]),
  };
}

