/**
 * Optional Cloudflare Access: with ACCESS_TEAM_DOMAIN and ACCESS_AUD set, the sign-in page
 * accepts Access's signed identity (RS256, checked against the team's JWKS with WebCrypto),
 * maps its e-mail to a staff account and starts a session without a passkey. The JWKS fetch is
 * the outside world and is mocked; everything else runs through the Worker's entry point.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index";
import { ORIGIN, seedOnce } from "../helpers/api";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";

const TEAM = "gongkai-test.cloudflareaccess.com";
const AUD = "a1b2c3d4e5f6";
const T0 = "2026-06-01T02:00:00.000Z";
const NOW_S = Date.parse(T0) / 1000;
let keys: CryptoKeyPair;
let foreign: CryptoKeyPair;
let admin: TestStaff;
let clerk: TestStaff;

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const part = (value: unknown) => b64url(new TextEncoder().encode(JSON.stringify(value)));
async function jwt(claims: Record<string, unknown>, key = keys.privateKey, kid = "k1") {
  const signed = `${part({ alg: "RS256", kid, typ: "JWT" })}.${part({ iss: `https://${TEAM}`, aud: [AUD], exp: NOW_S + 300, iat: NOW_S, email: "clerk@example.org", ...claims })}`;
  const signature = new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, new TextEncoder().encode(signed)));
  return `${signed}.${b64url(signature)}`;
}

/** The console's sign-in page through the Worker's entry point, with Access configured. */
function signInPage(token: string | undefined, access = { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD }) {
  const headers: Record<string, string> = { "x-test-now": T0 };
  if (token) headers["Cf-Access-Jwt-Assertion"] = token;
  const request = new Request(`${ORIGIN}/admin/sign-in?next=/admin/funds`, { headers, redirect: "manual" });
  return worker.fetch(request as never, { ...env, ...access } as never, createExecutionContext());
}

beforeAll(async () => {
  await seedOnce();
  const params = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
  keys = (await crypto.subtle.generateKey(params, true, ["sign", "verify"])) as CryptoKeyPair;
  foreign = (await crypto.subtle.generateKey(params, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", keys.publicKey)) as JsonWebKey;
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === `https://${TEAM}/cdn-cgi/access/certs`) return Response.json({ keys: [{ ...jwk, kid: "k1" }] });
    return real(input as RequestInfo, init);
  });
  admin = await staffSession("admin", "340223000000", new Date(T0));
  clerk = await staffSession("editor", "340223101000", new Date(T0));
  const mapped = await consolePost(`/admin/staff/${clerk.staffId}/access-email`, { csrf_token: admin.csrf, idempotency_key: formKey(), access_email: "Clerk@Example.org" }, { cookie: admin.cookie, now: T0 });
  expect(mapped.status).toBe(303);
});
afterAll(() => vi.restoreAllMocks());

const sessions = async () => (await env.DB.prepare("SELECT count(*) AS n FROM staff_sessions WHERE staff_id = ? AND method = 'access'").bind(clerk.staffId).first<number>("n")) ?? 0;

describe("console sign-in through Cloudflare Access", () => {
  it("starts a session without a passkey for the account mapped to the signed e-mail", async () => {
    const res = await signInPage(await jwt({}));
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/funds");
    const cookie = /__Host-gk_session=([A-Za-z0-9_-]{43})/.exec(res.headers.get("Set-Cookie") ?? "")![0];
    const funds = await consoleGet("/admin/funds", { cookie, now: T0 });
    expect(funds.status).toBe(200);
    expect(await sessions()).toBe(1);
    // Audited under the account's region, so its administrators see it on 操作记录.
    const audit = await env.DB.prepare("SELECT actor, region_code FROM audit_log WHERE action = 'access.sign_in'").first<{ actor: string; region_code: string }>();
    expect(audit!.actor).toBe(clerk.staffId);
    expect(audit!.region_code).toBe((await env.DB.prepare("SELECT region_code FROM staff WHERE id = ?").bind(clerk.staffId).first<string>("region_code"))!);
  });

  it("refuses a forged, foreign, expired, mis-addressed or unmapped identity: the passkey page shows and no session starts", async () => {
    const before = await sessions();
    const cases = [
      await jwt({}, foreign.privateKey),
      await jwt({}, keys.privateKey, "other-kid"),
      await jwt({ exp: NOW_S - 3600 }),
      await jwt({ aud: ["someone-else"] }),
      await jwt({ iss: "https://evil.cloudflareaccess.com" }),
      await jwt({ email: "nobody@example.org" }),
      "not.a.jwt",
    ];
    for (const token of cases) {
      const res = await signInPage(token);
      expect(res.status, token.slice(0, 40)).toBe(200);
      expect(res.headers.get("Set-Cookie") ?? "").not.toContain("__Host-gk_session=");
    }
    expect(await sessions()).toBe(before);
  });

  it("is off by default: without the configuration the header is ignored", async () => {
    const res = await signInPage(await jwt({}), { ACCESS_TEAM_DOMAIN: "", ACCESS_AUD: "" });
    expect(res.status).toBe(200);
  });

  it("ends with the account: a revoked account's identity starts nothing", async () => {
    const revoked = await consolePost(`/admin/staff/${clerk.staffId}/revoke`, { csrf_token: admin.csrf, idempotency_key: formKey() }, { cookie: admin.cookie, now: T0 });
    expect(revoked.status).toBe(303);
    const before = await sessions();
    expect((await signInPage(await jwt({}))).status).toBe(200);
    expect(await sessions()).toBe(before);
  });
});
