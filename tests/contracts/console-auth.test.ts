/**
 * Authorization of every console route, walked from the console's route table
 * (CONSOLE_ROUTES): no session, an ended (signed out or revoked), expired or idle session, a
 * weaker role, a cross-site post and a post without the session's CSRF token are all refused
 * before anything is read or written; another region's notice is refused by the write layer.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { revokeStaff } from "../../worker/auth/staff";
import { CONSOLE_ROUTES } from "../../worker/console";
import { createDb } from "../../worker/db/client";
import { roleAtLeast, ROLES } from "../../worker/domain/roles";
import { systemActor } from "../../worker/writes/plan";
import { seedOnce } from "../helpers/api";
import { countRows } from "../helpers/admin";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";

const COUNTY = "340223000000";
const T0 = "2026-06-01T02:00:00.000Z";
const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

const protectedRoutes = CONSOLE_ROUTES.filter((r) => r.role !== null);
const concrete = (path: string) => path.replace(":id", "ntc_x").replace(":objection", "obj_x").replace(":passkey", "x").replace(":token", "x");

beforeAll(seedOnce);

async function expectRefused(response: Response, method: string, status: number) {
  if (method === "GET" && status === 401) {
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toMatch(/^(\/en)?\/admin\/sign-in\?next=/);
  } else {
    expect(response.status).toBe(status);
  }
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  expect(response.headers.get("X-Robots-Tag")).toBe("noindex, nofollow");
  await response.body?.cancel();
}

function send(route: { method: string; path: string }, who: { cookie?: string; csrf?: string } | undefined, now = T0, headers?: Record<string, string>, lang = "") {
  const path = lang + concrete(route.path);
  if (route.method === "GET") return consoleGet(path, { cookie: who?.cookie, now });
  return consolePost(path, { csrf_token: who?.csrf ?? "", idempotency_key: formKey() }, { cookie: who?.cookie, now, headers });
}

describe("every console route (from CONSOLE_ROUTES)", () => {
  let sessions: Record<string, TestStaff>;
  beforeAll(async () => {
    sessions = {};
    for (const role of ROLES) sessions[role] = await staffSession(role, COUNTY, new Date(T0));
  });

  it("has protected routes for each role", () => {
    expect(protectedRoutes.length).toBeGreaterThan(10);
    for (const role of ROLES) expect(protectedRoutes.some((r) => r.role === role)).toBe(true);
  });

  for (const route of protectedRoutes) {
    const name = `${route.method} ${route.path}`;
    it(`${name}: refuses no session, an expired and an idle one, in both languages`, async () => {
      const writesBefore = await countRows("audit_log");
      for (const lang of ["", "/en"]) {
        await expectRefused(await send(route, undefined, T0, undefined, lang), route.method, 401);
        await expectRefused(await send(route, { cookie: "__Host-gk_session=" + "A".repeat(43), csrf: "x" }, T0, undefined, lang), route.method, 401);
        // Idle: 30 min without a request. Absolute: 12 h after sign-in, however active.
        await expectRefused(await send(route, sessions.admin, later(30), undefined, lang), route.method, 401);
        await expectRefused(await send(route, sessions.admin, later(12 * 60), undefined, lang), route.method, 401);
      }
      expect(await countRows("audit_log")).toBe(writesBefore);
    });

    it(`${name}: refuses every weaker role`, async () => {
      for (const role of ROLES) {
        if (roleAtLeast(role, route.role!)) continue;
        await expectRefused(await send(route, sessions[role]), route.method, 403);
      }
    });

    if (route.method === "POST") {
      it(`${name}: refuses a cross-site post and a post without the CSRF token`, async () => {
        const admin = sessions.admin!;
        await expectRefused(await send(route, admin, T0, { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" }), "POST", 403);
        await expectRefused(await send(route, admin, T0, { "Sec-Fetch-Site": "same-site", Origin: "https://sub.portal.test" }), "POST", 403);
        await expectRefused(await send(route, admin, T0, { "Sec-Fetch-Site": "", Origin: "https://evil.example" }), "POST", 403);
        await expectRefused(await send(route, { cookie: admin.cookie, csrf: "" }), "POST", 403);
        await expectRefused(await send(route, { cookie: admin.cookie, csrf: sessions.editor!.csrf }), "POST", 403);
      });
    }
  }

  it("a revoked account's session is refused at once", async () => {
    const victim = await staffSession("admin", COUNTY, new Date(T0));
    const db = createDb(env.DB);
    const plan = await revokeStaff({ actor: systemActor("test"), now: new Date(T0), db }, victim.staffId);
    await db.batch(plan.statements as [never]);
    await expectRefused(await consoleGet("/admin/", { cookie: victim.cookie, now: T0 }), "GET", 401);
    await expectRefused(await consolePost("/admin/sign-out", { csrf_token: victim.csrf }, { cookie: victim.cookie, now: T0 }), "POST", 401);
  });

  it("a signed-out session is refused", async () => {
    const who = await staffSession("viewer", COUNTY, new Date(T0));
    const out = await consolePost("/admin/sign-out", { csrf_token: who.csrf }, { cookie: who.cookie, now: T0 });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().some((c) => c.startsWith("__Host-gk_session=; Path=/; Max-Age=0"))).toBe(true);
    await expectRefused(await consoleGet("/admin/", { cookie: who.cookie, now: T0 }), "GET", 401);
  });

  it("another region's notice is refused by the write layer (scope), and nothing is written", async () => {
    const notice = await env.DB.prepare("SELECT id, updated_at FROM notices WHERE status = 'open' AND region_code NOT BETWEEN '340223000000' AND '340223999999' LIMIT 1").first<{ id: string; updated_at: string }>();
    expect(notice).not.toBeNull();
    const editor = sessions.editor!;
    const before = await countRows("audit_log");
    const response = await consolePost(`/admin/notices/${notice!.id}/close`, { csrf_token: editor.csrf, idempotency_key: formKey(), updated_at: notice!.updated_at }, { cookie: editor.cookie, now: T0 });
    expect(response.status).toBe(403);
    expect(await countRows("audit_log")).toBe(before);
    const read = await consoleGet(`/admin/notices/${notice!.id}`, { cookie: editor.cookie, now: T0 });
    expect(read.status).toBe(403);
  });
});
