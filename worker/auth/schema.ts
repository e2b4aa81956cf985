/** Drizzle definitions of the console's tables (migrations 0016–0017, 0030); re-exported by db/schema. */
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const staff = sqliteTable("staff", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  role: text("role", { enum: ["viewer", "editor", "admin"] }).notNull(),
  regionCode: text("region_code").notNull(),
  createdAt: text("created_at").notNull(),
  createdBy: text("created_by").notNull(),
  revokedAt: text("revoked_at"),
  /** The Cloudflare Access e-mail that may start this account's sessions (migration 0030). */
  accessEmail: text("access_email"),
});

export const staffInvitations = sqliteTable("staff_invitations", {
  id: text("id").primaryKey(),
  staffId: text("staff_id").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
  createdBy: text("created_by").notNull(),
});

export const staffPasskeys = sqliteTable("staff_passkeys", {
  id: text("id").primaryKey(),
  staffId: text("staff_id").notNull(),
  publicKey: text("public_key").notNull(),
  counter: integer("counter").notNull().default(0),
  transports: text("transports").notNull().default(""),
  label: text("label").notNull().default(""),
  createdAt: text("created_at").notNull(),
  lastUsedAt: text("last_used_at"),
  revokedAt: text("revoked_at"),
});

export const webauthnChallenges = sqliteTable("webauthn_challenges", {
  challengeHash: text("challenge_hash").primaryKey(),
  purpose: text("purpose", { enum: ["register", "authenticate"] }).notNull(),
  invitationId: text("invitation_id"),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
});

export const staffSessions = sqliteTable("staff_sessions", {
  idHash: text("id_hash").primaryKey(),
  staffId: text("staff_id").notNull(),
  /** How the session began: a passkey, or Cloudflare Access's signed identity (migration 0030). */
  method: text("method", { enum: ["passkey", "access"] }).notNull().default("passkey"),
  passkeyId: text("passkey_id"),
  csrfToken: text("csrf_token").notNull(),
  createdAt: text("created_at").notNull(),
  lastSeenAt: text("last_seen_at").notNull(),
  expiresAt: text("expires_at").notNull(),
  endedAt: text("ended_at"),
  endReason: text("end_reason", { enum: ["signed_out", "staff_revoked", "passkey_revoked"] }),
});
