/**
 * Every administrative write refuses a township-scoped token on records above its township:
 * the county's projects, money rows, notices, reports, register releases and official
 * figures (the region scope is checked by each write in worker/writes/, whatever calls it).
 * The answer is 403 out_of_scope and nothing is written.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { adminToken, countRows } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";
import { adminPost, NANLING, projectBody, wuhuProject } from "../helpers/funds";
import { createNotice } from "../helpers/notices";

/** Nanling's township 101, whose villages hold the demo's first notices. */
const TOWNSHIP = "340223101000";
/** A report filed at county level (demo data) and an objection to a notice in another township. */
const COUNTY_REPORT = "rpt_demo07";
const OTHER_TOWNSHIP_OBJECTION = "obj_demo06x1";

interface WriteCase {
  name: string;
  method: "POST" | "PATCH" | "PUT";
  path: string;
  body: unknown;
  contentType?: string;
}

let township: string;
const cases: WriteCase[] = [];

beforeAll(async () => {
  await seedOnce();
  township = await adminToken({ role: "admin", region: TOWNSHIP });
  const county = await wuhuProject({ allocate: 100_000 });
  const wuhu = await adminToken({ role: "editor", region: "340200000000" });
  const payment = await adminPost("/api/v1/admin/funds/disbursements", wuhu, { project_id: county.id, source: "municipal", date: "2018-05-01", amount_fen: 1_000, receipted_fen: 0, document_no: "拨〔2018〕1号" });
  const donation = await adminPost("/api/v1/admin/donations", wuhu, { date: "2018-05-01", amount_fen: 50_000, channel: "online", target: { type: "region", region_code: NANLING } });
  const notice = await createNotice({ regionCode: NANLING, status: "draft", type: "project", items: 0 });
  const reversal = (id: string) => ({ id, date: "2018-06-01", reason: "entry_error" });
  // A need in a village of another township (102), posted at county level.
  const need = (await adminPost("/api/v1/admin/needs", wuhu, { village_code: "340223102203", category: "schooling", beneficiary: "village", description: "村小需要课桌", items: "课桌 10 张", deadline: "2099-12-31" })).body.data.id as string;
  cases.push(
    { name: "create a project for the county", method: "POST", path: "/api/v1/admin/funds/projects", body: projectBody({ region_code: NANLING }) },
    // Snapshots cover every region, so only a province-level or national admin may take one.
    { name: "take a snapshot of every public dataset", method: "POST", path: "/api/v1/admin/snapshots", body: undefined },
    { name: "move a county project along its life cycle", method: "POST", path: `/api/v1/admin/funds/projects/${county.id}/status`, body: { status: "filed", date: "2018-03-01" } },
    { name: "amend a county project", method: "POST", path: `/api/v1/admin/funds/projects/${county.id}/amendments`, body: { date: "2018-06-01", reason_zh: "越级调整", name_zh: "越级改名" } },
    { name: "allocate funds to a county project", method: "POST", path: "/api/v1/admin/funds/allocations", body: { project_id: county.id, source: "municipal", date: "2018-04-01", amount_fen: 100, document_no: "x" } },
    { name: "disburse to a county project", method: "POST", path: "/api/v1/admin/funds/disbursements", body: { project_id: county.id, source: "municipal", date: "2018-05-01", amount_fen: 100, receipted_fen: 0, document_no: "x" } },
    { name: "record a donation for the county", method: "POST", path: "/api/v1/admin/donations", body: { date: "2018-05-01", amount_fen: 100, channel: "online", target: { type: "region", region_code: NANLING } } },
    { name: "allocate a donation to a county project", method: "POST", path: `/api/v1/admin/donations/${donation.body.data.id}/allocations`, body: { project_id: county.id, date: "2018-05-02", amount_fen: 100 } },
    { name: "reverse a county fund allocation", method: "POST", path: "/api/v1/admin/funds/reversals", body: reversal(county.allocationId!) },
    { name: "reverse a county disbursement", method: "POST", path: "/api/v1/admin/funds/reversals", body: reversal(payment.body.data.id) },
    { name: "reverse a county donation", method: "POST", path: "/api/v1/admin/funds/reversals", body: reversal(donation.body.data.id) },
    { name: "import the county's register", method: "POST", path: `/api/v1/admin/imports/households?year=2018&region=${NANLING}`, body: "register_no,village_code\n", contentType: "text/csv" },
    { name: "draft a county notice", method: "POST", path: "/api/v1/admin/notices", body: { type: "project", region: NANLING, title_zh: "越级", body_zh: "越级", issuer: "越级" } },
    { name: "edit a county draft", method: "PATCH", path: `/api/v1/admin/notices/${notice}`, body: { title_zh: "越级修改" } },
    { name: "open a county notice", method: "POST", path: `/api/v1/admin/notices/${notice}/open`, body: {} },
    { name: "close a county notice", method: "POST", path: "/api/v1/admin/notices/ntc_demo04/close", body: undefined },
    { name: "announce a county notice", method: "POST", path: "/api/v1/admin/notices/ntc_demo04/announce", body: { announcement_zh: "越级公告" } },
    { name: "answer an objection in another township", method: "POST", path: `/api/v1/admin/objections/${OTHER_TOWNSHIP_OBJECTION}/answer`, body: { upheld: false, answer: "越级答复" } },
    { name: "move a county report", method: "POST", path: `/api/v1/admin/reports/${COUNTY_REPORT}/transitions`, body: { from: "received", to: "accepted" } },
    { name: "note on a county report", method: "POST", path: `/api/v1/admin/reports/${COUNTY_REPORT}/notes`, body: { internal_note: "越级备注" } },
    { name: "post a need in another township", method: "POST", path: "/api/v1/admin/needs", body: { village_code: "340223102203", category: "schooling", beneficiary: "village", description: "越级需求", items: "课桌", deadline: "2099-12-31" } },
    { name: "record a delivery in another township", method: "POST", path: `/api/v1/admin/needs/${need}/delivery`, body: { date: "2018-05-01", delivered: "课桌", in_kind_record: "x" } },
    { name: "close a need in another township", method: "POST", path: `/api/v1/admin/needs/${need}/close`, body: { status: "withdrawn", reason: "other" } },
    { name: "publish a county accountability case", method: "POST", path: "/api/v1/admin/accountability/cases", body: { region_code: NANLING, closed_on: "2018-05-01", problem: "fund_misuse", outcome: "no_case", people_disciplined: 0, people_referred: 0, recovered_fen: 0, returned_fen: 0 } },
    { name: "set the status of a village in another township", method: "POST", path: "/api/v1/admin/villages/340223102203/status", body: { status: "exited", designated_year: 2014, exit_year: 2017 } },
    { name: "set the statuses of villages in another township (CSV)", method: "POST", path: "/api/v1/admin/villages/statuses", body: "code,status,designated_year,exit_year\n340223102203,exited,2014,2017\n", contentType: "text/csv" },
    // Division codes are loaded by a city's administrator or above: not even the township's own.
    { name: "load division codes in its own township", method: "POST", path: "/api/v1/admin/regions", body: `code,parent_code,level,name_zh,name_en\n340223101299,${TOWNSHIP},village,越级村,Out of Scope Village\n`, contentType: "text/csv" },
    { name: "publish who answers for a village in another township", method: "PUT", path: "/api/v1/admin/contacts/340223102203", body: { contacts: [{ role: "first_secretary", name_zh: "越级", office_zh: "越级单位", phone: "0553-6812345", confirmed_on: "2026-01-01" }] } },
    { name: "publish the county office's contacts", method: "PUT", path: `/api/v1/admin/contacts/${NANLING}`, body: { contacts: [] } },
    {
      name: "publish the county's official figures",
      method: "POST",
      path: "/api/v1/admin/official-figures",
      body: { source: { id: "township-scope-test", title_zh: "越级", title_en: "Above", issuer: "x", published_on: "2019-01-01" }, figures: [{ region_code: NANLING, year: 2018, metric: "exited_people", value: 100 }] },
    },
  );
});

describe("a township-scoped token", () => {
  it("has a case for every admin write route in the OpenAPI document", async () => {
    const doc = await json(await api("/api/v1/openapi.json"));
    const writes = Object.entries<Record<string, unknown>>(doc.paths)
      .filter(([path]) => path.startsWith("/api/v1/admin/"))
      .flatMap(([path, item]) => Object.keys(item).filter((m) => m !== "get").map((m) => `${m.toUpperCase()} ${path}`));
    const template = (path: string) => path.split("?")[0]!.replace(/\/(prj|don|ntc|obj|rpt|ned)_[0-9a-z_]+/g, "/{id}").replace(/\/villages\/\d{12}\//, "/villages/{code}/").replace(/\/contacts\/\d{12}$/, "/contacts/{code}");
    const covered = new Set(cases.map((c) => `${c.method} ${template(c.path)}`));
    expect(writes.filter((w) => !covered.has(w))).toEqual([]);
  });

  it("cannot write above (or beside) its township: every write is a 403 out_of_scope and writes nothing", async () => {
    const audit = await countRows("audit_log");
    const ledger = await countRows("ledger_entries");
    for (const c of cases) {
      const headers: Record<string, string> = { Authorization: `Bearer ${township}`, "Idempotency-Key": crypto.randomUUID() };
      if (c.body !== undefined) headers["Content-Type"] = c.contentType ?? "application/json";
      const res = await api(c.path, { method: c.method, headers, body: c.body === undefined ? undefined : typeof c.body === "string" ? c.body : JSON.stringify(c.body) });
      const body = await json(res);
      expect([res.status, body.error?.code], c.name).toEqual([403, "out_of_scope"]);
    }
    expect(await countRows("audit_log")).toBe(audit);
    expect(await countRows("ledger_entries")).toBe(ledger);
  });
});
