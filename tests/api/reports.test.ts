import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedOnce } from "../helpers/api";
import { advanceReport, countRows, postHeaders } from "../helpers/notices";

const TONGREN = "520600000000";
const VILLAGE = "340223101201";
const RECEIVED = "2026-10-01T02:00:00Z";

function file(body: unknown, now?: string, extra: Record<string, string> = {}) {
  return api("/api/v1/reports", { method: "POST", headers: { ...postHeaders(now), ...extra }, body: JSON.stringify(body) });
}
async function fileOk(body: Record<string, unknown>, now = RECEIVED): Promise<string> {
  const res = await file({ category: "fund_misuse", region: TONGREN, text: "村里的扶贫资金被挪用修建了办公楼。", ...body }, now);
  expect(res.status).toBe(201);
  return (await json(res)).data.receipt;
}

beforeAll(seedOnce);

describe("POST /api/v1/reports", () => {
  it("registers a report and answers with a receipt shown once, stored only as a hash", async () => {
    const before = await countRows("reports");
    const res = await file({ category: "wrongful_exit", region: VILLAGE, text: "我家并未达到脱贫标准却被标记为脱贫。", contact: "13800000000" }, RECEIVED);
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { data } = await json(res);
    expect(data.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    expect(data.follow_up).toBe(`/api/v1/reports/${data.receipt}`);
    expect(await countRows("reports")).toBe(before + 1);
    const stored = await env.DB.prepare("SELECT * FROM reports WHERE category = 'wrongful_exit' AND received_at = ?").bind(new Date(RECEIVED).toISOString()).first<Record<string, unknown>>();
    expect(stored).toMatchObject({ category: "wrongful_exit", region_code: VILLAGE, status: "received", contact: "13800000000", received_month: "2026-10" });
    expect(JSON.stringify(stored)).not.toContain(data.receipt.replaceAll("-", ""));
    expect(stored!.receipt_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("stores a <script> as text and returns nothing that could run it", async () => {
    const receipt = await fileOk({ text: "<script>alert('xss')</script> 扶贫款被挪用" });
    const stored = await env.DB.prepare("SELECT text FROM reports WHERE text LIKE '<script>%'").first<{ text: string }>();
    expect(stored!.text).toBe("<script>alert('xss')</script> 扶贫款被挪用");
    const res = await api(`/api/v1/reports/${receipt}`);
    expect(res.headers.get("Content-Type")).toContain("application/json");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await res.text()).not.toContain("<script>");
  });

  it("answers a filled honeypot with an ordinary 201 and stores nothing", async () => {
    const before = await countRows("reports");
    const res = await file({ category: "other", region: TONGREN, text: "Cheap loans, visit our site now!", website: "spam" }, RECEIVED);
    expect(res.status).toBe(201);
    const { receipt } = (await json(res)).data;
    expect(await countRows("reports")).toBe(before);
    expect((await api(`/api/v1/reports/${receipt}`)).status).toBe(404);
  });

  describe("bad input gets a 4xx in the error shape and writes nothing", () => {
    const good = { category: "fund_misuse", region: TONGREN, text: "村里的扶贫资金被挪用修建了办公楼。" };
    const cases: [string, unknown, string][] = [
      ["an unknown category", { ...good, category: "corruption" }, "body.category"],
      ["a missing category", { region: TONGREN, text: good.text }, "body.category"],
      ["a malformed region", { ...good, region: "5206" }, "body.region"],
      ["a region that does not exist", { ...good, region: "529900000000" }, "body.region"],
      ["a text under 10 characters", { ...good, text: "有问题" }, "body.text"],
      ["a text over 5,000 characters", { ...good, text: "款".repeat(5001) }, "body.text"],
      ["a contact over 200 characters", { ...good, contact: "1".repeat(201) }, "body.contact"],
      ["an unknown field such as a device id", { ...good, device_id: "abc" }, "body.device_id"],
      ["a number as text", { ...good, text: 12345678901 }, "body.text"],
    ];
    it.each(cases)("refuses %s with 400", async (_what, body, path) => {
      const [reports, events] = [await countRows("reports"), await countRows("report_events")];
      const res = await file(body, RECEIVED);
      expect(res.status).toBe(400);
      const { error } = await json(res);
      expect(error.code).toBe("invalid_request");
      expect(error.details.map((d: any) => d.path).join(" ")).toContain(path);
      expect(await countRows("reports")).toBe(reports);
      expect(await countRows("report_events")).toBe(events);
    });

    it("refuses a non-JSON body with 415 and an oversized one with 413", async () => {
      const before = await countRows("reports");
      const form = await api("/api/v1/reports", { method: "POST", headers: { ...postHeaders(), "Content-Type": "text/plain" }, body: "hello" });
      expect(form.status).toBe(415);
      const big = await file({ ...good, text: "x".repeat(40_000) });
      expect(big.status).toBe(413);
      expect((await json(big)).error).toMatchObject({ code: "payload_too_large" });
      expect(await countRows("reports")).toBe(before);
    });
  });
});

describe("GET /api/v1/reports/{receipt}", () => {
  it("shows status, deadlines and the public timeline, never internal notes, text or contact", async () => {
    const receipt = await fileOk({ text: "PLANTED-REPORT-TEXT 资金去向不明", contact: "PLANTED-CONTACT-139" });
    await advanceReport(receipt, "received", "accepted", "2026-10-03T02:00:00Z", "已受理，转县纪委调查。", "PLANTED-INTERNAL-NOTE 涉及村支书");
    const res = await api(`/api/v1/reports/${receipt}`, { headers: { "x-test-now": "2026-10-05T00:00:00Z" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const text = await res.clone().text();
    for (const planted of ["PLANTED-REPORT-TEXT", "PLANTED-CONTACT", "PLANTED-INTERNAL-NOTE"]) expect(text).not.toContain(planted);
    const { data } = await json(res);
    expect(data).toMatchObject({
      category: "fund_misuse",
      region: { code: TONGREN, name_zh: "铜仁市" },
      status: "accepted",
      received_at: "2026-10-01T02:00:00.000Z",
      acknowledgement: { due_at: "2026-10-08T02:00:00.000Z", done_at: "2026-10-03T02:00:00.000Z", overdue: false, late: false },
      resolution: { due_at: "2026-11-30T02:00:00.000Z", done_at: null, overdue: false },
      overdue: false,
    });
    expect(data.timeline).toEqual([
      { at: "2026-10-01T02:00:00.000Z", status: "received", text: null },
      { at: "2026-10-03T02:00:00.000Z", status: "accepted", text: "已受理，转县纪委调查。" },
    ]);
  });

  it("flags a report not acknowledged within 7 days as overdue, from the first second after", async () => {
    const receipt = await fileOk({});
    const due = "2026-10-08T02:00:00.000Z";
    const onTime = (await json(await api(`/api/v1/reports/${receipt}`, { headers: { "x-test-now": due } }))).data;
    expect(onTime.acknowledgement.overdue).toBe(false);
    const late = (await json(await api(`/api/v1/reports/${receipt}`, { headers: { "x-test-now": "2026-10-08T02:00:01Z" } }))).data;
    expect(late.acknowledgement.overdue).toBe(true);
    expect(late.overdue).toBe(true);
  });

  it("reads a receipt typed in lower case without dashes", async () => {
    const receipt = await fileOk({});
    const res = await api(`/api/v1/reports/${receipt.toLowerCase().replaceAll("-", "")}`);
    expect(res.status).toBe(200);
  });

  it("gives the same 404 for an unknown, a wrong and a malformed receipt", async () => {
    const receipt = await fileOk({});
    const wrong = receipt.slice(0, -1) + (receipt.endsWith("0") ? "1" : "0");
    const bodies = [];
    for (const r of ["0000-0000-0000-0000-0000-0000", wrong, "stats-of-nothing", "%3Cscript%3E"]) {
      const res = await api(`/api/v1/reports/${r}`);
      expect(res.status).toBe(404);
      const { error } = await json(res);
      bodies.push(JSON.stringify([error.code, error.message, error.details]));
    }
    expect(new Set(bodies).size).toBe(1);
  });
});

describe("GET /api/v1/reports/stats", () => {
  // Baicheng has no demo reports, so the figures below are exactly those filed here.
  const BAICHENG = "220800000000";
  beforeAll(async () => {
    // Five reports in Baicheng: one answered, one resolved, one in progress, one rejected, one left unacknowledged.
    const r = await Promise.all([0, 1, 2, 3, 4].map((i) => fileOk({ region: BAICHENG, category: i % 2 ? "project_quality" : "fund_misuse", text: `PLANTED-STATS-TEXT ${i} 工程质量有问题`, contact: "PLANTED-STATS-CONTACT" }, `2026-0${i < 3 ? 8 : 9}-0${i + 1}T02:00:00Z`)));
    await advanceReport(r[0]!, "received", "accepted", "2026-08-02T02:00:00Z");
    await advanceReport(r[0]!, "accepted", "in_progress", "2026-08-03T02:00:00Z");
    await advanceReport(r[0]!, "in_progress", "resolved", "2026-08-21T02:00:00Z");
    await advanceReport(r[0]!, "resolved", "answered", "2026-08-22T02:00:00Z", "经查属实，已追回资金。");
    await advanceReport(r[1]!, "received", "accepted", "2026-08-06T02:00:00Z");
    await advanceReport(r[1]!, "accepted", "in_progress", "2026-08-07T02:00:00Z");
    await advanceReport(r[1]!, "in_progress", "resolved", "2026-09-01T02:00:00Z");
    await advanceReport(r[2]!, "received", "accepted", "2026-08-04T02:00:00Z");
    await advanceReport(r[2]!, "accepted", "in_progress", "2026-08-05T02:00:00Z");
    await advanceReport(r[3]!, "received", "rejected", "2026-09-05T02:00:00Z", "不属于本机关受理范围，已告知向法院起诉。");
  });

  it("counts by status, category, county and month, with medians and overdue counts", async () => {
    const res = await api(`/api/v1/reports/stats?region=${BAICHENG}`, { headers: { "x-test-now": "2026-11-25T00:00:00Z" } });
    expect(res.status).toBe(200);
    const { data, meta } = await json(res);
    expect(data.total).toBe(5);
    expect(data.by_status).toEqual({ received: 1, accepted: 0, rejected: 1, in_progress: 1, resolved: 1, answered: 1 });
    expect(data.by_category).toMatchObject({ fund_misuse: 3, project_quality: 2, other: 0 });
    expect(data.by_region).toEqual([{ code: BAICHENG, name_zh: "白城市", name_en: "Baicheng City", received: 5 }]);
    expect(data.by_month).toEqual([
      { month: "2026-08", received: 3, resolved: 2 },
      { month: "2026-09", received: 2, resolved: 0 },
    ]);
    // Acknowledged after 1, 1, 1 and 1 days (the rejection took 1 day too): median 1.
    expect(data.median_days_to_acknowledge).toBe(1);
    // Resolved after 20 days (08-01 → 08-21) and 30 days (08-02 → 09-01): median 25.
    expect(data.median_days_to_resolve).toBe(25);
    // Unacknowledged since 2026-09-05 (> 7 days); unresolved past 60 days: the in-progress one (08-03) and the received one (09-05 + 60 = 11-04).
    expect(data.overdue).toEqual({ acknowledgement: 1, resolution: 2 });
    expect(meta.time_zone).toBe("Asia/Shanghai");
  });

  it("filters by category and year, and never shows any text or contact", async () => {
    const res = await api(`/api/v1/reports/stats?region=${BAICHENG}&category=project_quality&year=2026`);
    const text = await res.clone().text();
    expect(text).not.toContain("PLANTED-STATS");
    expect((await json(res)).data.total).toBe(2);
    const none = await json(await api(`/api/v1/reports/stats?region=${BAICHENG}&year=2025`));
    expect(none.data).toMatchObject({ total: 0, median_days_to_acknowledge: null, median_days_to_resolve: null, by_region: [], by_month: [] });
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await api(`/api/v1/reports/stats?region=${BAICHENG}`, { headers: { "x-test-now": "2026-11-25T00:00:00Z" } });
    const again = await api(`/api/v1/reports/stats?region=${BAICHENG}`, { headers: { "x-test-now": "2026-11-25T00:30:00Z", "If-None-Match": first.headers.get("ETag")! } });
    expect(again.status).toBe(304);
  });

  it.each([
    ["an unknown parameter", "regoin=611002000000", 400, "query.regoin"],
    ["an unknown category", "category=bribery", 400, "query.category"],
    ["a year out of range", "year=1900", 400, "query.year"],
    ["a malformed region", "region=61", 400, "query.region"],
    ["an unknown region", "region=619900000000", 404, "query.region"],
  ])("refuses %s", async (_what, qs, status, path) => {
    const res = await api(`/api/v1/reports/stats?${qs}`);
    expect(res.status).toBe(status);
    expect((await json(res)).error.details.map((d: any) => d.path).join(" ")).toContain(path);
  });
});
