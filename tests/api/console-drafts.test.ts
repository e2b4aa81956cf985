/**
 * Draft notices in the console beyond creating one: editing a draft (a stale form refused),
 * correcting an open notice with a superseding draft that starts from its masked items, and
 * items uploaded as a CSV file in GBK or UTF-8, with problems named by line and column.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, seedOnce } from "../helpers/api";
import { consoleGet, consolePost, formKey, staffSession, type TestStaff } from "../helpers/console";

const TOWNSHIP = "340223101000";
const VILLAGE = "340223101201";
const T0 = "2026-06-01T02:00:00.000Z";
let editor: TestStaff;

beforeAll(async () => {
  await seedOnce();
  editor = await staffSession("editor", TOWNSHIP, new Date(T0));
});

const FIELDS = { type: "household_identification", region: VILLAGE, title_zh: "2026年贫困户识别公示（草稿测试）", body_zh: "拟识别以下农户为贫困户。", issuer: "南陵镇人民政府" };
const idFrom = (res: Response) => /\/admin\/notices\/(ntc_[0-9a-z]+)/.exec(res.headers.get("Location") ?? "")![1]!;
const updatedAtOf = async (id: string) => (await env.DB.prepare("SELECT updated_at FROM notices WHERE id = ?").bind(id).first<{ updated_at: string }>())!.updated_at;
const itemsOf = async (id: string) => (await env.DB.prepare("SELECT masked_name, village_group, household_size FROM notice_items WHERE notice_id = ? ORDER BY item_no").bind(id).all()).results;

/** A multipart post as the browser sends the draft form with a file chosen. */
function upload(path: string, fields: Record<string, string>, file: Uint8Array, name = "名单.csv") {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("items_file", new File([file], name, { type: "text/csv" }));
  return api(path, { method: "POST", headers: { "Sec-Fetch-Site": "same-origin", Origin: "null", Cookie: editor.cookie, "x-test-now": T0 }, body, redirect: "manual" });
}

describe("console drafts", () => {
  it("edits a draft, keeping its items when none are sent; a stale form is refused", async () => {
    const made = await consolePost("/admin/notices/new", { csrf_token: editor.csrf, idempotency_key: formKey(), ...FIELDS, items: "张三丰\t3组\t4" }, { cookie: editor.cookie, now: T0 });
    expect(made.status).toBe(303);
    const id = idFrom(made);
    const form = await (await consoleGet(`/admin/notices/${id}/edit`, { cookie: editor.cookie, now: T0 })).text();
    expect(form).toContain("2026年贫困户识别公示（草稿测试）");
    const before = await updatedAtOf(id);
    const edited = await consolePost(`/admin/notices/${id}/edit`, { csrf_token: editor.csrf, idempotency_key: formKey(), updated_at: before, ...FIELDS, title_zh: "2026年贫困户识别公示（已修改）", items: "" }, { cookie: editor.cookie, now: "2026-06-01T02:05:00.000Z" });
    expect(edited.status).toBe(303);
    expect(await env.DB.prepare("SELECT title_zh FROM notices WHERE id = ?").bind(id).first("title_zh")).toBe("2026年贫困户识别公示（已修改）");
    expect(await itemsOf(id)).toEqual([{ masked_name: "张**", village_group: "3组", household_size: 4 }]);
    const stale = await consolePost(`/admin/notices/${id}/edit`, { csrf_token: editor.csrf, idempotency_key: formKey(), updated_at: before, ...FIELDS }, { cookie: editor.cookie, now: T0 });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("这条公示在您打开页面后已有变动");
  });

  it("corrects an open notice with a superseding draft that starts from its masked items", async () => {
    const made = await consolePost("/admin/notices/new", { csrf_token: editor.csrf, idempotency_key: formKey(), ...FIELDS, items: "欧阳娜娜\t5组\t2" }, { cookie: editor.cookie, now: T0 });
    const id = idFrom(made);
    const opened = await consolePost(`/admin/notices/${id}/open`, { csrf_token: editor.csrf, idempotency_key: formKey(), updated_at: await updatedAtOf(id) }, { cookie: editor.cookie, now: T0 });
    expect(opened.status).toBe(303);
    const page = await (await consoleGet(`/admin/notices/${id}`, { cookie: editor.cookie, now: T0 })).text();
    expect(page).toContain(`/admin/notices/new?supersedes=${id}`);
    const start = await (await consoleGet(`/admin/notices/new?supersedes=${id}`, { cookie: editor.cookie, now: T0 })).text();
    expect(start).toContain(`name="supersedes" value="${id}"`);
    expect(start).toContain("欧阳**\t5组\t2");
    const correction = await consolePost("/admin/notices/new", { csrf_token: editor.csrf, idempotency_key: formKey(), supersedes: id, ...FIELDS, items: "欧阳**\t5组\t3" }, { cookie: editor.cookie, now: T0 });
    expect(correction.status).toBe(303);
    const newId = idFrom(correction);
    expect(await env.DB.prepare("SELECT supersedes_id FROM notices WHERE id = ?").bind(newId).first("supersedes_id")).toBe(id);
    expect(await itemsOf(newId)).toEqual([{ masked_name: "欧阳**", village_group: "5组", household_size: 3 }]);
    const reopened = await consolePost(`/admin/notices/${newId}/open`, { csrf_token: editor.csrf, idempotency_key: formKey(), updated_at: await updatedAtOf(newId) }, { cookie: editor.cookie, now: T0 });
    expect(reopened.status).toBe(303);
    expect(await env.DB.prepare("SELECT superseded_by_id FROM notices WHERE id = ?").bind(id).first("superseded_by_id")).toBe(newId);
  });

  it("takes items from a GBK or UTF-8 CSV file; problems are named by line and column", async () => {
    // "姓名,村民小组,家庭人口\n张三丰,3组,4\n欧阳娜娜,5组,2\n" as Excel on a Chinese system saves it (GBK).
    const gbk = new Uint8Array([208, 213, 195, 251, 44, 180, 229, 195, 241, 208, 161, 215, 233, 44, 188, 210, 205, 165, 200, 203, 191, 218, 10, 213, 197, 200, 253, 183, 225, 44, 51, 215, 233, 44, 52, 10, 197, 183, 209, 244, 196, 200, 196, 200, 44, 53, 215, 233, 44, 50, 10]);
    const made = await upload("/admin/notices/new", { csrf_token: editor.csrf, idempotency_key: formKey(), ...FIELDS }, gbk);
    expect(made.status).toBe(303);
    expect(await itemsOf(idFrom(made))).toEqual([
      { masked_name: "张**", village_group: "3组", household_size: 4 },
      { masked_name: "欧阳**", village_group: "5组", household_size: 2 },
    ]);
    const bad = new TextEncoder().encode("\uFEFF姓名,村民小组,家庭人口\r\n李四,5组,x\r\n王五,,3\r\n");
    const refused = await upload("/en/admin/notices/new", { csrf_token: editor.csrf, idempotency_key: formKey(), ...FIELDS }, bad);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("File line 2, column 3 (household size) must be a whole number");
    expect(html).toContain("File line 3, column 2 is empty");
    expect(html).toContain('href="#f-items-file"');
  });
});
