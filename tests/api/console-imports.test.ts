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
import { createDb } from "../../worker/db/client";
import { releaseRows } from "../../worker/db/queries/register";
import { computeRegisterTables, type PublishedRow } from "../../worker/domain/disclosure";
import { stagedFacts } from "../../worker/import/steps";
import { previousYearReleases } from "../../worker/writes/register-imports";
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

  it("marks a release published under an older disclosure gate in the list (zh and en), until its file is sent again", async () => {
    const release = (await env.DB.prepare("SELECT id FROM register_releases WHERE scope_code = ? AND year = 2019 AND status = 'active'").bind(NANLING).first<{ id: string }>())!;
    const zh = "按旧版披露审查规则发布";
    const en = "Published under an older disclosure gate — re-send the same file to republish";
    expect(await (await consoleGet("/admin/imports/", { cookie: editor.cookie, now: T0 })).text()).not.toContain(zh);
    // As migration 0036 backfills releases from before it: the per-metric gate, rules 0.
    await env.DB.prepare("UPDATE register_releases SET disclosure_rules = 0 WHERE id = ?").bind(release.id).run();
    expect(await (await consoleGet("/admin/imports/", { cookie: editor.cookie, now: T0 })).text()).toContain(zh);
    expect(await (await consoleGet("/en/admin/imports/", { cookie: editor.cookie, now: T0 })).text()).toContain(en);
    // The same file again is a republish, not `unchanged`: a new release, and the note is gone.
    const res = await upload(editor, sample);
    const id = /imp_[0-9a-f]{24}/.exec(res.headers.get("Location")!)![0];
    const done = await drain(id);
    expect(done.status).toBe("checked");
    expect(JSON.parse(done.summary)).toMatchObject({ republished: true, replaces_release_id: release.id });
    const confirm = await consolePost(`/admin/imports/${id}/confirm`, { csrf_token: editor.csrf, idempotency_key: formKey() }, { cookie: editor.cookie, now: T0 });
    expect(confirm.status).toBe(303);
    expect(await (await consoleGet("/admin/imports/", { cookie: editor.cookie, now: T0 })).text()).not.toContain(zh);
  });

  it("checks a file of several chunks: every bad row by line and column, duplicates across chunks, nothing staged", async () => {
    const header = "register_no,name,id_number,village_code,household_size,cause,measures,identified_year,exit_year,returned_year,monitoring\n";
    const rows: string[] = [];
    for (let i = 1; i <= 9000; i++) rows.push(`NL-BIG-${String(i).padStart(5, "0")},,,${i % 2 ? "340223102201" : "340223102202"},${(i % 6) + 1},illness,health;industry,2015,2017,,none`);
    rows[7999] = "NL-BIG-00002,,,340223102201,3,illness,,2015,,,none"; // line 8001: a duplicate of line 3, in the second chunk
    rows[8499] = rows[8499]!.replace("illness", "bad_luck"); // line 8501
    rows[10] = rows[10]!.replace(/none$/, "maybe"); // line 12
    const csv = header + rows.join("\n") + "\n";
    expect(csv.length).toBeGreaterThan(600 * 1024);
    const res = await upload(editor, csv);
    const id = /imp_[0-9a-f]{24}/.exec(res.headers.get("Location")!)![0];
    const done = await drain(id);
    expect(done.status).toBe("invalid");
    expect(done.problem_count).toBe(3);
    expect(JSON.parse(done.problems)).toEqual([
      { path: "line 12, column monitoring", message: "must be none, edge or monitored (无, 边缘户, 监测户)" },
      { path: "line 8001, column register_no", message: "duplicate register number (first on line 3)" },
      { path: "line 8501, column cause", message: "unknown cause (see the list of 12 causes in the docs)" },
    ]);
    const page = await (await consoleGet(`/en/admin/imports/${id}`, { cookie: editor.cookie, now: T0 })).text();
    expect(page).toContain("<td>8001</td>");
    expect(page).toContain("<code>cause</code>");
    // Nothing staged is left, and the file is gone from R2.
    expect(await env.DB.prepare("SELECT count(*) AS n FROM register_releases WHERE status = 'staging'").first("n")).toBe(0);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM register_import_lines WHERE job_id = ?").bind(id).first("n")).toBe(0);
    expect(await env.IMPORTS.head(done.object_key)).toBeNull();
  });

  it("settles the joint disclosure gate a township block per step: several steps, the figures of one run, no progress left in R2", async () => {
    // Six villages in three townships of Nanling, small and larger ones, flows of two years.
    let seed = 20261203;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const causes = ["illness", "disability", "lack_of_labour", "lack_of_capital", "schooling", "other"];
    const rows: string[] = [];
    for (const village of ["340223104201", "340223104202", "340223105201", "340223105202", "340223106201", "340223106202"]) {
      const count = random() < 0.4 ? 1 + Math.floor(random() * 8) : 18 + Math.floor(random() * 12);
      for (let i = 0; i < count; i++) {
        const exit = random() < 0.3 ? "2021" : random() < 0.3 ? "2022" : "";
        rows.push(`STEP-${village}-${i},,,${village},${1 + Math.floor(random() * 7)},${causes[Math.floor(random() * causes.length)]},industry,2016,${exit},,${random() < 0.1 ? "edge" : "none"}`);
      }
    }
    const csv = "register_no,name,id_number,village_code,household_size,cause,measures,identified_year,exit_year,returned_year,monitoring\n" + rows.join("\n") + "\n";
    const res = await upload(editor, csv, { year: "2022" });
    const id = /imp_[0-9a-f]{24}/.exec(res.headers.get("Location")!)![0];
    const done = await drain(id);
    expect(done.status).toBe("checked");
    // Scan, one chunk, then the tables steps: more than one, as the gate paused between blocks.
    expect(done.step).toBeGreaterThan(4);
    expect(await env.IMPORTS.head(`gate-progress/${id}.json`)).toBeNull();
    // One uninterrupted run over the same households publishes exactly what the steps staged.
    const db = createDb(env.DB);
    const summary = JSON.parse(done.summary);
    const whole = await computeRegisterTables(await stagedFacts(env.DB, summary.release_id), 2022, { joint: true, neighbours: await previousYearReleases(db, NANLING, 2022) });
    const order = (list: readonly PublishedRow[]) => [...list].sort((a, b) => `${a.level}|${a.regionCode}|${a.breakdown}|${a.category}`.localeCompare(`${b.level}|${b.regionCode}|${b.breakdown}|${b.category}`));
    expect(order(await releaseRows(db, summary.release_id, NANLING))).toEqual(order(whole.rows));
    expect(summary.withheld_figures).toBe(whole.withheld);
  }, 300_000);

  it("stops at a header it cannot read, and reports it by line and column", async () => {
    const res = await upload(editor, "register_no,village_code,household_size,identified_year\nA-1,340223102201,2,2016\n");
    const done = await drain(/imp_[0-9a-f]{24}/.exec(res.headers.get("Location")!)![0]);
    expect(done).toMatchObject({ status: "invalid", problem_count: 1 });
    expect(JSON.parse(done.problems)).toEqual([{ path: "line 1, column cause", message: "missing from the header (write cause or 致贫原因)" }]);
  });

  it("reads a GBK file, and a double-submitted upload starts one import", async () => {
    const gbk = new Uint8Array([
      ...new TextEncoder().encode("register_no,name,village_code,household_size,cause,identified_year\nGBK-1,"),
      0xd5, 0xc5, 0xc8, 0xfd, // 张三 in GBK
      ...new TextEncoder().encode(",340223102201,2,illness,2016\n"),
    ]);
    const key = formKey();
    const first = await upload(editor, gbk, { idempotency_key: key, year: "2020" });
    const second = await upload(editor, gbk, { idempotency_key: key, year: "2020" });
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    const id = /imp_[0-9a-f]{24}/.exec(first.headers.get("Location")!)![0];
    expect(await env.DB.prepare("SELECT count(*) AS n FROM register_import_jobs WHERE year = 2020").first("n")).toBe(1);
    const done = await drain(id);
    expect(done).toMatchObject({ status: "checked", encoding: "gb18030", households: 1 });
  });

  it("refuses an upload outside the account's scope, a township account, and a form without its token", async () => {
    const township = await staffSession("editor", "340223101000", new Date(T0));
    const jobs = await env.DB.prepare("SELECT count(*) AS n FROM register_import_jobs").first("n");
    expect((await upload(editor, sample, { region: "340225000000" })).status).toBe(403);
    expect((await upload(township, sample, { region: "340223101000" })).status).toBe(400);
    expect((await upload({ ...editor, csrf: "x".repeat(43) }, sample)).status).toBe(403);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM register_import_jobs").first("n")).toBe(jobs);
    const viewer = await staffSession("viewer", NANLING, new Date(T0));
    expect((await upload(viewer, sample)).status).toBe(403);
  });
});
