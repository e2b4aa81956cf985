/**
 * Passkey ceremonies (WebAuthn) with @simplewebauthn/server, which runs on WebCrypto and so
 * inside workerd (tests/api/console-passkeys.test.ts proves it with a software authenticator).
 *
 * Challenges are random, stored by their SHA-256 for five minutes and used once: the browser
 * signs the challenge inside clientDataJSON, so the server finds the stored row from the
 * response itself and needs no cookie before sign-in. The relying party is the request's own
 * origin (the console is served by the same Worker as the site).
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { guardChanged } from "../admin/guard";
import { auditEntry } from "../admin/audit";
import type { Db } from "../db/client";
import { base64url, sha256Hex } from "../domain/secure-random";
import { staff, staffInvitations, staffPasskeys, webauthnChallenges } from "./schema";
import { newSession } from "./sessions";
import { credentialName } from "./credential-name";
import { getStaff, type StaffRow } from "./staff";

const CHALLENGE_MINUTES = 5;
const RP_NAME = "Gongkai 公开";

export interface RelyingParty {
  /** The origin the browser must report (scheme, host, port). */
  origin: string;
  /** The host name passkeys are bound to. */
  id: string;
}

export function relyingPartyOf(request: Request): RelyingParty {
  const url = new URL(request.url);
  return { origin: url.origin, id: url.hostname };
}

/** Why a ceremony was refused; the console shows each in the reader's language. */
export class CeremonyRefusal extends Error {
  constructor(readonly reason: "invitation_unknown" | "invitation_used" | "invitation_expired" | "challenge" | "verification" | "passkey_unknown" | "account_revoked") {
    super(reason);
    this.name = "CeremonyRefusal";
  }
}

/** An invitation that may still be used, by the secret in its link. */
export async function usableInvitation(db: Db, token: string, now: Date) {
  const row = (
    await db
      .select({ id: staffInvitations.id, expiresAt: staffInvitations.expiresAt, usedAt: staffInvitations.usedAt, staffId: staff.id, name: staff.name, role: staff.role, regionCode: staff.regionCode, revokedAt: staff.revokedAt })
      .from(staffInvitations)
      .innerJoin(staff, eq(staff.id, staffInvitations.staffId))
      .where(eq(staffInvitations.tokenHash, await sha256Hex(token)))
      .limit(1)
  )[0];
  if (!row) throw new CeremonyRefusal("invitation_unknown");
  if (row.revokedAt) throw new CeremonyRefusal("account_revoked");
  if (row.usedAt) throw new CeremonyRefusal("invitation_used");
  if (now.toISOString() >= row.expiresAt) throw new CeremonyRefusal("invitation_expired");
  return row;
}

async function storeChallenge(db: Db, challenge: string, purpose: "register" | "authenticate", now: Date, invitationId: string | null = null) {
  // Anyone may ask for a sign-in challenge: expired ones go as new ones come (expires_at is
  // indexed), so the table holds about five minutes' worth however often it is asked.
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now.toISOString()));
  await db.insert(webauthnChallenges).values({
    challengeHash: await sha256Hex(challenge),
    purpose,
    invitationId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString(),
  });
}

/** The challenge the browser signed (from clientDataJSON), if it is ours, unused and fresh. */
async function challengeOf(db: Db, clientDataJSON: string, purpose: "register" | "authenticate", now: Date, invitationId: string | null) {
  let challenge: unknown;
  try {
    challenge = (JSON.parse(atob(clientDataJSON.replaceAll("-", "+").replaceAll("_", "/"))) as { challenge?: unknown }).challenge;
  } catch {
    throw new CeremonyRefusal("challenge");
  }
  if (typeof challenge !== "string" || challenge.length > 200) throw new CeremonyRefusal("challenge");
  const hash = await sha256Hex(challenge);
  const row = (
    await db
      .select()
      .from(webauthnChallenges)
      .where(and(eq(webauthnChallenges.challengeHash, hash), eq(webauthnChallenges.purpose, purpose), isNull(webauthnChallenges.usedAt), gt(webauthnChallenges.expiresAt, now.toISOString())))
      .limit(1)
  )[0];
  if (!row || row.invitationId !== invitationId) throw new CeremonyRefusal("challenge");
  return { challenge, hash };
}

/** Marks a challenge used; the guard after it makes a replayed response lose its whole batch. */
function useChallenge(db: Db, hash: string, now: Date) {
  return [db.update(webauthnChallenges).set({ usedAt: now.toISOString() }).where(and(eq(webauthnChallenges.challengeHash, hash), isNull(webauthnChallenges.usedAt))), guardChanged(db)] as const;
}

export async function registrationOptions(db: Db, rp: RelyingParty, token: string, now: Date): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const invitation = await usableInvitation(db, token, now);
  const existing = await db.select({ id: staffPasskeys.id }).from(staffPasskeys).where(eq(staffPasskeys.staffId, invitation.staffId));
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: invitation.staffId,
    userDisplayName: invitation.name,
    userID: new Uint8Array(new TextEncoder().encode(invitation.staffId)),
    attestationType: "none",
    excludeCredentials: existing.map((k) => ({ id: k.id })),
    // A discoverable credential, so signing in needs no user name typed on a phone.
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  await storeChallenge(db, options.challenge, "register", now, invitation.id);
  return options;
}

/**
 * Finishes an invitation: verifies the new passkey, stores it, uses up the invitation and the
 * challenge and starts a session, all in one batch (a replayed or raced response loses).
 */
export async function completeRegistration(db: Db, rp: RelyingParty, token: string, response: RegistrationResponseJSON, now: Date, label = "") {
  const invitation = await usableInvitation(db, token, now);
  const { challenge, hash } = await challengeOf(db, response.response.clientDataJSON, "register", now, invitation.id);
  let verified;
  try {
    verified = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: true });
  } catch {
    throw new CeremonyRefusal("verification");
  }
  if (!verified.verified || !verified.registrationInfo) throw new CeremonyRefusal("verification");
  const { credential } = verified.registrationInfo;
  const at = now.toISOString();
  const session = await newSession(db, { staffId: invitation.staffId, passkeyId: credential.id, now });
  await db.batch([
    ...useChallenge(db, hash, now),
    db.update(staffInvitations).set({ usedAt: at }).where(and(eq(staffInvitations.id, invitation.id), isNull(staffInvitations.usedAt))),
    guardChanged(db),
    db.insert(staffPasskeys).values({
      id: credential.id,
      staffId: invitation.staffId,
      publicKey: base64url(new Uint8Array(credential.publicKey)),
      counter: credential.counter,
      transports: (credential.transports ?? []).join(","),
      label: label.slice(0, 100),
      createdAt: at,
      lastUsedAt: at,
    }),
    session.statement,
    auditEntry(db, invitation.staffId, { action: "passkey.register", targetType: "staff", targetId: invitation.staffId, regionCode: invitation.regionCode, summary: `Registered a passkey with invitation ${invitation.id}` }, now),
  ]);
  return { secret: session.secret, staffId: invitation.staffId };
}

export async function authenticationOptions(db: Db, rp: RelyingParty, now: Date): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: "required" });
  await storeChallenge(db, options.challenge, "authenticate", now);
  return options;
}

function base64urlBytes(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Who an unknown credential's failed sign-in is logged as, and under which region (national). */
export const UNKNOWN_SIGN_IN_ACTOR = "anonymous";
const NATIONAL_REGION = "000000000000";

/**
 * Signs in: the passkey must exist, be unrevoked and belong to an active account. The sign-in
 * is audited (`passkey.sign_in`) in the batch that starts the session. A refusal after our
 * challenge was found is audited too (`passkey.sign_in_failed`: the account the credential
 * belongs to, or `anonymous` for an unknown one, and why), and it uses the challenge up: each
 * audited failure costs a fresh challenge from the rate-limited options endpoint, so failures
 * cannot flood the log. A response without a challenge of ours is refused unlogged.
 */
export async function completeAuthentication(db: Db, rp: RelyingParty, response: AuthenticationResponseJSON, now: Date): Promise<{ secret: string; staff: StaffRow }> {
  const { challenge, hash } = await challengeOf(db, response.response.clientDataJSON, "authenticate", now, null);
  const key = (await db.select().from(staffPasskeys).where(eq(staffPasskeys.id, String(response.id))).limit(1))[0];
  const account = key ? await getStaff(db, key.staffId) : undefined;
  const refuse = async (reason: "passkey_unknown" | "account_revoked" | "verification") => {
    const credential = credentialName(key ?? { id: String(response.id) });
    const facts = { action: "passkey.sign_in_failed", targetType: "staff", targetId: key?.staffId ?? null, regionCode: account?.regionCode ?? NATIONAL_REGION, summary: `Sign-in refused (${FAILURE_TEXT[reason]}) with ${credential}` };
    try {
      await db.batch([...useChallenge(db, hash, now), auditEntry(db, key?.staffId ?? UNKNOWN_SIGN_IN_ACTOR, facts, now)]);
    } catch {
      // The challenge was used meanwhile (a racing replay): that attempt is the one logged.
    }
    return new CeremonyRefusal(reason);
  };
  if (!key || key.revokedAt) throw await refuse("passkey_unknown");
  if (!account || account.revokedAt) throw await refuse("account_revoked");
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: { id: key.id, publicKey: base64urlBytes(key.publicKey), counter: key.counter, transports: key.transports ? (key.transports.split(",") as never) : undefined },
    });
  } catch {
    throw await refuse("verification");
  }
  if (!verified.verified) throw await refuse("verification");
  const session = await newSession(db, { staffId: key.staffId, passkeyId: key.id, now });
  await db.batch([
    ...useChallenge(db, hash, now),
    db.update(staffPasskeys).set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: now.toISOString() }).where(and(eq(staffPasskeys.id, key.id), isNull(staffPasskeys.revokedAt))),
    guardChanged(db),
    session.statement,
    auditEntry(db, key.staffId, { action: "passkey.sign_in", targetType: "staff", targetId: key.staffId, regionCode: account.regionCode, summary: `Signed in with ${credentialName(key)}` }, now),
  ]);
  return { secret: session.secret, staff: account };
}

const FAILURE_TEXT = { passkey_unknown: "unknown or revoked passkey", account_revoked: "account revoked", verification: "signature not verified" } as const;
