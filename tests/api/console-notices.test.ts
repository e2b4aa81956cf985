/**
 * The console's notice screens end to end through the Worker (no browser): a township editor
 * drafts a notice with items pasted from Excel, previews it masked, opens it, answers an
 * objection, closes it after the period (frozen clock) and announces it — each step a no-JS
 * form post answered by a 303, through the same write functions as the admin API, audited as
 * the staff account. Also: error summary, double submit, stale form, page headers.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SITE_CSP } from "../../worker/pages";
import { api, json, seedOnce } from "../helpers/api";
import { countRows } from "../helpers/admin";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";
import { postHeaders } from "../helpers/notices";

const TOWNSHIP = "340223101000";
const VILLAGE = "340223101201";
const T0 = "2026-06-01T02:00:00.000Z"; // 10:00 in Shanghai, 1 June
const AFTER = "2026-06-08T02:00:00.000Z"; // the default 7-day period (1–7 June) has ended

let editor: TestStaff;
beforeAll(async () => {
  await seedOnce();
  editor = await staffSession("editor", TOWNSHIP, new Date(T0));
});

const PASTED = "姓名\t村民小组\t家庭人口\n张三丰\t3组\t4\n李四\t5组\t2\r\n";

async function page(path: string, now = T0) {
  const response = await consoleGet(path, { cookie: editor.cookie, now });
  return { response, html: await response.text() };
}

async function draft(fields: Record<string, string> = {}) {
  return consolePost("/admin/notices/new", {
    csrf_token: editor.csrf,
    idempotency_key: formKey(),
    type: "household_identification",
    region: VILLAGE,
    title_zh: "2026年贫困户识别公示",
    body_zh: "经村民代表大会评议，拟识别以下农户为贫困户。",
    issuer: "南陵镇人民政府",
    items: PASTED,
    ...fields,
  }, { cookie: editor.cookie, now: T0 });
}

const updatedAtOf = (id: string) => env.DB.prepare("SELECT updated_at FROM notices WHERE id = ?").bind(id).first<{ updated_at: string }>().then((r) => r!.updated_at);
const idFrom = (location: string | null) => /\/admin\/notices\/(ntc_[0-9a-z]+)/.exec(location ?? "")![1]!;

describe("console notice screens", () => {
  it("serves pages no-store, noindex, with the site's CSP, in both languages", async () => {
    for (const path of ["/admin/", "/en/admin/", "/admin/notices/", "/en/admin/notices/new"]) {
      const { response, html } = await page(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(response.headers.get("X-Robots-Tag")).toBe("noindex, nofollow");
      expect(response.headers.get("Content-Security-Policy")).toBe(SITE_CSP);
      expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(html).toContain(path.startsWith("/en") ? '<html lang="en"' : '<html lang="zh-CN"');
      expect(html).toContain(`value="${editor.csrf}"`);
    }
    const signIn = await consoleGet("/admin/sign-in");
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain("data-passkey-button");
  });

  it("shows an error summary and a message by each field, and writes nothing, for a bad draft", async () => {
    const before = await countRows("notices");
    const response = await draft({ title_zh: "", items: "姓名\t小组\t人口\n张三\t3组\t四" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toMatch(/href="#f-title-zh"/);
    expect(html).toMatch(/href="#f-items"/);
    expect(html).toContain("第 2 行");
    expect(html).toContain("请填写此项");
    expect(html).toContain('value="南陵镇人民政府"'); // what was typed is kept
    expect(await countRows("notices")).toBe(before);
  });

  it("drafts with pasted items (names masked on arrival), previews, and a double submit writes once", async () => {
    const key = formKey();
    const fields = { csrf_token: editor.csrf, idempotency_key: key, type: "household_identification", region: VILLAGE, title_zh: "双击测试", body_zh: "正文", issuer: "南陵镇", items: PASTED };
    const first = await consolePost("/admin/notices/new", fields, { cookie: editor.cookie, now: T0 });
    expect(first.status).toBe(303);
    const before = await countRows("notices");
    const second = await consolePost("/admin/notices/new", fields, { cookie: editor.cookie, now: T0 });
    expect(second.status).toBe(303);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await countRows("notices")).toBe(before);
    const id = idFrom(first.headers.get("Location"));
    const { html } = await page(`/admin/notices/${id}`);
    expect(html).toContain("张**");
    expect(html).toContain("李*");
    expect(html).not.toContain("张三丰");
    const stored = JSON.stringify(await env.DB.prepare("SELECT * FROM notice_items WHERE notice_id = ?").bind(id).all());
    expect(stored).not.toContain("张三丰");
  });

  it("runs the whole life cycle: open, objection, answer, close after the period, announce", async () => {
    const created = await draft();
    expect(created.status).toBe(303);
    const id = idFrom(created.headers.get("Location"));

    const opened = await consolePost(`/admin/notices/${id}/open`, { csrf_token: editor.csrf, idempotency_key: formKey(), updated_at: await updatedAtOf(id) }, { cookie: editor.cookie, now: T0 });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("Location")).toBe(`/admin/notices/${id}?done=opened`);
    const pub = await api(`/api/v1/notices/${id}`, { headers: { "x-test-now": T0 } });
    expect(pub.status).toBe(200);

    const objected = await api(`/api/v1/notices/${id}/objections`, { method: "POST", headers: postHeaders("2026-06-02T02:00:00.000Z"), body: JSON.stringify({ text: "第1户家里新盖了楼房。", item_no: 1 }) });
    expect(objected.status).toBe(201);
    const objection = await env.DB.prepare("SELECT id FROM objections WHERE notice_id = ?").bind(id).first<{ id: string }>();

    // Closing before the period ends is refused with the rule's message, on the page.
    // Sessions end after 30 idle minutes: the editor signs in again on a later day.
    const D3 = "2026-06-03T02:00:00.000Z";
    const day3 = await staffSession("editor", TOWNSHIP, new Date(D3));
    const early = await consolePost(`/admin/notices/${id}/close`, { csrf_token: day3.csrf, idempotency_key: formKey(), updated_at: await updatedAtOf(id) }, { cookie: day3.cookie, now: D3 });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("公示期尚未结束");

    const missing = await consolePost(`/admin/notices/${id}/objections/${objection!.id}`, { csrf_token: day3.csrf, idempotency_key: formKey(), answer: "" }, { cookie: day3.cookie, now: D3 });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain(`href="#f-upheld-${objection!.id}"`);
    const answered = await consolePost(`/admin/notices/${id}/objections/${objection!.id}`, { csrf_token: day3.csrf, idempotency_key: formKey(), upheld: "no", answer: "经核实，该楼房为租用。" }, { cookie: day3.cookie, now: D3 });
    expect(answered.status).toBe(303);

    // The period ended (frozen clock): the to-do list asks to close it.
    const editorLater = await staffSession("editor", TOWNSHIP, new Date(AFTER));
    const todo = await (await consoleGet("/admin/", { cookie: editorLater.cookie, now: AFTER })).text();
    expect(todo).toContain(`/admin/notices/${id}`);

    const closed = await consolePost(`/admin/notices/${id}/close`, { csrf_token: editorLater.csrf, idempotency_key: formKey(), updated_at: await updatedAtOf(id) }, { cookie: editorLater.cookie, now: AFTER });
    expect(closed.status).toBe(303);
    const announced = await consolePost(`/admin/notices/${id}/announce`, { csrf_token: editorLater.csrf, idempotency_key: formKey(), updated_at: await updatedAtOf(id), announcement_zh: "公示期满，无成立异议，确认识别。" }, { cookie: editorLater.cookie, now: AFTER });
    expect(announced.status).toBe(303);
    const publicNotice = await json(await api(`/api/v1/notices/${id}`, { headers: { "x-test-now": AFTER } }));
    expect(publicNotice.data.status).toBe("announced");

    const actors = await env.DB.prepare("SELECT DISTINCT actor FROM audit_log WHERE target_id IN (?, ?)").bind(id, objection!.id).all<{ actor: string }>();
    expect(actors.results.map((r) => r.actor).sort()).toEqual([editor.staffId, day3.staffId, editorLater.staffId].sort());
  });

  it("refuses a stale form (the notice moved on since the page was loaded) with a clear message", async () => {
    const id = idFrom((await draft()).headers.get("Location"));
    const shown = await updatedAtOf(id);
    // A colleague opens it a minute later, while this editor's page still shows the draft.
    const T1 = "2026-06-01T02:01:00.000Z";
    const openForm = { csrf_token: editor.csrf, idempotency_key: formKey(), updated_at: shown };
    const opened = await consolePost(`/admin/notices/${id}/open`, openForm, { cookie: editor.cookie, now: T1 });
    expect(opened.status).toBe(303);
    // The same form sent twice is not stale: it gets the first answer again.
    const twice = await consolePost(`/admin/notices/${id}/open`, openForm, { cookie: editor.cookie, now: T1 });
    expect(twice.status).toBe(303);
    expect(twice.headers.get("Location")).toBe(opened.headers.get("Location"));
    const before = await countRows("audit_log");
    const stale = await consolePost(`/admin/notices/${id}/open`, { csrf_token: editor.csrf, idempotency_key: formKey(), updated_at: shown }, { cookie: editor.cookie, now: T1 });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("这条公示在您打开页面后已有变动");
    expect(await countRows("audit_log")).toBe(before);
  });
});
