/**
 * The administrator console: /admin/ (zh-CN) and /en/admin/ (English), served by the same
 * Worker as the site. Every request here is checked on the server before anything else:
 *
 * - the session (worker/auth/sessions.ts) from its `__Host-` cookie: missing, ended, expired
 *   or idle → a GET goes to sign-in, anything else is a 401;
 * - the route's role (CONSOLE_ROUTES below) → 403;
 * - a state-changing request: its origin (fetch metadata and Origin, as for the site's forms)
 *   and the session's CSRF token in the form → 403;
 * - the region scope: by the write functions themselves (worker/writes/plan.ts requireScope),
 *   and by the reads, which are all within the staff member's scope.
 *
 * Forms post here and run the same write functions as the admin API through runConsoleWrite
 * (./execute.ts), acting as the staff member; a success is a 303 to the page to see next, a
 * refusal re-renders the form with its errors. Pages are Astro pages under
 * site/src/pages/[...lang]/admin/, rendered with what this module read for them.
 */
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { createDb, type Db } from "../db/client";
import { getNoticeItems } from "../db/queries/notices";
import { listObjectionsForNotice } from "../db/queries/objections";
import { roleAtLeast, type Role } from "../domain/roles";
import type { AppEnv } from "../lib/app-env";
import { ledgerKey } from "../lib/ledger-key";
import { ApiError } from "../lib/errors";
import { accessLog } from "../middleware/access-log";
import { rateLimit } from "../middleware/public-post-guard";
import { d1Session } from "../middleware/d1-session";
import { requestId } from "../middleware/request-id";
import { addDays, isLocalDate, startOfLocalDay } from "../domain/notice-window";
import { securityHeaders } from "../middleware/security-headers";
import { AnnounceNoticeBody, AnswerObjectionBody, CreateNoticeBody, EditNoticeBody, OpenNoticeBody } from "../routes/admin-notices/admin-notices.schemas";
import { inArray } from "drizzle-orm";
import { staff } from "../auth/schema";
import { listAuditEntries } from "../db/queries/audit-log";
import { allReportEvents, listReportsForAdmin } from "../db/queries/reports";
import { REPORT_CATEGORIES, REPORT_STATUSES, REPORT_TRANSITIONS, reportDeadlines } from "../domain/report-workflow";
import { ReportNoteBody, ReportTransitionBody } from "../routes/admin-reports/admin-reports.schemas";
import { loadReportInScope, noteReport, transitionReport } from "../writes/reports";
import { announceNotice, answerObjection, closeNotice, createNotice, editNotice, loadNoticeInScope, openNotice } from "../writes/notices";
import { requireScope, WriteRefusal, type WriteContext, type WritePlan } from "../writes/plan";
import { authenticationOptions, CeremonyRefusal, completeAuthentication, completeRegistration, registrationOptions, relyingPartyOf, usableInvitation } from "../auth/passkeys";
import { clearedSessionCookie, endSession, newSession, readSession, sameToken, sessionCookie, sessionSecretOf } from "../auth/sessions";
import { INVITATION_TOKEN, invitationPath, type InvitationResult, inviteStaff, reinviteStaff, revokePasskey, revokeStaff, setAccessEmail } from "../auth/staff";
import type { ConsoleFieldError, ConsoleLocals } from "../../site/src/lib/console";
import { replayedLocation } from "./execute";
import { ACCESS_HEADER, accessConfig, staffForAccessEmail, verifyAccessToken } from "../auth/access";
import { auditEntry } from "../admin/audit";
import { FUNDS_ROUTES } from "./funds";
import { PROCESS_ROUTES } from "./processes";
import { IMPORT_ROUTES, lastImport, STREAMED_PATH } from "./imports";
import { defaultField, formErrors, formHash, formOf, nowOf, page, prefixOf, refuse, submit, withDone, fileOf, FORM_MAX_BYTES, type C, type ConsoleEnv, type ConsoleRoute, type Lang } from "./kit";

export type { ConsoleRoute } from "./kit";
import { parseItems, parseItemsCsv } from "./items";
import { isMaskedName } from "../domain/name-mask";
import { consoleNotices, NoticeCursor, noticeKeyOf, ReportDueCursor, reportDueKeyOf, reportsDue, StaffCursor, staffKeyOf, staffListQuery, type NoticeSelection } from "./queries";
import { readPage, type Paging } from "./processes/paging";
import { consoleMessage, issueMessage } from "./messages";

/** Console paths, either language. */
export const CONSOLE_PATH = /^(\/en)?\/admin(\/|$)/;

// ---------------------------------------------------------------------------------------
// The route table: every console route, its method and the least role it needs (null: no
// session needed — the sign-in and invitation ceremonies). tests/contracts/console-auth.test.ts
// walks it: each protected route refuses no session, an ended or expired one, a weaker role,
// and (POST) a cross-site request or a missing CSRF token.
// ---------------------------------------------------------------------------------------
export const CONSOLE_ROUTES: ConsoleRoute[] = [
  { method: "GET", path: "/admin/sign-in", role: null, handler: signInPage },
  { method: "POST", path: "/admin/sign-in/options", role: null, handler: limited(signInOptions) },
  { method: "POST", path: "/admin/sign-in", role: null, handler: signIn },
  { method: "GET", path: "/admin/invitations/:token", role: null, handler: invitationPage },
  { method: "POST", path: "/admin/invitations/:token/options", role: null, handler: limited(invitationOptions) },
  { method: "POST", path: "/admin/invitations/:token", role: null, handler: acceptInvitation },
  { method: "POST", path: "/admin/sign-out", role: "viewer", handler: signOut },
  { method: "GET", path: "/admin", role: "viewer", handler: todoPage },
  { method: "GET", path: "/admin/notices", role: "viewer", handler: noticesPage },
  { method: "GET", path: "/admin/notices/new", role: "editor", handler: async (c) => page(c, "notice-new", await draftPageData(c)) },
  { method: "POST", path: "/admin/notices/new", role: "editor", handler: (c) => draftForm(c, "create") },
  { method: "GET", path: "/admin/notices/:id", role: "viewer", handler: (c) => noticePage(c) },
  { method: "GET", path: "/admin/notices/:id/edit", role: "editor", handler: editDraftPage },
  { method: "POST", path: "/admin/notices/:id/edit", role: "editor", handler: (c) => draftForm(c, "edit") },
  { method: "POST", path: "/admin/notices/:id/open", role: "editor", handler: (c) => noticeAction(c, "open") },
  { method: "POST", path: "/admin/notices/:id/close", role: "editor", handler: (c) => noticeAction(c, "close") },
  { method: "POST", path: "/admin/notices/:id/announce", role: "editor", handler: (c) => noticeAction(c, "announce") },
  { method: "POST", path: "/admin/notices/:id/objections/:objection", role: "editor", handler: answerForm },
  { method: "GET", path: "/admin/reports", role: "viewer", handler: reportsPage },
  { method: "GET", path: "/admin/reports/:id", role: "viewer", handler: (c) => reportPage(c) },
  { method: "POST", path: "/admin/reports/:id/transition", role: "editor", handler: reportTransitionForm },
  { method: "POST", path: "/admin/reports/:id/note", role: "editor", handler: reportNoteForm },
  ...FUNDS_ROUTES,
  ...PROCESS_ROUTES,
  ...IMPORT_ROUTES,
  { method: "GET", path: "/admin/audit", role: "admin", handler: auditPage },
  { method: "GET", path: "/admin/staff", role: "admin", handler: (c) => staffPage(c) },
  { method: "POST", path: "/admin/staff", role: "admin", handler: inviteForm },
  { method: "POST", path: "/admin/staff/:id/reinvite", role: "admin", handler: (c) => staffAction(c, "reinvite") },
  { method: "POST", path: "/admin/staff/:id/revoke", role: "admin", handler: (c) => staffAction(c, "revoke") },
  { method: "POST", path: "/admin/staff/:id/passkeys/:passkey/revoke", role: "admin", handler: (c) => staffAction(c, "revoke-passkey") },
  { method: "POST", path: "/admin/staff/:id/access-email", role: "admin", handler: (c) => staffAction(c, "access-email") },
];

/**
 * The ceremonies anyone may start (each stores a challenge) are rate limited per client like
 * the public forms (PUBLIC_POST_LIMITER, wrangler.toml).
 */
function limited(handler: (c: C) => Promise<Response>) {
  const limit = rateLimit("console-passkey");
  return async (c: C) => {
    let response: Response | undefined;
    try {
      await limit(c as unknown as Context<AppEnv>, async () => {
        response = await handler(c);
      });
    } catch (error) {
      if (error instanceof ApiError) return c.json({ error: { code: error.code, message: error.message, details: error.details, request_id: c.get("requestId") } }, error.status, error.headers);
      throw error;
    }
    return response!;
  };
}

export function createConsole() {
  const app = new Hono<ConsoleEnv>({ strict: false });
  app.use("*", requestId);
  app.use("*", accessLog);
  app.use("*", securityHeaders);
  app.use("*", d1Session);
  app.use("*", async (c, next) => {
    c.set("lang", c.req.path.startsWith("/en/") ? "en" : "zh-cn");
    await next();
    // Never cached anywhere, never indexed, whatever the answer.
    c.res.headers.set("Cache-Control", "no-store");
    c.res.headers.set("X-Robots-Tag", "noindex, nofollow");
  });
  const formLimit = bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => c.text("The form is too large to send.", 413) });
  // An upload is streamed by its handler (worker/console/imports), never held whole.
  app.post("*", (c, next) => (STREAMED_PATH.test(c.req.path) ? next() : formLimit(c, next)));
  for (const route of CONSOLE_ROUTES) {
    for (const prefix of ["", "/en"]) {
      app.on(route.method, [`${prefix}${route.path}`, `${prefix}${route.path}/`], guard(route), route.handler);
    }
  }
  app.all("*", (c) => c.text("Not found", 404));
  app.onError((err, c) => {
    if (err instanceof WriteRefusal && (err.kind === "forbidden" || err.kind === "not_found")) return refusalPage(c as C, err);
    throw err;
  });
  return app;
}

// ---------------------------------------------------------------------------------------
// Request protection
// ---------------------------------------------------------------------------------------

/**
 * A request from this site's own pages. Browsers send `Origin: null` for posts from pages with
 * `Referrer-Policy: no-referrer` (ours), so fetch metadata decides: another site's page is
 * `Sec-Fetch-Site: cross-site` or `same-site`, and its Origin, when sent, names it.
 */
export function sameOriginRequest(request: Request): boolean {
  const site = request.headers.get("Sec-Fetch-Site");
  if (site && site !== "same-origin") return false;
  const origin = request.headers.get("Origin");
  return origin === null || origin === "null" || origin === new URL(request.url).origin;
}

function guard(route: ConsoleRoute) {
  return async (c: C, next: () => Promise<void>) => {
    const post = c.req.method === "POST";
    if (post && !sameOriginRequest(c.req.raw)) return refuse(c, 403, "cross_site");
    if (route.role === null) return next();
    const db = createDb(c.env.DB);
    const found = await readSession(db, sessionSecretOf(c.req.raw), nowOf(c));
    if ("problem" in found) {
      if (!post) {
        const signIn = `${prefixOf(c)}/admin/sign-in?next=${encodeURIComponent(c.req.path)}${found.problem === "none" ? "" : "&ended=1"}`;
        return c.redirect(signIn, 303);
      }
      return refuse(c, 401, "signed_out");
    }
    const { session } = found;
    if (!roleAtLeast(session.role, route.role)) return refuse(c, 403, "role");
    if (post && !route.streamed) {
      const form = await formOf(c);
      if (!sameToken(String(form.csrf_token ?? ""), session.csrfToken)) return refuse(c, 403, "csrf");
    }
    c.set("session", session);
    c.set("actor", { kind: "session", id: session.staffId, role: session.role, regionCode: session.regionCode });
    await next();
  };
}

function refusalPage(c: C, refusal: WriteRefusal) {
  const status = refusal.kind === "forbidden" ? 403 : 404;
  return page(c, "refused", { reason: refusal.kind === "forbidden" ? "scope" : "not_found", status }, status);
}

/** The request's clock (frozen by tests through x-test-now, as for the API). */


// ---------------------------------------------------------------------------------------
// Sign-in and invitations (JSON: WebAuthn needs the page script)
// ---------------------------------------------------------------------------------------

async function jsonBody(c: C): Promise<unknown> {
  if (!(c.req.header("Content-Type") ?? "").startsWith("application/json")) return undefined;
  try {
    return await c.req.json();
  } catch {
    return undefined;
  }
}

/** The browser's credential as @simplewebauthn/browser sends it; the library checks the rest. */
const CredentialJson = z.looseObject({
  id: z.string().min(16).max(1400),
  rawId: z.string().min(16).max(1400),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().min(1).max(4000) }),
});

function ceremonyError(c: C, error: unknown) {
  if (error instanceof CeremonyRefusal) {
    return c.json({ error: { code: error.reason, message: consoleMessage(c.get("lang"), error.reason, error.reason), details: [], request_id: c.get("requestId") } }, error.reason.startsWith("invitation") ? 410 : 400);
  }
  throw error;
}

function withSession(c: C, secret: string, location: string) {
  c.header("Set-Cookie", sessionCookie(secret));
  return c.json({ redirect: location }, 200);
}

async function signInPage(c: C) {
  const query = new URL(c.req.url).searchParams;
  const viaAccess = await accessSignIn(c, safeNext(c, query.get("next") ?? undefined));
  if (viaAccess) return viaAccess;
  return page(c, "sign-in", { next: safeNext(c, query.get("next") ?? undefined), ended: query.get("ended") === "1", signedOut: query.get("signed_out") === "1" });
}

async function signInOptions(c: C) {
  return c.json(await authenticationOptions(createDb(c.env.DB), relyingPartyOf(c.req.raw), nowOf(c)), 200);
}

/**
 * With Cloudflare Access configured and its signed identity on the request, the sign-in page
 * starts a session for the account mapped to that e-mail (worker/auth/access.ts) and goes on.
 * Without Access, or with an identity that is not valid or not mapped, the passkey page shows
 * as usual (nothing tells a visitor which addresses are mapped).
 */
async function accessSignIn(c: C, next: string): Promise<Response | undefined> {
  const config = accessConfig(c.env);
  const token = c.req.header(ACCESS_HEADER);
  if (!config || !token) return undefined;
  const now = nowOf(c);
  const verified = await verifyAccessToken(token, config, now);
  if ("problem" in verified) return undefined;
  const db = createDb(c.env.DB);
  const account = await staffForAccessEmail(db, verified.email);
  if (!account) return undefined;
  const session = await newSession(db, { staffId: account.id, passkeyId: null, now });
  await db.batch([session.statement, auditEntry(db, account.id, { action: "access.sign_in", targetType: "staff", targetId: account.id, regionCode: account.regionCode, summary: "Signed in through Cloudflare Access" }, now)]);
  c.header("Set-Cookie", sessionCookie(session.secret));
  return c.redirect(next, 303);
}

function safeNext(c: C, next: string | undefined): string {
  // Only a console path of this site: never an open redirect.
  return next && /^(\/en)?\/admin(\/[A-Za-z0-9_/-]*)?$/.test(next) ? next : `${prefixOf(c)}/admin/`;
}

async function signIn(c: C) {
  const body = await jsonBody(c);
  const parsed = z.object({ credential: CredentialJson, next: z.string().max(200).optional() }).safeParse(body);
  if (!parsed.success) return c.json({ error: { code: "invalid_request", message: "Send the passkey's answer as JSON.", details: [], request_id: c.get("requestId") } }, 400);
  try {
    const { secret } = await completeAuthentication(createDb(c.env.DB), relyingPartyOf(c.req.raw), parsed.data.credential as unknown as AuthenticationResponseJSON, nowOf(c));
    return withSession(c, secret, safeNext(c, parsed.data.next));
  } catch (error) {
    return ceremonyError(c, error);
  }
}

async function invitationPage(c: C) {
  const token = c.req.param("token") ?? "";
  try {
    if (!INVITATION_TOKEN.test(token)) throw new CeremonyRefusal("invitation_unknown");
    const invitation = await usableInvitation(createDb(c.env.DB), token, nowOf(c));
    return page(c, "invitation", { name: invitation.name, role: invitation.role, region: invitation.regionCode, token });
  } catch (error) {
    if (error instanceof CeremonyRefusal) return page(c, "invitation", { problem: error.reason, message: consoleMessage(c.get("lang"), error.reason, error.reason) }, 410);
    throw error;
  }
}

async function invitationOptions(c: C) {
  const token = c.req.param("token") ?? "";
  try {
    if (!INVITATION_TOKEN.test(token)) throw new CeremonyRefusal("invitation_unknown");
    return c.json(await registrationOptions(createDb(c.env.DB), relyingPartyOf(c.req.raw), token, nowOf(c)), 200);
  } catch (error) {
    return ceremonyError(c, error);
  }
}

async function acceptInvitation(c: C) {
  const token = c.req.param("token") ?? "";
  const parsed = z.object({ credential: CredentialJson, label: z.string().trim().max(100).optional() }).safeParse(await jsonBody(c));
  if (!parsed.success) return c.json({ error: { code: "invalid_request", message: "Send the passkey's answer as JSON.", details: [], request_id: c.get("requestId") } }, 400);
  try {
    if (!INVITATION_TOKEN.test(token)) throw new CeremonyRefusal("invitation_unknown");
    const done = await completeRegistration(createDb(c.env.DB), relyingPartyOf(c.req.raw), token, parsed.data.credential as unknown as RegistrationResponseJSON, nowOf(c), parsed.data.label ?? "");
    return withSession(c, done.secret, `${prefixOf(c)}/admin/`);
  } catch (error) {
    return ceremonyError(c, error);
  }
}

async function signOut(c: C) {
  await endSession(createDb(c.env.DB), c.get("session"), nowOf(c));
  c.header("Set-Cookie", clearedSessionCookie());
  return c.redirect(`${prefixOf(c)}/admin/sign-in?signed_out=1`, 303);
}

// ---------------------------------------------------------------------------------------
// To do, notices
// ---------------------------------------------------------------------------------------

/**
 * The to-do page's groups: each a keyset-paged list (100 a page) with its own cursor parameter,
 * so one group's "next page" keeps the others where they are.
 */
const TODO_NOTICE_GROUPS = ["to_close", "to_announce", "unanswered", "drafts"] as const;
const TODO_REPORT_GROUPS = ["reports_overdue", "reports_due"] as const;
const TODO_PARAMS = [...TODO_NOTICE_GROUPS, ...TODO_REPORT_GROUPS] as const;

async function todoPage(c: C) {
  const db = createDb(c.env.DB);
  const scope = c.get("session").regionCode;
  const now = nowOf(c);
  const at = now.toISOString();
  const selections: Record<(typeof TODO_NOTICE_GROUPS)[number], NoticeSelection> = {
    to_close: { statuses: ["open"], closedBy: at },
    to_announce: { statuses: ["closed"] },
    unanswered: { unanswered: true },
    drafts: { statuses: ["draft"] },
  };
  const soon = new Date(now.getTime() + 7 * 86400_000).toISOString();
  const dues = { reports_overdue: { by: at }, reports_due: { after: at, by: soon } };
  const [notices, reports, latestImport] = await Promise.all([
    Promise.all(TODO_NOTICE_GROUPS.map((g) => readPage(c, NoticeCursor, (after, limit) => consoleNotices(db, scope, selections[g], after, limit), noticeKeyOf, g))),
    Promise.all(TODO_REPORT_GROUPS.map((g) => readPage(c, ReportDueCursor, (after, limit) => reportsDue(db, scope, dues[g], after, limit), reportDueKeyOf, g))),
    lastImport(c.env.DB, scope),
  ]);
  const groups: Record<string, { rows: unknown[]; paging: Paging }> = {};
  TODO_NOTICE_GROUPS.forEach((g, i) => (groups[g] = notices[i]!));
  TODO_REPORT_GROUPS.forEach((g, i) => (groups[g] = reports[i]!));
  const cursors = Object.fromEntries(TODO_PARAMS.map((p) => [p, c.req.query(p) ?? ""]));
  const status = [...notices, ...reports].some((p) => p.status === 400) ? 400 : 200;
  return page(c, "todo", { now: at, groups, cursors, lastImport: latestImport }, status);
}

/** /admin/notices/: every notice in scope, unfinished first, 100 a page (`?cursor=`, no OFFSET). */
async function noticesPage(c: C) {
  const db = createDb(c.env.DB);
  const scope = c.get("session").regionCode;
  const { rows, paging, status } = await readPage(c, NoticeCursor, (after, limit) => consoleNotices(db, scope, {}, after, limit), noticeKeyOf);
  return page(c, "notices", { notices: rows, paging }, status);
}

async function editDraftPage(c: C) {
  const id = c.req.param("id") ?? "";
  if (!NOTICE_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  return page(c, "notice-new", await draftPageData(c, id));
}

async function noticeData(c: C, db: Db, id: string) {
  const notice = await loadNoticeInScope({ actor: c.get("actor"), db }, id);
  const [items, objections] = await Promise.all([getNoticeItems(db, id), listObjectionsForNotice(db, id)]);
  return { notice, items, objections, now: nowOf(c).toISOString() };
}

const NOTICE_ID = /^ntc_[0-9a-z]{1,40}$/;

async function noticePage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const id = c.req.param("id") ?? "";
  if (!NOTICE_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  return page(c, "notice", await noticeData(c, createDb(c.env.DB), id), status, form);
}

/**
 * The draft form: a new draft (optionally correcting an open or closed notice: `supersedes`)
 * or an edit of a draft. Fields → the admin API's CreateNoticeBody / EditNoticeBody; items
 * from the pasted table or an uploaded CSV file (which wins when both are given). An edit
 * that sends no items keeps the draft's items.
 */
async function draftForm(c: C, mode: "create" | "edit") {
  const form = await formOf(c);
  const session = c.get("session");
  const lang = c.get("lang");
  const id = c.req.param("id") ?? "";
  if (mode === "edit" && !NOTICE_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const db = createDb(c.env.DB);
  const again = async (errors: ConsoleFieldError[], status: number) => {
    const { csrf_token: _c, idempotency_key: _k, ...values } = form;
    return page(c, "notice-new", await draftPageData(c, mode === "edit" ? id : undefined), status, { action: mode, errors, values });
  };
  if (mode === "edit") {
    const replayed = await replayedLocation(db, c.get("actor").id, { key: form.idempotency_key ?? "", hash: await formHash(c, form) });
    if (replayed) return c.redirect(replayed, 303);
    const current = await loadNoticeInScope({ actor: c.get("actor"), db }, id);
    if (form.updated_at !== current.updatedAt) return again([{ field: "form", message: consoleMessage(lang, "stale_form", "") }], 409);
  }
  const file = await fileOf(c, "items_file");
  const typed = file ? fromCsv(lang, parseItemsCsv(file)) : fromPasted(lang, parseItems(form.items ?? ""));
  if (typed.errors.length > 0) return again(typed.errors, 400);
  // Names read back from a notice (a correction starts from its items) are already masked.
  const items = typed.items.map(({ name, ...rest }) => (isMaskedName(name) ? { masked_name: name, ...rest } : { name, ...rest }));
  const supersedes = mode === "create" && NOTICE_ID.test(form.supersedes ?? "") ? form.supersedes : undefined;
  const input = {
    type: form.type,
    region: form.region,
    title_zh: form.title_zh,
    ...(form.title_en?.trim() ? { title_en: form.title_en } : mode === "edit" ? { title_en: null } : {}),
    body_zh: form.body_zh,
    ...(form.body_en?.trim() ? { body_en: form.body_en } : mode === "edit" ? { body_en: null } : {}),
    issuer: form.issuer,
    ...(supersedes && { supersedes }),
    ...(items.length > 0 ? { items } : {}),
  };
  // A problem in items.N is shown by the items box with its line in the pasted text or file.
  const fieldOf = (path: string) => {
    const m = /^body\.items\.(\d+)/.exec(path);
    return m ? "items" : defaultField(path);
  };
  const itemLine = (path: string, message: string) => {
    const m = /^body\.items\.(\d+)/.exec(path);
    return m ? consoleMessage(lang, "items_line", `${typed.lines[Number(m[1])]}`) + ` — ${message}` : message;
  };
  const parsed = mode === "create" ? CreateNoticeBody.safeParse(input) : EditNoticeBody.safeParse(input);
  if (!parsed.success) {
    return again(parsed.error.issues.map((i) => {
      const path = ["body", ...i.path.map(String)].join(".");
      return { field: fieldOf(path), message: itemLine(path, issueMessage(lang, i as never)) };
    }), 400);
  }
  if (mode === "edit") return submit(c, (ctx) => editNotice(ctx, id, parsed.data), () => withDone(`${prefixOf(c)}/admin/notices/${id}`, "edited"), again, fieldOf);
  return submit(c, (ctx) => createNotice(ctx, parsed.data as z.infer<typeof CreateNoticeBody>), (r) => withDone(`${prefixOf(c)}/admin/notices/${r.notice.id}`, "created"), again, fieldOf);
}

/** What the draft form starts from: empty, a draft to edit, or the notice a new draft corrects. */
async function draftPageData(c: C, editing?: string) {
  const scope = c.get("session").regionCode;
  const base = editing ?? new URL(c.req.url).searchParams.get("supersedes") ?? undefined;
  if (!base || !NOTICE_ID.test(base)) return { scope };
  const db = createDb(c.env.DB);
  const notice = await loadNoticeInScope({ actor: c.get("actor"), db }, base);
  const items = await getNoticeItems(db, base);
  return {
    scope,
    mode: editing ? "edit" : "correct",
    notice: { id: notice.id, type: notice.type, region: notice.regionCode, title_zh: notice.titleZh, title_en: notice.titleEn ?? "", body_zh: notice.bodyZh, body_en: notice.bodyEn ?? "", issuer: notice.issuer, status: notice.status, updatedAt: notice.updatedAt, itemCount: items.length },
    // A correction starts from the corrected notice's items (masked, as published); an edit
    // keeps the draft's items unless new ones are pasted or uploaded.
    items: editing ? "" : items.map((i) => `${i.maskedName}\t${i.villageGroup}\t${i.householdSize}`).join("\n"),
  };
}

function fromPasted(lang: Lang, pasted: ReturnType<typeof parseItems>) {
  return { items: pasted.items, lines: pasted.lines, errors: pasted.badLines.map((line) => ({ field: "items", message: consoleMessage(lang, "items_columns", String(line)) })) };
}

function fromCsv(lang: Lang, read: ReturnType<typeof parseItemsCsv>) {
  return { items: read.items, lines: read.lines, errors: read.problems.map((p) => ({ field: "items_file", message: consoleMessage(lang, `items_csv_${p.kind}`, `${p.line}`).replace("{col}", p.column ? String(p.column) : "") })) };
}

/**
 * Open, close, announce. The form carries the notice's updated_at as the page showed it: if
 * the notice moved on since (someone else acted), the form is stale and says so rather than
 * acting on a notice the clerk has not seen.
 */
async function noticeAction(c: C, action: "open" | "close" | "announce") {
  const id = c.req.param("id") ?? "";
  if (!NOTICE_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const db = createDb(c.env.DB);
  const lang = c.get("lang");
  const again = (errors: ConsoleFieldError[], status: number) => {
    const { csrf_token: _c, idempotency_key: _k, ...values } = form;
    return noticePage(c, { action, errors, values }, status);
  };
  const current = await loadNoticeInScope({ actor: c.get("actor"), db }, id);
  const location = withDone(`${prefixOf(c)}/admin/notices/${id}`, action === "open" ? "opened" : action === "close" ? "closed" : "announced");
  const replayed = await replayedLocation(db, c.get("actor").id, { key: form.idempotency_key ?? "", hash: await formHash(c, form) });
  if (replayed) return c.redirect(replayed, 303);
  if (form.updated_at !== current.updatedAt) return again([{ field: "form", message: consoleMessage(lang, "stale_form", "") }], 409);
  const blank = (v: string | undefined) => (v && v.trim() !== "" ? v : undefined);
  if (action === "open") {
    const parsed = OpenNoticeBody.safeParse({ ...(blank(form.period_start) && { period_start: form.period_start }), ...(blank(form.period_end) && { period_end: form.period_end }) });
    if (!parsed.success) return again(formErrors(parsed.error, lang), 400);
    return submit(c, async (ctx) => openNotice({ ...ctx, key: await ledgerKey(c.env) }, id, parsed.data), () => location, again);
  }
  if (action === "close") return submit(c, (ctx) => closeNotice(ctx, id), () => location, again);
  const parsed = AnnounceNoticeBody.safeParse({ announcement_zh: form.announcement_zh, ...(blank(form.announcement_en) && { announcement_en: form.announcement_en }) });
  if (!parsed.success) return again(formErrors(parsed.error, lang), 400);
  return submit(c, async (ctx) => announceNotice({ ...ctx, key: await ledgerKey(c.env) }, id, parsed.data), () => location, again);
}

async function answerForm(c: C) {
  const id = c.req.param("id") ?? "";
  const objection = c.req.param("objection") ?? "";
  if (!NOTICE_ID.test(id) || !/^obj_[0-9a-z]{1,40}$/.test(objection)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const lang = c.get("lang");
  const again = (errors: ConsoleFieldError[], status: number) => {
    const { csrf_token: _c, idempotency_key: _k, ...values } = form;
    return noticePage(c, { action: `answer-${objection}`, errors, values }, status);
  };
  const parsed = AnswerObjectionBody.safeParse({ upheld: form.upheld === "yes" ? true : form.upheld === "no" ? false : undefined, answer: form.answer });
  if (!parsed.success) return again(formErrors(parsed.error, lang), 400);
  return submit(c, (ctx) => answerObjection(ctx, objection, parsed.data), () => withDone(`${prefixOf(c)}/admin/notices/${id}`, "answered"), again);
}

// ---------------------------------------------------------------------------------------
// Reports: the queue (filters as a GET form), one report's timeline, transitions and notes
// ---------------------------------------------------------------------------------------

const ReportFilters = z.strictObject({
  status: z.enum(REPORT_STATUSES).optional(),
  category: z.enum(REPORT_CATEGORIES).optional(),
  overdue: z.enum(["true", "false"]).optional(),
});
/** A stored report's deadlines (the workflow's rule takes instants). */
const deadlinesOf = (r: { status: (typeof REPORT_STATUSES)[number]; receivedAt: string; acknowledgedAt: string | null; resolvedAt: string | null }, now: Date) =>
  reportDeadlines({ status: r.status, receivedAt: new Date(r.receivedAt), acknowledgedAt: r.acknowledgedAt ? new Date(r.acknowledgedAt) : null, resolvedAt: r.resolvedAt ? new Date(r.resolvedAt) : null }, now);
const REPORT_ID = /^rpt_[0-9a-z]{1,40}$/;

/** A report's place in the queue: received_at, then id (oldest first). */
const ReportCursor = z.tuple([z.string(), z.string()]);

/** /admin/reports/: the queue within scope, filtered, oldest first, 100 a page (`?cursor=`, the filters kept). */
async function reportsPage(c: C) {
  const query = Object.fromEntries([...new URL(c.req.url).searchParams].filter(([k, v]) => v !== "" && k !== "cursor"));
  const parsed = ReportFilters.safeParse(query);
  const filters = parsed.success ? parsed.data : {};
  const now = nowOf(c);
  const db = createDb(c.env.DB);
  const selection = { region: c.get("session").regionCode, status: filters.status, category: filters.category, overdue: filters.overdue === undefined ? undefined : filters.overdue === "true" };
  const { rows, paging, status } = await readPage(c, ReportCursor, (after, limit) => listReportsForAdmin(db, selection, now, after, limit), (r) => [r.receivedAt, r.id] as [string, string]);
  return page(
    c,
    "reports",
    {
      filters,
      invalidFilters: !parsed.success,
      reports: rows.map((r) => ({ id: r.id, category: r.category, region_code: r.regionCode, status: r.status, received_at: r.receivedAt, overdue: deadlinesOf(r, now).overdue })),
      paging,
    },
    status,
  );
}

async function reportPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const id = c.req.param("id") ?? "";
  if (!REPORT_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const db = createDb(c.env.DB);
  const report = await loadReportInScope({ actor: c.get("actor"), db }, id);
  const events = await allReportEvents(db, id);
  const session = c.get("session");
  // The reporter's contact is for those who act on the report, not for viewers.
  const contact = roleAtLeast(session.role, "editor") ? report.contact : null;
  return page(
    c,
    "report",
    {
      report: { ...report, contact, deadlines: deadlinesOf(report, nowOf(c)) },
      events: events.map((e) => ({ at: e.at, kind: e.kind, from: e.fromStatus, to: e.toStatus, public_text: e.publicText, internal_note: e.internalNote, by: e.tokenId })),
      next: REPORT_TRANSITIONS[report.status],
    },
    status,
    form,
  );
}

async function reportTransitionForm(c: C) {
  const id = c.req.param("id") ?? "";
  if (!REPORT_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const { csrf_token: _c, idempotency_key: _k, ...values } = form;
  const again = (errors: ConsoleFieldError[], status: number) => reportPage(c, { action: "transition", errors, values }, status);
  const blank = (v: string | undefined) => (v && v.trim() !== "" ? v : undefined);
  // `from` is the status the page showed: a report moved on meanwhile is refused by the write.
  const parsed = ReportTransitionBody.safeParse({ from: form.from, to: form.to, ...(blank(form.public_text) && { public_text: form.public_text }), ...(blank(form.internal_note) && { internal_note: form.internal_note }) });
  if (!parsed.success) return again(formErrors(parsed.error, c.get("lang")), 400);
  return submit(c, (ctx) => transitionReport(ctx, id, parsed.data), () => withDone(`${prefixOf(c)}/admin/reports/${id}`, "report_moved"), again);
}

async function reportNoteForm(c: C) {
  const id = c.req.param("id") ?? "";
  if (!REPORT_ID.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const form = await formOf(c);
  const { csrf_token: _c, idempotency_key: _k, ...values } = form;
  const again = (errors: ConsoleFieldError[], status: number) => reportPage(c, { action: "note", errors, values }, status);
  const blank = (v: string | undefined) => (v && v.trim() !== "" ? v : undefined);
  const parsed = ReportNoteBody.safeParse({ ...(blank(form.public_text) && { public_text: form.public_text }), ...(blank(form.internal_note) && { internal_note: form.internal_note }) });
  if (!parsed.success) return again(formErrors(parsed.error, c.get("lang"), () => "public_text"), 400);
  return submit(c, (ctx) => noteReport(ctx, id, parsed.data), () => withDone(`${prefixOf(c)}/admin/reports/${id}`, "report_noted"), again);
}

// ---------------------------------------------------------------------------------------
// Audit log (administrators): by person, region and action, newest first, keyset pages
// ---------------------------------------------------------------------------------------

const AuditFilters = z.strictObject({
  region: z.string().regex(/^\d{12}$/).optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  /** Asia/Shanghai calendar days, both included (the portal's one day for every date). */
  from: z.string().refine(isLocalDate, "date").optional(),
  to: z.string().refine(isLocalDate, "date").optional(),
  before: z.coerce.number().int().positive().optional(),
}).refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "range" });
const AUDIT_PAGE = 100;

async function auditPage(c: C) {
  const query = Object.fromEntries([...new URL(c.req.url).searchParams].filter(([, v]) => v.trim() !== ""));
  const parsed = AuditFilters.safeParse(query);
  const filters = parsed.success ? parsed.data : {};
  const scope = c.get("session").regionCode;
  const region = filters.region ?? scope;
  // Another region than the scope's own or below is refused like any out-of-scope read.
  requireScope(c.get("actor"), region, "query.region");
  const db = createDb(c.env.DB);
  const rows = await listAuditEntries(
    db,
    {
      region,
      actor: filters.actor,
      action: filters.action,
      since: filters.from ? startOfLocalDay(filters.from).toISOString() : undefined,
      until: filters.to ? startOfLocalDay(addDays(filters.to, 1)).toISOString() : undefined,
    },
    filters.before,
    AUDIT_PAGE + 1,
  );
  const shown = rows.slice(0, AUDIT_PAGE);
  const actorIds = [...new Set(shown.map((r) => r.actor).filter((a) => a.startsWith("stf_")))];
  const names = actorIds.length ? await db.select({ id: staff.id, name: staff.name }).from(staff).where(inArray(staff.id, actorIds)) : [];
  return page(c, "audit", {
    filters: parsed.success ? { ...filters, region } : { ...query, region },
    invalidFilters: !parsed.success,
    // Which filter was refused and why: the page says it in its language.
    filterErrors: parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "form"), problem: i.message === "range" || i.message === "date" ? i.message : "invalid" })),
    entries: shown.map((r) => ({ ...r, actorName: names.find((n) => n.id === r.actor)?.name ?? null })),
    older: rows.length > AUDIT_PAGE ? shown[shown.length - 1]!.id : null,
  });
}

// ---------------------------------------------------------------------------------------
// Staff (administrators)
// ---------------------------------------------------------------------------------------

/**
 * A new invitation's link is shown once, on the page the invite redirects to: it travels
 * there in a short-lived cookie scoped to that page (never in a URL, never stored: the
 * database holds only its hash), and is cleared by the page that shows it.
 */
const INVITE_COOKIE = "gk_invite";

async function staffPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const cookie = c.req.header("Cookie") ?? "";
  const raw = cookie.split(/;\s*/).find((p) => p.startsWith(`${INVITE_COOKIE}=`))?.slice(INVITE_COOKIE.length + 1);
  const invited = raw && /^stf_[0-9A-Z]{1,20}~inv_[A-Za-z0-9_-]{43}$/.test(raw) ? raw.split("~") : undefined;
  const db = createDb(c.env.DB);
  const scope = c.get("session").regionCode;
  // 100 accounts a page (`?cursor=`); a refused form shows the first page again.
  const { rows: staffRows, paging, status: listStatus } = await readPage(c, StaffCursor, (after, limit) => staffListQuery(db, scope, after, limit), staffKeyOf);
  const url = new URL(c.req.url);
  const response = await page(
    c,
    "staff",
    {
      staff: staffRows.map((s) => ({ ...s, passkeys: JSON.parse(s.passkeys) as unknown[] })),
      paging,
      invited: invited ? { staffId: invited[0], link: `${url.origin}${invitationPath(invited[1]!, c.get("lang"))}` } : null,
      scope: c.get("session").regionCode,
      self: c.get("session").staffId,
    },
    status === 200 ? listStatus : status,
    form,
  );
  if (invited) response.headers.append("Set-Cookie", inviteCookie(c, "", 0));
  return response;
}

function inviteCookie(c: C, value: string, maxAge: number) {
  return `${INVITE_COOKIE}=${value}; Path=${prefixOf(c)}/admin/staff; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;
}

const InviteForm = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: z.enum(["viewer", "editor", "admin"]),
  region: z.string().regex(/^\d{12}$/, "must be a 12-digit region code"),
});

async function inviteForm(c: C) {
  const form = await formOf(c);
  const { csrf_token: _c, idempotency_key: _k, ...values } = form;
  const again = (errors: ConsoleFieldError[], status: number) => staffPage(c, { action: "invite", errors, values }, status);
  const parsed = InviteForm.safeParse(values);
  if (!parsed.success) return again(formErrors(parsed.error, c.get("lang")), 400);
  return withInvitationLink(c, (ctx) => inviteStaff(ctx, parsed.data), again);
}

/**
 * Runs an invitation write and hands its link to the next page. The link's secret is known
 * only to this request: it is never in a stored response (a replayed form shows no link;
 * invite again instead).
 */
async function withInvitationLink(c: C, write: (ctx: WriteContext) => Promise<WritePlan<InvitationResult>>, again: (errors: ConsoleFieldError[], status: number) => Promise<Response>, fieldOf?: (path: string) => string) {
  let made: InvitationResult | undefined;
  const response = await submit(
    c,
    async (ctx) => {
      const plan = await write(ctx);
      made = plan.body;
      return { ...plan, body: { staff: plan.body.staff } as InvitationResult };
    },
    (r) => withDone(`${prefixOf(c)}/admin/staff/`, `invited:${r.staff.id}`),
    again,
    fieldOf,
  );
  if (made && response.status === 303) response.headers.append("Set-Cookie", inviteCookie(c, `${made.staff.id}~${made.token}`, 600));
  return response;
}

async function staffAction(c: C, action: "reinvite" | "revoke" | "revoke-passkey" | "access-email") {
  const id = c.req.param("id") ?? "";
  const passkey = c.req.param("passkey") ?? "";
  if (!/^stf_[0-9A-Z]{1,20}$/.test(id)) return page(c, "refused", { reason: "not_found", status: 404 }, 404);
  const email = action === "access-email" ? ((await formOf(c)).access_email?.trim() ?? "") : undefined;
  // The page again names the account the refused form was about: its summary links to that
  // account's field (the Access e-mail, typed value kept) or, for a button, to the account.
  const again = (errors: ConsoleFieldError[], status: number) => staffPage(c, { action, errors, values: { staff: id, ...(email !== undefined && { access_email: email }) } }, status);
  const back = (done: string) => withDone(`${prefixOf(c)}/admin/staff/`, done);
  const fieldOf = (path: string) => (path === "body.access_email" ? "access_email" : "staff");
  if (action === "reinvite") return withInvitationLink(c, (ctx) => reinviteStaff(ctx, id), again, fieldOf);
  if (action === "revoke") return submit(c, (ctx) => revokeStaff(ctx, id), () => back("revoked"), again, fieldOf);
  if (action === "access-email") return submit(c, (ctx) => setAccessEmail(ctx, id, email === "" ? null : email!), () => back("access_email"), again, fieldOf);
  return submit(c, (ctx) => revokePasskey(ctx, id, passkey), () => back("passkey_revoked"), again, fieldOf);
}

