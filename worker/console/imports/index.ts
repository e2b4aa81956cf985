/**
 * Register imports in the console (/admin/imports/, /en/admin/imports/): upload a county's
 * register file, follow its check, read every bad row by line and column, confirm, and see
 * past releases.
 *
 * The upload is streamed: the multipart body is read as it arrives (worker/import/multipart.ts)
 * and the file part goes straight to R2 (IMPORTS) in 5 MiB parts, so a 20 MB register never
 * sits in the Worker's memory. The form's CSRF token and idempotency key come before the file
 * in the body and are checked before the first byte is stored. The checking then runs in the
 * background, one bounded step per queue message (worker/import/steps.ts); the page shows its
 * progress and refreshes itself while it runs (a meta refresh: no script needed). Confirming
 * is a console write like any other (runConsoleWrite): the admin API's own activation
 * (writes/register-imports.ts activationPlan), its audit row naming the staff account, the
 * form's idempotency record, all in one batch.
 */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { guardChanged } from "../../admin/guard";
import { sameToken } from "../../auth/sessions";
import { createDb } from "../../db/client";
import { idempotencyKeys } from "../../db/schema";
import { levelOfCode } from "../../domain/region-codes";
import { boundaryOf, MultipartError, readMultipart } from "../../import/multipart";
import { jobView, loadJob, newJobId, pastReleases, recentJobs, type JobView } from "../../import/jobs";
import { R2Sink } from "../../import/r2-sink";
import { registerImportJobs } from "../../import/schema";
import { RegionCodeSchema } from "../../lib/schemas";
import { requireScope, WriteRefusal } from "../../writes/plan";
import { activationPlan, requireImporter, requireReleaseScope, SCOPE_LEVELS, type ImportSummary } from "../../writes/register-imports";
import type { ConsoleFieldError, ConsoleLocals } from "../../../site/src/lib/console";
import { replayedLocation } from "../execute";
import { formErrors, formHash, formOf, FORM_MAX_BYTES, nowOf, page, prefixOf, refuse, submit, withDone, type C, type ConsoleRoute, type Lang } from "../kit";

/** The largest register file the console takes: a whole county is about 20 MB. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const JOB_ID = /^imp_[0-9a-f]{24}$/;

/** The upload's path: the console skips its form-size limit there (the handler streams). */
export const STREAMED_PATH = /^(\/en)?\/admin\/imports\/?$/;

export const IMPORT_ROUTES: ConsoleRoute[] = [
  { method: "GET", path: "/admin/imports", role: "viewer", handler: (c) => importsPage(c) },
  { method: "POST", path: "/admin/imports", role: "editor", handler: uploadForm, streamed: true },
  { method: "GET", path: "/admin/imports/:id", role: "viewer", handler: (c) => importPage(c) },
  { method: "POST", path: "/admin/imports/:id/confirm", role: "editor", handler: confirmForm },
];

const MESSAGES: Record<string, { zh: string; en: string }> = {
  no_file: { zh: "请选择要上传的登记文件（CSV）", en: "Choose the register file (CSV) to upload" },
  empty_file: { zh: "所选文件是空的", en: "The file you chose is empty" },
  too_large: { zh: `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB，请按县分开导入`, en: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; import one county at a time` },
  malformed: { zh: "上传没有完成，请重新选择文件上传", en: "The upload did not complete; choose the file and upload it again" },
  not_county: { zh: "登记数据按县（或市、省）整体导入，请填写县级代码", en: "A register is imported for a whole county (or city or province): enter a county code" },
  not_checked: { zh: "这次导入尚未通过检查，或已经发布", en: "This import has not passed its check, or is already published" },
};

function message(lang: Lang, code: string): string {
  const m = MESSAGES[code]!;
  return lang === "en" ? m.en : m.zh;
}

const UploadFields = z.strictObject({
  year: z.coerce.number().int().min(1980).max(2100),
  region: RegionCodeSchema,
});

/** The latest import in the scope, for the to-do screen. */
export async function lastImport(d1: D1Database, scope: string): Promise<JobView | null> {
  const [job] = await recentJobs(d1, scope, 1);
  return job ? jobView(job) : null;
}

async function importsPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const scope = c.get("session").regionCode;
  const [jobs, releases] = await Promise.all([recentJobs(c.env.DB, scope), pastReleases(c.env.DB, scope)]);
  return page(
    c,
    "imports",
    {
      jobs: jobs.map(jobView),
      releases,
      scope,
      // A county (or city, province) account imports its own region by default.
      defaultRegion: (SCOPE_LEVELS as readonly string[]).includes(levelOfCode(scope)) ? scope : "",
      defaultYear: String(nowOf(c).getUTCFullYear() - 1),
      maxBytes: MAX_UPLOAD_BYTES,
    },
    status,
    form,
  );
}

/** Stops reading an upload with the answer to give instead. */
class Stop {
  constructor(readonly answer: () => Promise<Response>) {}
}

async function uploadForm(c: C): Promise<Response> {
  const session = c.get("session");
  const actor = c.get("actor");
  const lang = c.get("lang");
  const again = (errors: ConsoleFieldError[], status: number, values: Record<string, string>) => {
    const { csrf_token: _c, idempotency_key: _k, ...kept } = values;
    return importsPage(c, { action: "upload", errors, values: kept }, status);
  };
  const boundary = boundaryOf(c.req.header("Content-Type") ?? null);
  if (!boundary) {
    // Not a file upload (a script, or a form that lost its enctype): a small form, checked as any.
    if (Number(c.req.header("Content-Length") ?? 0) > FORM_MAX_BYTES) return c.text("The form is too large to send.", 413);
    const form = await formOf(c);
    if (!sameToken(String(form.csrf_token ?? ""), session.csrfToken)) return refuse(c, 403, "csrf");
    return again([{ field: "file", message: message(lang, "no_file") }], 400, form);
  }

  const db = createDb(c.env.DB);
  const fields: Record<string, string> = {};
  const jobId = newJobId();
  let sink: R2Sink | undefined;
  let target: { year: number; region: string } | undefined;
  try {
    await readMultipart(c.req.raw.body!, boundary, {
      field: (name, value) => {
        fields[name] = value;
      },
      fileStart: async (name) => {
        // Everything is checked before the first byte of the file is stored.
        if (!sameToken(fields.csrf_token ?? "", session.csrfToken)) throw new Stop(() => refuse(c, 403, "csrf"));
        if (name !== "file" || sink) throw new Stop(() => again([{ field: "file", message: message(lang, "malformed") }], 400, fields));
        const replayed = await replayedLocation(db, actor.id, { key: fields.idempotency_key ?? "", hash: await formHash(c, fields) });
        if (replayed) throw new Stop(async () => c.redirect(replayed, 303));
        const parsed = UploadFields.safeParse({ year: fields.year, region: fields.region?.trim() });
        if (!parsed.success) throw new Stop(() => again(formErrors(parsed.error, lang), 400, fields));
        requireImporter(actor, parsed.data.region);
        try {
          requireReleaseScope(parsed.data.region);
        } catch {
          throw new Stop(() => again([{ field: "region", message: message(lang, "not_county") }], 400, fields));
        }
        target = parsed.data;
        sink = new R2Sink(c.env.IMPORTS, `imports/${jobId}.csv`);
      },
      fileBytes: async (bytes) => {
        if (sink!.bytes + bytes.length > MAX_UPLOAD_BYTES) throw new Stop(() => again([{ field: "file", message: message(lang, "too_large") }], 413, fields));
        await sink!.write(bytes);
      },
    });
  } catch (error) {
    await sink?.abort();
    if (error instanceof Stop) return error.answer();
    if (error instanceof MultipartError) return again([{ field: "file", message: message(lang, "malformed") }], 400, fields);
    throw error;
  }
  if (!sink || !target || sink.bytes === 0) {
    await sink?.abort();
    if (!sameToken(fields.csrf_token ?? "", session.csrfToken)) return refuse(c, 403, "csrf");
    return again([{ field: "file", message: message(lang, sink ? "empty_file" : "no_file") }], 400, fields);
  }
  await sink.close();

  const now = nowOf(c).toISOString();
  const location = `${prefixOf(c)}/admin/imports/${jobId}`;
  const hash = await formHash(c, fields);
  try {
    await db.batch([
      db.insert(registerImportJobs).values({ id: jobId, staffId: actor.id, staffRole: actor.role, staffRegion: actor.regionCode, scopeCode: target.region, year: target.year, objectKey: sink.key, bytes: sink.bytes, status: "checking", createdAt: now, updatedAt: now }),
      // The form's key: the same form sent twice (a double click, a reload) starts one import.
      db.insert(idempotencyKeys).values({ tokenId: actor.id, idempotencyKey: fields.idempotency_key ?? "", requestHash: hash, status: 303, responseBody: JSON.stringify({ location }), createdAt: now }),
    ]);
  } catch (error) {
    await c.env.IMPORTS.delete(sink.key);
    const raced = await replayedLocation(db, actor.id, { key: fields.idempotency_key ?? "", hash });
    if (raced) return c.redirect(raced, 303);
    throw error;
  }
  await c.env.IMPORT_QUEUE.send({ job: jobId, step: 0 });
  return c.redirect(location, 303);
}

async function jobInScope(c: C) {
  const id = c.req.param("id") ?? "";
  const job = JOB_ID.test(id) ? await loadJob(c.env.DB, id) : null;
  if (!job) throw new WriteRefusal("not_found", "not_found", "No such import.");
  requireScope(c.get("actor"), job.scope_code, "path.id");
  return job;
}

async function importPage(c: C, form?: ConsoleLocals["form"], status = 200) {
  const job = await jobInScope(c);
  // A check not confirmed within the hour loses its staged rows to the clean-up.
  const staged = job.status === "checked" && job.release_id ? await c.env.DB.prepare("SELECT 1 FROM register_releases WHERE id = ? AND status = 'staging'").bind(job.release_id).first() : null;
  const uploader = await c.env.DB.prepare("SELECT name FROM staff WHERE id = ?").bind(job.staff_id).first<{ name: string }>();
  return page(c, "import", { job: jobView(job), expired: job.status === "checked" && !staged, uploader: uploader?.name ?? job.staff_id }, status, form);
}

async function confirmForm(c: C) {
  const job = await jobInScope(c);
  const form = await formOf(c);
  const db = createDb(c.env.DB);
  const lang = c.get("lang");
  const again = (errors: ConsoleFieldError[], status: number) => importPage(c, { action: "confirm", errors, values: {} }, status);
  const replayed = await replayedLocation(db, c.get("actor").id, { key: form.idempotency_key ?? "", hash: await formHash(c, form) });
  if (replayed) return c.redirect(replayed, 303);
  if (job.status !== "checked" || !job.summary) return again([{ field: "form", message: message(lang, "not_checked") }], 409);
  const summary = JSON.parse(job.summary) as ImportSummary;
  const location = withDone(`${prefixOf(c)}/admin/imports/${job.id}`, "import_published");
  return submit(
    c,
    async (ctx) =>
      activationPlan(ctx, summary, [
        ctx.db
          .update(registerImportJobs)
          .set({ status: "published", updatedAt: ctx.now.toISOString() })
          .where(and(eq(registerImportJobs.id, job.id), eq(registerImportJobs.status, "checked"))),
        guardChanged(ctx.db),
      ]),
    () => location,
    again,
  );
}
