/**
 * What every console screen's handler shares: the request's language, clock and posted form,
 * rendering a screen (an Astro view given its data), a refused form's errors, and running a
 * form's write through runConsoleWrite. Kept apart from the route table (./index.ts) so each
 * area's screens (notices, funds, imports, monitoring) live in their own module.
 */
import type { Context } from "hono";
import { z } from "zod";
import { renderPage as renderAstroPage, styleHashes } from "gongkai-site";
import { createDb } from "../db/client";
import { base64url, randomBytes, sha256Hex } from "../domain/secure-random";
import type { AppEnv } from "../lib/app-env";
import { clock } from "../lib/clock";
import { createPageRenderer, siteCsp } from "../pages/render";
import { WriteRefusal, type Actor, type WriteContext, type WritePlan } from "../writes/plan";
import type { StaffSession } from "../auth/sessions";
import type { Role } from "../domain/roles";
import { parseYuan } from "./funds/yuan";
import type { ConsoleFieldError, ConsoleLocals } from "../../site/src/lib/console";
import { runConsoleWrite } from "./execute";
import { consoleMessage, issueMessage } from "./messages";
import { NATIONAL_SCOPE } from "../writes/plan";

export type Lang = "zh-cn" | "en";
export interface ConsoleVars {
  session: StaffSession;
  actor: Actor;
  lang: Lang;
}
export type ConsoleEnv = { Bindings: Env; Variables: AppEnv["Variables"] & ConsoleVars };
export type C = Context<ConsoleEnv>;

// The site's CSP with the build's style hashes (the console's stylesheets are inlined too).
export const renderPage = createPageRenderer(renderAstroPage, siteCsp(styleHashes));

/** A posted form's size limit (uploads stream instead: worker/console/imports). */
export const FORM_MAX_BYTES = 512 * 1024;

/**
 * One console route: its method, path and the least role it needs (null: no session needed,
 * the sign-in and invitation ceremonies). Each area's module exports its routes; the route
 * table (./index.ts) puts them together and guards them.
 */
export interface ConsoleRoute {
  method: "GET" | "POST";
  path: string;
  role: Role | null;
  handler: (c: C) => Promise<Response>;
  /** The handler reads the body itself, as a stream, and checks the CSRF token in it (an upload). */
  streamed?: true;
}

export const nowOf = (c: C) => clock(c as unknown as Context<AppEnv>);

export const prefixOf = (c: C) => (c.get("lang") === "en" ? "/en" : "");

/** The posted form (urlencoded or multipart), read once per request. */
export async function formOf(c: C): Promise<Record<string, string>> {
  const cached = (c.req.raw as unknown as { __form?: Record<string, string> }).__form;
  if (cached) return cached;
  const type = c.req.header("Content-Type") ?? "";
  const form: Record<string, string> = {};
  if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
    const body = await c.req.parseBody();
    const files: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === "string") form[k] = v;
      else if (v instanceof File && v.size > 0) {
        files[k] = new Uint8Array(await v.arrayBuffer());
        // The file's digest is part of the form, so a double submit of the same file replays
        // and the same form key with another file is refused (formHash covers it).
        form[`${k}#sha256`] = await sha256Hex(files[k]);
      }
    }
    (c.req.raw as unknown as { __files?: Record<string, Uint8Array> }).__files = files;
  }
  (c.req.raw as unknown as { __form?: Record<string, string> }).__form = form;
  return form;
}

/** A file posted with the form (multipart), read by formOf; undefined when none was chosen. */
export async function fileOf(c: C, name: string): Promise<Uint8Array | undefined> {
  await formOf(c);
  return (c.req.raw as unknown as { __files?: Record<string, Uint8Array> }).__files?.[name];
}

// ---------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------

export async function page(c: C, view: string, data: Record<string, unknown>, status = 200, form?: ConsoleLocals["form"]): Promise<Response> {
  const session = c.get("session") as StaffSession | undefined;
  const url = new URL(c.req.url);
  const consoleLocals: ConsoleLocals = {
    staff: session ? { id: session.staffId, name: session.name, role: session.role, regionCode: session.regionCode } : null,
    csrf: session?.csrfToken ?? "",
    formKey: base64url(randomBytes(18)),
    form,
    flash: url.searchParams.get("done") ?? undefined,
    data: { view, ...data },
  };
  // Astro renders the view's page (pages/[...lang]/admin/view/[view].astro), reachable only
  // from here: every /admin/ path comes to this module first (worker/index.ts).
  consoleLocals.data.path = url.pathname;
  const pagePath = `${prefixOf(c)}/admin/view/${view}/`;
  const request = new Request(new URL(pagePath, url.origin), { headers: c.req.raw.headers });
  const rendered = await renderPage(request, c.env, undefined, c.get("requestId"), { console: consoleLocals, formStatus: status === 200 ? undefined : status });
  const response = new Response(rendered.body, { status, headers: rendered.headers });
  return response;
}

/** A request refused before its handler ran: no session, a weaker role, a cross-site post, a bad CSRF token. */
export async function refuse(c: C, status: 401 | 403, reason: "cross_site" | "signed_out" | "role" | "csrf") {
  c.status(status);
  return page(c, "refused", { reason, status }, status);
}

/** A refused form: the same page again with an error summary and a message by each field. */
export function formErrors(refusal: WriteRefusal | z.ZodError, lang: Lang, fieldOf: (path: string) => string = defaultField): ConsoleFieldError[] {
  if (refusal instanceof z.ZodError) {
    return refusal.issues.map((i) => ({ field: fieldOf(["body", ...i.path.map(String)].join(".")), message: issueMessage(lang, i as never) }));
  }
  const known = consoleMessage(lang, refusal.code, refusal.message);
  if (refusal.details.length === 0) return [{ field: "form", message: known }];
  return refusal.details.map((d) => ({ field: fieldOf(d.path), message: refusal.kind === "invalid" ? consoleMessage(lang, "invalid_field", d.message) : known }));
}

export function defaultField(path: string): string {
  const parts = path.split(".");
  if (parts[0] === "body" && parts[1]) return parts[1];
  return "form";
}

export async function formHash(c: C, form: Record<string, string>): Promise<string> {
  const { csrf_token: _csrf, ...rest } = form;
  return sha256Hex(`${c.req.path}\n${JSON.stringify(Object.entries(rest).sort())}`);
}

/**
 * Runs a form's write and answers: 303 to `locate(result)` on success or replay; the page
 * again with errors on a refusal (invalid 400, conflict 409); forbidden and not found go to
 * the refusal page (onError).
 */
export async function submit<R extends object>(
  c: C,
  write: (ctx: WriteContext) => Promise<WritePlan<R>>,
  locate: (result: R) => string,
  onRefused: (errors: ConsoleFieldError[], status: number) => Promise<Response>,
  fieldOf?: (path: string) => string,
): Promise<Response> {
  const form = await formOf(c);
  try {
    const outcome = await runConsoleWrite(createDb(c.env.DB), c.get("actor"), nowOf(c), { key: form.idempotency_key ?? "", hash: await formHash(c, form) }, write, locate);
    return c.redirect(outcome.location, 303);
  } catch (error) {
    if (!(error instanceof WriteRefusal) || error.kind === "forbidden" || error.kind === "not_found") throw error;
    return onRefused(formErrors(error, c.get("lang"), fieldOf), error.kind === "invalid" ? 400 : 409);
  }
}

export const withDone = (path: string, done: string) => `${path}?done=${encodeURIComponent(done)}`;

// ---------------------------------------------------------------------------------------
// Forms: what was typed (for the page again), optional fields, yuan, the schema's errors
// ---------------------------------------------------------------------------------------

/** Renders a refused form's page again with its errors. */
export type Again = (errors: ConsoleFieldError[], status: number) => Promise<Response>;

/** What was typed, without the tokens (never shown again, never kept). */
export const valuesOf = (form: Record<string, string>) => {
  const { csrf_token: _c, idempotency_key: _k, ...values } = form;
  return values;
};
export const blank = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);

const YUAN_MESSAGES = {
  empty: { zh: "请填写金额（元）", en: "Enter an amount in yuan" },
  format: { zh: "请只填写数字金额（元），例如 1234.56", en: "Enter the amount in yuan as a number, for example 1234.56" },
  decimals: { zh: "金额最多两位小数（精确到分）", en: "Use at most 2 decimal places (a fen is the smallest amount)" },
  zero: { zh: "金额必须大于 0；更正请用冲正", en: "The amount must be more than 0; correct an entry by reversing it" },
  too_large: { zh: "金额不能超过 1000 亿元", en: "The amount must be at most 100 billion yuan" },
} as const;

/** Yuan typed in `field` → fen, or the field's error in the page's language. */
export function yuanField(c: C, form: Record<string, string>, field: string, errors: ConsoleFieldError[], options: { optional?: boolean; allowZero?: boolean } = {}): number | undefined {
  const parsed = parseYuan(form[field], options);
  if ("fen" in parsed) return parsed.fen;
  if (parsed.problem === "empty" && options.optional) return undefined;
  errors.push({ field, message: YUAN_MESSAGES[parsed.problem][c.get("lang") === "en" ? "en" : "zh"] });
  return undefined;
}

/** zod issues of the admin API's schema → this form's fields. */
export function schemaErrors(c: C, error: z.ZodError, fieldOf: (path: string) => string): ConsoleFieldError[] {
  return error.issues.map((i) => ({ field: fieldOf(["body", ...i.path.map(String)].join(".")), message: issueMessage(c.get("lang"), i as never) }));
}

/**
 * The yuan fields' own errors, then the schema's for the other fields: an amount already
 * refused as yuan is not refused again as a missing number of fen.
 */
export function withSchemaErrors(c: C, errors: ConsoleFieldError[], error: z.ZodError | undefined, fieldOf: (path: string) => string): ConsoleFieldError[] {
  return [...errors, ...(error ? schemaErrors(c, error, fieldOf).filter((e) => !errors.some((x) => x.field === e.field)) : [])];
}

/** The session's region as a list filter (none for national scope). */
export const scopeFilter = (c: C) => {
  const scope = c.get("session").regionCode;
  return scope === NATIONAL_SCOPE ? undefined : scope;
};
