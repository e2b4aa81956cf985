/**
 * POST /api/v1/admin/regions and /api/v1/admin/villages/statuses: the region write and the
 * batched village-status write behind the admin API, each fed a CSV file. A good file is one
 * atomic batch with one audit row; a bad line is a 400 naming its line and column and writes
 * nothing; a retry with the same Idempotency-Key replays the first answer; regions are for an
 * administrator of a city or above.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { adminToken, countRows } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";

const WUWEI = "340225000000";
const TOWNSHIP = "340225197000"; // no demo township uses 197
const VILLAGES = Array.from({ length: 120 }, (_, i) => `340225197${String(201 + i)}`);
const REGION_HEADER = "code,parent_code,level,name_zh,name_en";
const STATUS_HEADER = "code,status,designated_year,exit_year";

const regionFile = (rows: string[]) => [REGION_HEADER, ...rows].join("\n") + "\n";
const goodRegions = regionFile([`${TOWNSHIP},${WUWEI},township,试验镇,Trial Township`, ...VILLAGES.map((v, i) => `${v},${TOWNSHIP},village,试验${i + 1}村,"Trial Village ${i + 1}"`)]);

function post(path: string, token: string, csv: string, key = crypto.randomUUID(), type = "text/csv; charset=utf-8") {
  return api(path, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": type, "Idempotency-Key": key }, body: csv });
}
const inTownship = async (table: "regions" | "village_status") =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table === "regions" ? "code" : "village_code"} BETWEEN ? AND ?`).bind(TOWNSHIP, "340225197999").first<{ n: number }>())!.n;
const audits = async (action: string) => (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = ?").bind(action).first<{ n: number }>())!.n;

let cityAdmin: string;
beforeAll(async () => {
  await seedOnce();
  cityAdmin = await adminToken({ role: "admin", region: "340200000000" });
});

describe("POST /api/v1/admin/regions", () => {
  it("refuses a bad line naming its line and column, and writes nothing", async () => {
    const audit = await countRows("audit_log");
    // Line 4: a village whose parent is its county, two levels up.
    const skipping = regionFile([`${TOWNSHIP},${WUWEI},township,试验镇,Trial Township`, `${VILLAGES[0]},${TOWNSHIP},village,试验1村,Trial Village 1`, `${VILLAGES[1]},${WUWEI},village,试验2村,Trial Village 2`]);
    const res = await post("/api/v1/admin/regions", cityAdmin, skipping);
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.code).toBe("invalid_request");
    expect(error.details).toEqual([{ path: "line 4, column parent_code", message: `must be the township directly above, ${TOWNSHIP}: ${WUWEI} is a county, two or more levels up` }]);
    expect(error.message).toContain("line 4, column parent_code");
    // Unreadable rows are named the same way, every one of them.
    const unreadable = await json(await post("/api/v1/admin/regions", cityAdmin, regionFile([`${TOWNSHIP},${WUWEI},town,试验镇,Trial Township`, `${VILLAGES[0]},${TOWNSHIP},village,试验1村`, `3402251972,${TOWNSHIP},village,试验1村,x`])));
    expect(unreadable.error.details.map((d: { path: string }) => d.path)).toEqual(["line 2, column level", "line 3", "line 4, column code"]);
    expect((await post("/api/v1/admin/regions", cityAdmin, "code,parent,level\n")).status).toBe(400);
    expect(await inTownship("regions")).toBe(0);
    expect(await countRows("audit_log")).toBe(audit);
  });

  it("loads a good file in one batch with one audit row; the same key replays the answer", async () => {
    const [audit, loads] = [await countRows("audit_log"), await audits("regions.load")];
    const key = crypto.randomUUID();
    const res = await post("/api/v1/admin/regions", cityAdmin, goodRegions, key);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data).toEqual({ regions: 121, created: 121, updated: 0, unchanged: 0, scope: TOWNSHIP });
    expect(await inTownship("regions")).toBe(121);
    expect(await audits("regions.load")).toBe(loads + 1);
    expect(await countRows("audit_log")).toBe(audit + 1);
    expect((await json(await api(`/api/v1/regions/${VILLAGES[119]}`))).data).toMatchObject({ code: VILLAGES[119], name_en: "Trial Village 120" });

    const again = await post("/api/v1/admin/regions", cityAdmin, goodRegions, key);
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual(body);
    expect(await countRows("audit_log")).toBe(audit + 1);
    // The same key with another file is refused; a new key with the same file changes nothing.
    expect((await post("/api/v1/admin/regions", cityAdmin, regionFile([`${TOWNSHIP},${WUWEI},township,改名镇,Renamed`]), key)).status).toBe(422);
    expect((await json(await post("/api/v1/admin/regions", cityAdmin, goodRegions))).data).toMatchObject({ created: 0, updated: 0, unchanged: 121 });
    expect(await countRows("audit_log")).toBe(audit + 1);
  });

  it("is for an administrator of a city or above, within its scope; the body is CSV", async () => {
    const county = await adminToken({ role: "admin", region: WUWEI });
    const res = await post("/api/v1/admin/regions", county, goodRegions);
    expect(res.status).toBe(403);
    expect((await json(res)).error).toMatchObject({ code: "out_of_scope", details: [{ path: "header.authorization" }] });
    const editor = await adminToken({ role: "editor", region: "340200000000" });
    expect((await json(await post("/api/v1/admin/regions", editor, goodRegions))).error.code).toBe("forbidden_role");
    const otherCity = await adminToken({ role: "admin", region: "220800000000" });
    const outside = await json(await post("/api/v1/admin/regions", otherCity, goodRegions));
    expect(outside.error).toMatchObject({ code: "out_of_scope", details: [{ path: "line 2, column code" }] });
    expect((await post("/api/v1/admin/regions", cityAdmin, goodRegions, undefined, "application/json")).status).toBe(415);
    const noKey = await api("/api/v1/admin/regions", { method: "POST", headers: { Authorization: `Bearer ${cityAdmin}`, "Content-Type": "text/csv" }, body: goodRegions });
    expect((await json(noKey)).error.code).toBe("idempotency_key_required");
  });
});

describe("POST /api/v1/admin/villages/statuses", () => {
  const statusFile = (rows: string[]) => [STATUS_HEADER, ...rows].join("\n") + "\n";
  const good = statusFile(VILLAGES.map((v, i) => (i % 4 === 0 ? `${v},exited,2014,2018` : i % 4 === 1 ? `${v},poor,2015,` : `${v},not_designated,,`)));
  let editor: string;
  beforeAll(async () => {
    editor = await adminToken({ role: "editor", region: WUWEI });
    if ((await inTownship("regions")) === 0) expect((await post("/api/v1/admin/regions", cityAdmin, goodRegions)).status).toBe(200);
  });

  it("refuses a bad line (a rule, or a code that is no village) naming line and column, and writes nothing", async () => {
    const audit = await countRows("audit_log");
    const rows = good.trimEnd().split("\n");
    rows[50] = `${VILLAGES[49]},exited,2014,`; // line 51: exited without an exit year
    const res = await post("/api/v1/admin/villages/statuses", editor, rows.join("\n"));
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error).toMatchObject({ code: "invalid_request", details: [{ path: "line 51, column exit_year", message: "is required for an exited village" }] });
    const township = await json(await post("/api/v1/admin/villages/statuses", editor, statusFile([`${VILLAGES[0]},poor,2014,`, `${TOWNSHIP},poor,2014,`])));
    expect(township.error).toMatchObject({ code: "invalid_request", details: [{ path: "line 3, column code", message: "unknown village" }] });
    const unreadable = await json(await post("/api/v1/admin/villages/statuses", editor, statusFile([`${VILLAGES[0]},gone,2014,x`])));
    expect(unreadable.error.details.map((d: { path: string }) => d.path)).toEqual(["line 2, column status", "line 2, column exit_year"]);
    expect(await inTownship("village_status")).toBe(0);
    expect(await countRows("audit_log")).toBe(audit);
  });

  it("sets a good file in one batch with one audit row; the same key replays the answer", async () => {
    const [audit, sets] = [await countRows("audit_log"), await audits("village_status.set_many")];
    const key = crypto.randomUUID();
    const res = await post("/api/v1/admin/villages/statuses", editor, good, key);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data).toEqual({ villages: 120, created: 120, changed: 0, unchanged: 0, scope: TOWNSHIP });
    expect(await inTownship("village_status")).toBe(120);
    expect(await audits("village_status.set_many")).toBe(sets + 1);
    const again = await post("/api/v1/admin/villages/statuses", editor, good, key);
    expect([again.status, await json(again)]).toEqual([200, body]);
    expect(await countRows("audit_log")).toBe(audit + 1);
    const exited = (await json(await api(`/api/v1/villages?township=${TOWNSHIP}&limit=1000`))).data.filter((v: { status: string }) => v.status === "exited");
    expect(exited).toHaveLength(30);
    // Outside the token's scope: refused by line.
    const nanling = await adminToken({ role: "editor", region: "340223000000" });
    expect((await json(await post("/api/v1/admin/villages/statuses", nanling, good))).error).toMatchObject({ code: "out_of_scope", details: [{ path: "line 2, column code" }] });
  });
});
