/**
 * Optional Cloudflare Access in front of the console. Off unless both ACCESS_TEAM_DOMAIN
 * (`<team>.cloudflareaccess.com`) and ACCESS_AUD (the Access application's audience tag) are
 * set. Access then adds a signed identity to every request (`Cf-Access-Jwt-Assertion`, an
 * RS256 JWT); the sign-in page checks it against the team's public keys (JWKS at
 * `https://<team>/cdn-cgi/access/certs`) with WebCrypto, then maps its e-mail to a staff
 * account (staff.access_email, migration 0030) and starts a session that is not tied to a
 * passkey. Everything after that is the ordinary session: idle and absolute expiry, revocation,
 * CSRF. The header alone is never trusted: an unsigned, expired, foreign or mis-addressed
 * token is refused, and a request that did not come through Access has no header at all.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { staff } from "./schema";

export const ACCESS_HEADER = "Cf-Access-Jwt-Assertion";
/** Clock skew allowed between Access and the Worker. */
const LEEWAY_S = 60;

export interface AccessConfig {
  teamDomain: string;
  audience: string;
}

/** The configuration, or undefined when Access is off (the default). */
export function accessConfig(env: { ACCESS_TEAM_DOMAIN?: string; ACCESS_AUD?: string }): AccessConfig | undefined {
  const teamDomain = env.ACCESS_TEAM_DOMAIN?.trim().replace(/^https:\/\//, "").replace(/\/+$/, "");
  const audience = env.ACCESS_AUD?.trim();
  return teamDomain && audience ? { teamDomain, audience } : undefined;
}

export type AccessProblem = "malformed" | "algorithm" | "unknown_key" | "signature" | "issuer" | "audience" | "expired" | "no_email" | "keys_unavailable";

const b64urlBytes = (part: string) => Uint8Array.from(atob(part.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (part.length % 4)) % 4)), (ch) => ch.charCodeAt(0));
const b64urlJson = (part: string): unknown => JSON.parse(new TextDecoder().decode(b64urlBytes(part)));

interface Jwk extends JsonWebKey {
  kid?: string;
}

/**
 * The e-mail of a valid Access token, or why it is not valid. `fetchKeys` reads the team's
 * JWKS (the outside world; tests give their own). Keys are read per sign-in, not cached: a
 * sign-in starts a 12-hour session, so it is rare, and Access rotates its keys.
 */
export async function verifyAccessToken(token: string, config: AccessConfig, now: Date, fetchKeys: (url: string) => Promise<Response> = (url) => fetch(url)): Promise<{ email: string } | { problem: AccessProblem }> {
  const parts = token.split(".");
  if (parts.length !== 3 || token.length > 8192) return { problem: "malformed" };
  let header: { alg?: string; kid?: string };
  let claims: { iss?: string; aud?: string | string[]; exp?: number; nbf?: number; email?: string };
  try {
    header = b64urlJson(parts[0]!) as typeof header;
    claims = b64urlJson(parts[1]!) as typeof claims;
  } catch {
    return { problem: "malformed" };
  }
  if (header.alg !== "RS256") return { problem: "algorithm" };
  let keys: Jwk[];
  try {
    const res = await fetchKeys(`https://${config.teamDomain}/cdn-cgi/access/certs`);
    if (!res.ok) return { problem: "keys_unavailable" };
    keys = ((await res.json()) as { keys?: Jwk[] }).keys ?? [];
  } catch {
    return { problem: "keys_unavailable" };
  }
  const jwk = keys.find((k) => k.kid === header.kid && k.kty === "RSA");
  if (!jwk) return { problem: "unknown_key" };
  const { kid: _kid, ...material } = jwk;
  const key = await crypto.subtle.importKey("jwk", { ...material, alg: "RS256", ext: true }, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
  const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  if (!(await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, b64urlBytes(parts[2]!), signed))) return { problem: "signature" };
  if (claims.iss !== `https://${config.teamDomain}`) return { problem: "issuer" };
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(config.audience)) return { problem: "audience" };
  const seconds = now.getTime() / 1000;
  if (typeof claims.exp !== "number" || claims.exp + LEEWAY_S < seconds || (typeof claims.nbf === "number" && claims.nbf - LEEWAY_S > seconds)) return { problem: "expired" };
  if (typeof claims.email !== "string" || claims.email.length === 0) return { problem: "no_email" };
  return { email: claims.email.trim().toLowerCase() };
}

/** The active account mapped to an Access e-mail, if any. */
export async function staffForAccessEmail(db: Db, email: string) {
  return (await db.select({ id: staff.id, regionCode: staff.regionCode }).from(staff).where(and(eq(staff.accessEmail, email), isNull(staff.revokedAt))).limit(1))[0];
}
