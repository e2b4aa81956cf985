/**
 * Console test helpers: staff accounts with a passkey and a live session made directly in
 * this file's D1 (the ceremonies themselves are tested in tests/api/console-passkeys.test.ts),
 * and requests that look like the console's own forms.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { staffPasskeys } from "../../worker/auth/schema";
import { newSession } from "../../worker/auth/sessions";
import { inviteStaff } from "../../worker/auth/staff";
import { auditEntry } from "../../worker/admin/audit";
import { createDb } from "../../worker/db/client";
import type { Role } from "../../worker/domain/roles";
import { base64url, randomBytes, sha256Hex } from "../../worker/domain/secure-random";
import { systemActor } from "../../worker/writes/plan";
import { api } from "./api";

export interface TestStaff {
  staffId: string;
  passkeyId: string;
  cookie: string;
  csrf: string;
  secret: string;
}

/** An active account of `role` on `region` with one passkey and a session started at `now`. */
export async function staffSession(role: Role, region: string, now = new Date()): Promise<TestStaff> {
  const db = createDb(env.DB);
  const plan = await inviteStaff({ actor: systemActor("test"), now, db }, { name: `Test ${role}`, role, region });
  const staffId = plan.body.staff.id;
  const passkeyId = base64url(randomBytes(32));
  const session = await newSession(db, { staffId, passkeyId, now });
  await db.batch([
    ...(plan.statements as [never]),
    auditEntry(db, "test", plan.audit!, now),
    db.insert(staffPasskeys).values({ id: passkeyId, staffId, publicKey: "AA", createdAt: now.toISOString() }),
    session.statement,
  ]);
  const row = await env.DB.prepare("SELECT csrf_token FROM staff_sessions WHERE id_hash = ?").bind(await sha256Hex(session.secret)).first<{ csrf_token: string }>();
  return { staffId, passkeyId, secret: session.secret, cookie: `__Host-gk_session=${session.secret}`, csrf: row!.csrf_token };
}

/** A console form post as the browser sends it from the console's own page. */
export function consolePost(path: string, fields: Record<string, string>, options: { cookie?: string; now?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin", Origin: "null", ...options.headers };
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.now) headers["x-test-now"] = options.now;
  return api(path, { method: "POST", headers, body: new URLSearchParams(fields).toString(), redirect: "manual" });
}

export function consoleGet(path: string, options: { cookie?: string; now?: string } = {}) {
  const headers: Record<string, string> = { "Sec-Fetch-Site": "same-origin" };
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.now) headers["x-test-now"] = options.now;
  return api(path, { headers, redirect: "manual" });
}

/** A JSON post from the console's page script (the passkey ceremonies). */
export function consoleJson(path: string, body: unknown, options: { now?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json", "Sec-Fetch-Site": "same-origin", Origin: "http://portal.test", ...options.headers };
  if (options.now) headers["x-test-now"] = options.now;
  return api(path, { method: "POST", headers, body: JSON.stringify(body) });
}

export const formKey = () => `form-${crypto.randomUUID()}`;

// ---------------------------------------------------------------------------------------
// Keyset-paged lists (console and site): follow the plain "next page" links to the end
// ---------------------------------------------------------------------------------------

const unescapeHref = (href: string) => href.replaceAll("&amp;", "&");
/** The ids a list's rows carry in `attr` (data-need, data-project, …), in page order. */
export const idsOf = (html: string, attr: string) => [...html.matchAll(new RegExp(`<(?:tr|li)[^>]* ${attr}="([^"]+)"`, "g"))].map((m) => m[1]!);
/** A page's "next page" link, unescaped, or undefined on the last page. */
export const nextOf = (html: string) => {
  const href = /<a href="([^"]+)" rel="next" data-next-page/.exec(html)?.[1];
  return href && unescapeHref(href);
};

/**
 * Every page of a list from its first page on, following the "next page" links: the row ids in
 * order, and the number of pages. Each later page links back to `first`, and each next link is
 * `first` with a cursor (the filters kept).
 */
export async function walkPages(first: string, attr: string, get: (path: string) => Promise<Response>) {
  const ids: string[] = [];
  let pages = 0;
  for (let next: string | undefined = first; next; pages++) {
    const res = await get(next);
    expect(res.status).toBe(200);
    const html = await res.text();
    if (pages > 0) expect(html).toContain(`href="${first.replaceAll("&", "&amp;")}" data-first-page`);
    ids.push(...idsOf(html, attr));
    next = nextOf(html);
    if (next) expect(next.startsWith(`${first}${first.includes("?") ? "&" : "?"}cursor=`), next).toBe(true);
  }
  return { ids, pages };
}
