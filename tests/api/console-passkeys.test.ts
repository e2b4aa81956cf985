/**
 * Passkeys inside workerd: real registration and sign-in ceremonies through the Worker's
 * entry point, answered by a software authenticator on WebCrypto (tests/helpers/authenticator),
 * verified by @simplewebauthn/server running in this very workerd.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { inviteStaff } from "../../worker/auth/staff";
import { auditEntry } from "../../worker/admin/audit";
import { createDb } from "../../worker/db/client";
import { sha256Hex } from "../../worker/domain/secure-random";
import { systemActor } from "../../worker/writes/plan";
import { json, ORIGIN, seedOnce } from "../helpers/api";
import { SoftwareAuthenticator } from "../helpers/authenticator";
import { consoleGet, consoleJson, consolePost, formKey, staffSession } from "../helpers/console";

const TOWNSHIP = "340223101000";
const T0 = "2026-06-01T02:00:00.000Z";

beforeAll(seedOnce);

async function invite(now = new Date(T0)) {
  const db = createDb(env.DB);
  const plan = await inviteStaff({ actor: systemActor("cli:test"), now, db }, { name: "王芳", role: "editor", region: TOWNSHIP });
  await db.batch([...(plan.statements as [never]), auditEntry(db, "cli:test", plan.audit!, now)]);
  return plan.body;
}

function sessionSecret(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-")) ?? "";
  expect(cookie).toMatch(/^__Host-gk_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
  return cookie.split(";")[0]!.split("=")[1]!;
}

async function register(token: string, authenticator: SoftwareAuthenticator, now = T0) {
  const options = await json(await consoleJson(`/admin/invitations/${token}/options`, {}, { now }));
  return consoleJson(`/admin/invitations/${token}`, { credential: await authenticator.register(options) }, { now });
}

async function signIn(authenticator: SoftwareAuthenticator, now = T0, origin?: string) {
  const options = await json(await consoleJson("/admin/sign-in/options", {}, { now }));
  return consoleJson("/admin/sign-in", { credential: await authenticator.authenticate(options, origin) }, { now });
}

describe("invitations and passkeys (verified inside workerd)", () => {
  it("stores only the invitation's hash, and it lasts 72 hours", async () => {
    const { token, invitation } = await invite();
    const row = await env.DB.prepare("SELECT token_hash, expires_at FROM staff_invitations WHERE id = ?").bind(invitation.id).first<{ token_hash: string; expires_at: string }>();
    expect(row!.token_hash).toBe(await sha256Hex(token));
    expect(row!.expires_at).toBe("2026-06-04T02:00:00.000Z");
    const dump = JSON.stringify(await env.DB.prepare("SELECT * FROM staff_invitations").all());
    expect(dump).not.toContain(token);
  });

  it("registers a passkey from an invitation, starts a session, and the link is then used up", async () => {
    const { token, staff } = await invite();
    const authenticator = await SoftwareAuthenticator.create(ORIGIN);
    const options = await json(await consoleJson(`/admin/invitations/${token}/options`, {}, { now: T0 }));
    expect(options.rp.id).toBe("portal.test");
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    const done = await consoleJson(`/admin/invitations/${token}`, { credential: await authenticator.register(options) }, { now: T0 });
    expect(done.status).toBe(200);
    expect((await json(done)).redirect).toBe("/admin/");
    const secret = sessionSecret(done);
    const session = await env.DB.prepare("SELECT staff_id, passkey_id, expires_at FROM staff_sessions WHERE id_hash = ?").bind(await sha256Hex(secret)).first<Record<string, string>>();
    expect(session).toEqual({ staff_id: staff.id, passkey_id: authenticator.id, expires_at: "2026-06-01T14:00:00.000Z" });
    const audit = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'passkey.register' AND target_id = ?").bind(staff.id).first<{ actor: string }>();
    expect(audit!.actor).toBe(staff.id);

    const again = await register(token, await SoftwareAuthenticator.create(ORIGIN));
    expect(again.status).toBe(410);
    expect((await json(again)).error.code).toBe("invitation_used");
  });

  it("refuses an expired invitation (after 72 h)", async () => {
    const { token } = await invite();
    const late = await consoleJson(`/admin/invitations/${token}/options`, {}, { now: "2026-06-04T02:00:00.000Z" });
    expect(late.status).toBe(410);
    expect((await json(late)).error.code).toBe("invitation_expired");
  });

  it("signs in with the passkey; a replayed or foreign-origin answer is refused", async () => {
    const { token, staff } = await invite();
    const authenticator = await SoftwareAuthenticator.create(ORIGIN);
    expect((await register(token, authenticator)).status).toBe(200);

    const options = await json(await consoleJson("/admin/sign-in/options", {}, { now: T0 }));
    const assertion = await authenticator.authenticate(options);
    const ok = await consoleJson("/admin/sign-in", { credential: assertion, next: "/en/admin/notices/" }, { now: T0 });
    expect(ok.status).toBe(200);
    expect((await json(ok)).redirect).toBe("/en/admin/notices/");
    sessionSecret(ok);
    const counter = await env.DB.prepare("SELECT counter FROM staff_passkeys WHERE id = ?").bind(authenticator.id).first<{ counter: number }>();
    expect(counter!.counter).toBe(1);

    const replayed = await consoleJson("/admin/sign-in", { credential: assertion }, { now: T0 });
    expect(replayed.status).toBe(400);
    expect((await json(replayed)).error.code).toBe("challenge");

    const phished = await signIn(authenticator, T0, "https://evil.example");
    expect(phished.status).toBe(400);
    expect((await json(phished)).error.code).toBe("verification");

    const sessions = await env.DB.prepare("SELECT count(*) AS n FROM staff_sessions WHERE staff_id = ?").bind(staff.id).first<{ n: number }>();
    expect(sessions!.n).toBe(2); // the registration's and the one good sign-in
  });

  it("an unknown passkey cannot sign in, and a cross-site ceremony post is refused", async () => {
    const stranger = await SoftwareAuthenticator.create(ORIGIN);
    const refused = await signIn(stranger);
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.code).toBe("passkey_unknown");
    const crossSite = await consoleJson("/admin/sign-in/options", {}, { headers: { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
  });

  it("revoking the passkey ends its sessions at once and it can no longer sign in", async () => {
    const { token, staff } = await invite();
    const authenticator = await SoftwareAuthenticator.create(ORIGIN);
    const secret = sessionSecret(await register(token, authenticator));
    const db = createDb(env.DB);
    const { revokePasskey } = await import("../../worker/auth/staff");
    const plan = await revokePasskey({ actor: systemActor("cli:test"), now: new Date(T0), db }, staff.id, authenticator.id);
    await db.batch(plan.statements as [never]);
    const ended = await env.DB.prepare("SELECT end_reason FROM staff_sessions WHERE id_hash = ?").bind(await sha256Hex(secret)).first<{ end_reason: string }>();
    expect(ended!.end_reason).toBe("passkey_revoked");
    const post = await consolePost("/admin/sign-out", {}, { cookie: `__Host-gk_session=${secret}`, now: T0 });
    expect(post.status).toBe(401);
    expect((await json(await signIn(authenticator))).error.code).toBe("passkey_unknown");
  });
});

describe("sign-ins, failed sign-ins, sign-outs and revocations are audited (issue 12)", () => {
  const auditOf = async (actor: string) =>
    (await env.DB.prepare("SELECT actor, action, target_id, region_code, summary FROM audit_log WHERE actor = ? ORDER BY id").bind(actor).all<{ actor: string; action: string; target_id: string | null; region_code: string | null; summary: string }>()).results;

  it("logs who signed in with which credential, who was refused and why, and who signed out; never a secret or a label", async () => {
    const { token, staff } = await invite();
    const authenticator = await SoftwareAuthenticator.create(ORIGIN);
    const options = await json(await consoleJson(`/admin/invitations/${token}/options`, {}, { now: T0 }));
    const registered = await consoleJson(`/admin/invitations/${token}`, { credential: await authenticator.register(options), label: "王芳的手机" }, { now: T0 });
    expect(registered.status).toBe(200);
    const signedIn = await signIn(authenticator);
    expect(signedIn.status).toBe(200);
    const secret = sessionSecret(signedIn);

    // A refused signature (another origin): logged once, and its challenge is used up, so the
    // same answer sent again is refused before anything is logged.
    const opts = await json(await consoleJson("/admin/sign-in/options", {}, { now: T0 }));
    const phished = await authenticator.authenticate(opts, "https://evil.example");
    expect((await json(await consoleJson("/admin/sign-in", { credential: phished }, { now: T0 }))).error.code).toBe("verification");
    expect((await json(await consoleJson("/admin/sign-in", { credential: phished }, { now: T0 }))).error.code).toBe("challenge");

    const out = await consolePost("/admin/sign-out", { csrf_token: (await env.DB.prepare("SELECT csrf_token FROM staff_sessions WHERE id_hash = ?").bind(await sha256Hex(secret)).first<{ csrf_token: string }>())!.csrf_token }, { cookie: `__Host-gk_session=${secret}`, now: T0 });
    expect(out.status).toBe(303);

    const rows = await auditOf(staff.id);
    expect(rows.map((r) => r.action)).toEqual(["passkey.register", "passkey.sign_in", "passkey.sign_in_failed", "session.sign_out"]);
    const credential = authenticator.id.slice(0, 16);
    for (const row of rows) {
      expect(row.target_id).toBe(staff.id);
      expect(row.region_code).toBe(TOWNSHIP);
    }
    expect(rows[1]!.summary).toContain(`passkey ${credential}`);
    expect(rows[2]!.summary).toMatch(/signature not verified/);
    expect(rows[2]!.summary).toContain(credential);
    expect(rows[3]!.summary).toContain(`session of passkey ${credential}`);
    const key = await env.DB.prepare("SELECT public_key FROM staff_passkeys WHERE id = ?").bind(authenticator.id).first<{ public_key: string }>();
    for (const row of rows) {
      expect(row.summary).not.toContain("王芳");
      expect(row.summary).not.toContain(secret);
      expect(row.summary).not.toContain(key!.public_key.slice(0, 20));
      expect(row.summary).not.toContain(phished.response.signature.slice(0, 20));
    }
    // A sign-out of a session already ended logs nothing more.
    expect((await consolePost("/admin/sign-out", {}, { cookie: `__Host-gk_session=${secret}`, now: T0 })).status).toBe(401);
    expect((await auditOf(staff.id)).length).toBe(4);
  });

  it("logs an unknown credential's refusal as anonymous, for national administrators", async () => {
    const stranger = await SoftwareAuthenticator.create(ORIGIN);
    expect((await json(await signIn(stranger))).error.code).toBe("passkey_unknown");
    const row = await env.DB.prepare("SELECT actor, target_id, region_code, summary FROM audit_log WHERE action = 'passkey.sign_in_failed' AND summary LIKE ?").bind(`%${stranger.id.slice(0, 16)}%`).first<{ actor: string; target_id: string | null; region_code: string; summary: string }>();
    expect(row).toEqual({ actor: "anonymous", target_id: null, region_code: "000000000000", summary: expect.stringMatching(/^Sign-in refused \(unknown or revoked passkey\) with passkey /) });
  });

  it("a revocation says which credential and how many open sessions it ended; an administrator reads it all in the console", async () => {
    const { token, staff } = await invite();
    const authenticator = await SoftwareAuthenticator.create(ORIGIN);
    expect((await register(token, authenticator)).status).toBe(200);
    expect((await signIn(authenticator)).status).toBe(200);
    const admin = await staffSession("admin", TOWNSHIP, new Date(T0));
    const revoked = await consolePost(`/admin/staff/${staff.id}/passkeys/${authenticator.id}/revoke`, { csrf_token: admin.csrf, idempotency_key: formKey() }, { cookie: admin.cookie, now: T0 });
    expect(revoked.status).toBe(303);
    const row = (await auditOf(admin.staffId)).find((r) => r.action === "passkey.revoke")!;
    expect(row.summary).toBe(`Revoked passkey ${authenticator.id.slice(0, 16)}… of ${staff.id}; 2 open session(s) ended`);
    expect((await json(await signIn(authenticator))).error.code).toBe("passkey_unknown");

    // The staff screen links each account to its entries; the audit log names the actions.
    const staffPage = await (await consoleGet("/admin/staff/", { cookie: admin.cookie, now: T0 })).text();
    expect(staffPage).toContain(`href="/admin/audit/?actor=${staff.id}" data-activity="${staff.id}"`);
    expect(staffPage).toContain(`<code>${authenticator.id.slice(0, 16)}…</code>`);
    for (const [prefix, signedIn, refused] of [["", "用通行密钥登录", "登录失败"], ["/en", "Signed in with a passkey", "Sign-in refused"]] as const) {
      const audit = await (await consoleGet(`${prefix}/admin/audit/?actor=${staff.id}`, { cookie: admin.cookie, now: T0 })).text();
      expect(audit).toContain(signedIn);
      expect(audit).toContain(refused);
      expect(audit).toContain("passkey.register");
    }
  });
});
