import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { adminTokens } from "../db/schema";
import type { Role } from "../domain/roles";
import { base64url, publicId, randomBytes, sha256Hex } from "../domain/secure-random";

export type AdminTokenRow = typeof adminTokens.$inferSelect;

/** Bearer tokens carry 256 bits from the CSPRNG; only their SHA-256 is stored. */
export const TOKEN_PREFIX = "gk_";

export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** Creates a token and returns its plaintext, which is shown once and never stored. */
export async function createToken(db: Db, input: { role: Role; regionCode: string; label?: string; id?: string }, now = new Date()): Promise<{ id: string; token: string }> {
  const token = TOKEN_PREFIX + base64url(randomBytes(32));
  // A fixed id only for the demo's register import (scripts/seed.ts): its releases then read as demo data.
  const id = input.id ?? publicId("tok");
  await db.insert(adminTokens).values({
    id,
    tokenHash: await hashToken(token),
    role: input.role,
    regionCode: input.regionCode,
    label: input.label ?? "",
    createdAt: now.toISOString(),
  });
  return { id, token };
}

export async function findActiveToken(db: Db, token: string): Promise<AdminTokenRow | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return undefined;
  const rows = await db.select().from(adminTokens).where(eq(adminTokens.tokenHash, await hashToken(token))).limit(1);
  const row = rows[0];
  return row && row.revokedAt === null ? row : undefined;
}

/** Marks a token revoked; returns false when no such active token exists. */
export async function revokeToken(db: Db, id: string, now = new Date()): Promise<boolean> {
  const rows = await db.select().from(adminTokens).where(eq(adminTokens.id, id)).limit(1);
  if (!rows[0] || rows[0].revokedAt !== null) return false;
  await db.update(adminTokens).set({ revokedAt: now.toISOString() }).where(eq(adminTokens.id, id));
  return true;
}

/** Tokens without their hashes (for listing). */
export async function listTokens(db: Db) {
  return db
    .select({
      id: adminTokens.id,
      role: adminTokens.role,
      regionCode: adminTokens.regionCode,
      label: adminTokens.label,
      createdAt: adminTokens.createdAt,
      revokedAt: adminTokens.revokedAt,
    })
    .from(adminTokens)
    .orderBy(asc(adminTokens.createdAt));
}
