/**
 * The staff screen: an administrator invites a township editor (the link is shown once, on the
 * page the form redirects to, and never stored), cannot invite outside their scope, and
 * revokes an account, whose session ends at once.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../worker/domain/secure-random";
import { seedOnce } from "../helpers/api";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";

const COUNTY = "340223000000";
const TOWNSHIP = "340223101000";
const T0 = "2026-06-01T02:00:00.000Z";
let admin: TestStaff;

beforeAll(async () => {
  await seedOnce();
  admin = await staffSession("admin", COUNTY, new Date(T0));
});

describe("console staff screen", () => {
  it("invites an editor; the link is shown once and only its hash is stored", async () => {
    const invited = await consolePost("/admin/staff", { csrf_token: admin.csrf, idempotency_key: formKey(), name: "王芳", role: "editor", region: TOWNSHIP }, { cookie: admin.cookie, now: T0 });
    expect(invited.status).toBe(303);
    const carried = invited.headers.getSetCookie().find((c) => c.startsWith("gk_invite="))!;
    expect(carried).toMatch(/; Path=\/admin\/staff; Max-Age=600; HttpOnly; Secure; SameSite=Strict$/);
    const value = carried.split(";")[0]!.slice("gk_invite=".length);
    const token = value.split("~")[1]!;

    const shown = await consoleGet("/admin/staff/", { cookie: `${admin.cookie}; gk_invite=${value}`, now: T0 });
    const html = await shown.text();
    expect(html).toContain(`http://portal.test/admin/invitations/${token}`);
    expect(shown.headers.getSetCookie().some((c) => c.startsWith("gk_invite=;") && c.includes("Max-Age=0"))).toBe(true);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM staff_invitations WHERE token_hash = ?").bind(await sha256Hex(token)).first("n")).toBe(1);
    const stored = JSON.stringify(await env.DB.prepare("SELECT * FROM idempotency_keys WHERE token_id = ?").bind(admin.staffId).all());
    expect(stored).not.toContain(token);

    const invitation = await consoleGet(`/admin/invitations/${token}`, { now: T0 });
    expect(invitation.status).toBe(200);
    expect(await invitation.text()).toContain("王芳");
  });

  it("refuses an invitation outside the administrator's scope", async () => {
    const refused = await consolePost("/admin/staff", { csrf_token: admin.csrf, idempotency_key: formKey(), name: "外县", role: "editor", region: "340200000000" }, { cookie: admin.cookie, now: T0 });
    expect(refused.status).toBe(403);
  });

  it("revokes an account and its session ends at once", async () => {
    const victim = await staffSession("editor", TOWNSHIP, new Date(T0));
    expect((await consoleGet("/admin/", { cookie: victim.cookie, now: T0 })).status).toBe(200);
    const revoked = await consolePost(`/admin/staff/${victim.staffId}/revoke`, { csrf_token: admin.csrf, idempotency_key: formKey() }, { cookie: admin.cookie, now: T0 });
    expect(revoked.status).toBe(303);
    expect((await consoleGet("/admin/", { cookie: victim.cookie, now: T0 })).status).toBe(303);
    const audit = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'staff.revoke' AND target_id = ?").bind(victim.staffId).first<{ actor: string }>();
    expect(audit!.actor).toBe(admin.staffId);
  });

  it("an administrator cannot revoke their own account", async () => {
    const self = await consolePost(`/admin/staff/${admin.staffId}/revoke`, { csrf_token: admin.csrf, idempotency_key: formKey() }, { cookie: admin.cookie, now: T0 });
    expect(self.status).toBe(409);
    expect(await self.text()).toContain("不能撤销自己的账号");
  });

  it("shows the audit log by person, with the staff member's name, and refuses another region", async () => {
    const page = await consoleGet(`/admin/audit/?actor=${admin.staffId}`, { cookie: admin.cookie, now: T0 });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("staff.invite");
    expect(html).toContain(`Test admin (${admin.staffId})`);
    expect((await consoleGet("/en/admin/audit/?region=340200000000", { cookie: admin.cookie, now: T0 })).status).toBe(403);
  });

  it("filters the audit log by Asia/Shanghai days, and names a refused date", async () => {
    // 17:00 UTC on 1 June is 01:00 on 2 June in Beijing: it belongs to the 2nd.
    const late = await staffSession("viewer", TOWNSHIP, new Date("2026-06-01T17:00:00.000Z"));
    const day = async (from: string, to: string) => (await consoleGet(`/admin/audit/?actor=test&from=${from}&to=${to}`, { cookie: admin.cookie, now: T0 })).text();
    const first = await day("2026-06-01", "2026-06-01");
    expect(first).toContain(admin.staffId);
    expect(first).not.toContain(late.staffId);
    const second = await day("2026-06-02", "2026-06-02");
    expect(second).toContain(late.staffId);
    expect(second).not.toContain(admin.staffId);
    const older = await consoleGet(`/admin/audit/?actor=test&from=2026-06-01`, { cookie: admin.cookie, now: T0 });
    expect(await older.text()).toContain(late.staffId);

    const backwards = await day("2026-06-02", "2026-06-01");
    expect(backwards).toContain('href="#a-to"');
    expect(backwards).toContain("截止日期不能早于起始日期");
    const unreal = await (await consoleGet("/en/admin/audit/?from=2026-02-30", { cookie: admin.cookie, now: T0 })).text();
    expect(unreal).toContain('href="#a-from"');
    expect(unreal).toContain("Enter a real date");
  });
});
