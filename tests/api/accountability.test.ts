import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CILI_ACCOUNTABILITY } from "../../worker/demo/accountability";
import { adminApi, adminToken, countRows } from "../helpers/admin";
import { api, expectEtagsChangeWith, json, seedOnce } from "../helpers/api";
import { postHeaders } from "../helpers/notices";

const CILI = "430821000000";
const NANLING = "340223000000";
const VILLAGE = "340223101201";
let token: string;
let key = 0;
const record = (body: unknown) => adminApi("/api/v1/admin/accountability/cases", token, { method: "POST", json: body, idempotencyKey: `accountability-test-${++key}` });
const good = { region_code: NANLING, closed_on: "2026-09-30", problem: "fund_misuse", outcome: "party_government_discipline", people_disciplined: 2, people_referred: 0, recovered_fen: 1_250_000, returned_fen: 800_000 };

beforeAll(async () => {
  await seedOnce();
  token = await adminToken({ role: "editor", region: NANLING });
});

describe("Cili's accountability figures (demo)", () => {
  it("add up per county and year to the announced 393 cases, 339 disciplined, 7 referred, 2.76 and 0.58 million yuan", async () => {
    const body = await json(await api(`/api/v1/accountability/stats?region=${CILI}`));
    expect(body.meta.totals).toEqual({
      cases: CILI_ACCOUNTABILITY.cases,
      people_disciplined: 339,
      people_referred: 7,
      recovered_fen: 276_000_000,
      returned_fen: 58_000_000,
    });
    expect(body.data.map((r: { year: number }) => r.year)).toEqual([2016, 2017, 2018]);
    for (const row of body.data) {
      expect(row.county.code).toBe(CILI);
      expect(Object.values<number>(row.by_outcome).reduce((a, b) => a + b, 0)).toBe(row.cases);
      expect(Object.values<number>(row.by_problem).reduce((a, b) => a + b, 0)).toBe(row.cases);
    }
    expect(body.data.reduce((a: number, r: { by_outcome: { referral_to_prosecutors: number } }) => a + r.by_outcome.referral_to_prosecutors, 0)).toBe(7);
  });

  it("names an official only with the public bulletin that named them, and lists cases as CSV", async () => {
    const all = (await json(await api(`/api/v1/accountability/cases?region=${CILI}&limit=1000`))).data;
    expect(all).toHaveLength(393);
    const named = all.filter((c: { official_name: string | null }) => c.official_name !== null);
    expect(named.length).toBeGreaterThan(0);
    for (const c of named) expect(c.bulletin_url).toMatch(/^https:\/\//);
    for (const c of all.filter((c: { bulletin_url: string | null }) => c.bulletin_url === null)) expect(c.official_position).toBeNull();
    const csv = await (await api(`/api/v1/accountability/cases?region=${CILI}&year=2017&format=csv&limit=5`)).text();
    expect(csv.split("\n")[0]).toContain("recovered_fen");
    expect((await api("/api/v1/accountability/cases?outcome=acquitted")).status).toBe(400);
  });
});

describe("publishing a case", () => {
  const bad: [string, Record<string, unknown>, number, string][] = [
    ["an outcome outside the vocabulary", { ...good, outcome: "warning" }, 400, "body.outcome"],
    ["a problem outside the vocabulary", { ...good, problem: "corruption" }, 400, "body.problem"],
    ["a referral with nobody referred", { ...good, outcome: "referral_to_prosecutors", people_referred: 0 }, 422, "body.people_referred"],
    ["no case with people disciplined", { ...good, outcome: "no_case" }, 422, "body.people_disciplined"],
    ["a named official without the bulletin", { ...good, official: { position: "村支书", name: "张三" } }, 400, "body.bulletin"],
    ["money in fractions of a fen", { ...good, recovered_fen: 10.5 }, 400, "body.recovered_fen"],
    ["a date in the future", { ...good, closed_on: "2099-01-01" }, 400, "body.closed_on"],
    ["a bulletin dated in the future", { ...good, official: { position: "村支书" }, bulletin: { title: "典型问题通报（测试）", url: "https://example.invalid/bulletin", date: "2099-01-01" } }, 400, "body.bulletin.date"],
    ["a region outside the token's", { ...good, region_code: CILI }, 403, "body.region_code"],
  ];
  for (const [what, body, status, path] of bad) {
    it(`refuses ${what} (${status} naming ${path}) and writes nothing`, async () => {
      const before = await countRows("accountability_cases");
      const res = await record(body);
      expect(res.status).toBe(status);
      expect((await json(res)).error.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await countRows("accountability_cases")).toBe(before);
    });
  }
});

describe("the public lists' ETags", () => {
  it("answer 304 while nothing changed, and change with the next published case (list in every format, case statistics)", async () => {
    const reads = [`/api/v1/accountability/cases?region=${NANLING}`, `/api/v1/accountability/cases?region=${NANLING}&format=csv`, `/api/v1/accountability/cases?region=${NANLING}&format=ndjson`, `/api/v1/accountability/stats?region=${NANLING}`];
    await expectEtagsChangeWith(reads, async () => {
      expect((await record({ ...good, closed_on: "2026-09-29" })).status).toBe(201);
    });
  });
});

describe("a case started by a citizen report", () => {
  it("tells the reporter, on their receipt page only, that a case was opened and how it ended — and the case reveals nothing about the report", async () => {
    const text = "村干部虚报冒领危房改造补助，涉及多户。";
    const contact = "13912345678";
    const filed = await api("/api/v1/reports", { method: "POST", headers: postHeaders("2026-09-01T02:00:00Z"), body: JSON.stringify({ category: "fund_misuse", region: VILLAGE, text, contact }) });
    const { receipt } = (await json(filed)).data;
    const before = (await json(await api(`/api/v1/reports/${receipt}`))).data;
    expect(before.accountability_case).toBeNull();
    const reportId = (await env.DB.prepare("SELECT id FROM reports WHERE contact = ?").bind(contact).first<string>("id"))!;

    const res = await record({ ...good, region_code: VILLAGE, outcome: "referral_to_prosecutors", people_referred: 1, report_id: reportId });
    expect(res.status).toBe(201);
    const caseId = (await json(res)).data.id;

    const after = (await json(await api(`/api/v1/reports/${receipt}`))).data;
    expect(after.accountability_case).toEqual({ opened: true, outcome: "referral_to_prosecutors" });

    // Every public output of the case: no report id, receipt, text, contact, category or time of the report.
    const outputs = [
      await (await api(`/api/v1/accountability/cases/${caseId}`)).text(),
      await (await api(`/api/v1/accountability/cases?region=${VILLAGE}`)).text(),
      await (await api(`/api/v1/accountability/cases?region=${NANLING}&format=csv`)).text(),
      await (await api(`/api/v1/accountability/cases?region=${NANLING}&format=ndjson`)).text(),
      await (await api(`/api/v1/accountability/stats?region=${NANLING}`)).text(),
    ];
    const receivedAt = (await env.DB.prepare("SELECT received_at FROM reports WHERE id = ?").bind(reportId).first<string>("received_at"))!;
    for (const out of outputs) {
      for (const secret of [reportId, receipt, receipt.replaceAll("-", ""), text, contact, receivedAt, "report"]) expect(out).not.toContain(secret);
    }
    // Its pages too (the word "report" is in every page's navigation, so not that one).
    for (const page of [`/accountability/${caseId}/`, `/en/accountability/${caseId}/`, `/accountability/?county=${NANLING}`]) {
      const res = await api(page);
      expect(res.status, page).toBe(200);
      const html = await res.text();
      expect(html, page).toContain(caseId);
      for (const secret of [reportId, receipt, receipt.replaceAll("-", ""), text, contact, receivedAt]) expect(html, page).not.toContain(secret);
    }
    const detail = (await json(await api(`/api/v1/accountability/cases/${caseId}`))).data;
    expect(Object.keys(detail)).not.toContain("report_id");

    // A report starts at most one case; another report of another county cannot be cited.
    const again = await record({ ...good, report_id: reportId });
    expect(again.status).toBe(409);
    expect((await json(again)).error.details[0].path).toBe("body.report_id");
    const unknown = await record({ ...good, report_id: "rpt_doesnotexist" });
    expect(unknown.status).toBe(404);
  });

  it("leaves every public output of the reports as it was: their ETags do not tell that the new case came from a report", async () => {
    const filed = await api("/api/v1/reports", { method: "POST", headers: postHeaders("2026-09-02T02:00:00Z"), body: JSON.stringify({ category: "fund_misuse", region: VILLAGE, text: "扶贫资金被挪作他用。", contact: "13912345679" }) });
    expect(filed.status).toBe(201);
    const reportId = (await env.DB.prepare("SELECT id FROM reports WHERE contact = ?").bind("13912345679").first<string>("id"))!;
    // The reports' statistics carry the reports dataset's version in their ETag (in clear), and
    // so does the village page's cache key: a change at the instant a case is published would
    // say that this case was started by a citizen report, and the counts by county, month and
    // category beside it would narrow down which one.
    const at = { headers: { "x-test-now": "2026-10-01T03:00:00Z" } };
    const reads = [`/api/v1/reports/stats?region=${NANLING}`, "/api/v1/reports/stats?group_by=category,month", "/api/v1/reports/stats"];
    const etags = async () => Promise.all(reads.map(async (path) => (await api(path, at)).headers.get("ETag")));
    const before = await etags();
    expect(before.every((tag) => tag !== null)).toBe(true);
    const res = await record({ ...good, region_code: VILLAGE, report_id: reportId });
    expect(res.status).toBe(201);
    expect(await etags()).toEqual(before);
  });
});

describe("the accountability pages (/accountability/, a case)", () => {
  it("lists Cili's cases with its totals per year, and the totals against the report's 393 cases and 339 people", async () => {
    const res = await api(`/accountability/?county=${CILI}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("扶贫领域问责");
    expect([...html.matchAll(/<tr data-county="430821000000" data-year="(\d+)"/g)].map((m) => m[1])).toEqual(["2016", "2017", "2018"]);
    const total = html.split("data-total")[1]!.split("</tr>")[0]!;
    expect([...total.matchAll(/<td class="num"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(["393", "339", "7", "2,760,000.00 元", "580,000.00 元"]);
    // The report's figures, with their source, agree with the cases published here.
    expect(html).toMatch(/data-metric="discipline_cases" data-agrees="true"/);
    expect(html).toMatch(/data-metric="people_disciplined" data-agrees="true"/);
    expect(html).toContain("zjjlz.gov.cn");
    // The first page of 100 (the walk through every page: console-processes-lists.test.ts).
    expect((html.match(/<li data-case="acc_/g) ?? []).length).toBe(100);
    expect(html).toContain("data-next-page");
    const en = await (await api(`/en/accountability/?county=${CILI}`)).text();
    expect(en).toContain("Accountability in poverty alleviation");
    expect(en).toContain("¥2,760,000.00");
    expect(await (await api(`/regions/${CILI}/`)).text()).toContain(`/accountability/?county=${CILI}"`);
  });

  it("filters by year, problem and outcome through the API's own filters; ignores malformed ones", async () => {
    const html = await (await api(`/accountability/?county=${CILI}&year=2018&outcome=referral_to_prosecutors`)).text();
    const listed = [...html.matchAll(/<li data-case="(acc_[0-9a-z]+)" data-problem="(\w+)" data-outcome="(\w+)"/g)];
    const fromApi = await json(await api(`/api/v1/accountability/cases?region=${CILI}&year=2018&outcome=referral_to_prosecutors`));
    expect(listed.map((m) => m[1])).toEqual(fromApi.data.map((c: any) => c.id));
    expect(listed.every((m) => m[3] === "referral_to_prosecutors")).toBe(true);
    const problem = await (await api(`/en/accountability/?problem=fund_misuse`)).text();
    expect([...problem.matchAll(/data-problem="(\w+)"/g)].every((m) => m[1] === "fund_misuse")).toBe(true);
    expect((await api(`/accountability/?county=abc&year=20x&problem=nope&outcome=%3Cx%3E`)).status).toBe(200);
  });

  it("shows a named official only with the bulletin that named them; an unnamed case names nobody", async () => {
    const cases = (await json(await api(`/api/v1/accountability/cases?region=${CILI}&limit=1000`))).data;
    const named = cases.find((c: any) => c.official_name !== null);
    const unnamed = cases.find((c: any) => c.official_name === null && c.outcome !== "no_case");
    const page = await (await api(`/accountability/${named.id}/`)).text();
    expect(page).toContain(named.official_name);
    expect(page).toContain(named.bulletin_title);
    expect(page).toContain(`href="${named.bulletin_url}"`);
    const other = await (await api(`/en/accountability/${unnamed.id}/`)).text();
    expect(other).toContain("Not named in a public bulletin");
    expect(other).not.toContain("data-official");
    expect((await api("/accountability/acc_zzzzzzzzzzzz/")).status).toBe(404);
    expect((await api("/accountability/not-a-case/")).status).toBe(404);
  });
});
