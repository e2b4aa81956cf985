import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedOnce } from "../helpers/api";
import { countRows, createNotice, postHeaders } from "../helpers/notices";

const SHANGZHOU = "611002000000";
// Period 2026-11-20 … 2026-11-26 (Asia/Shanghai) = [2026-11-19T16:00Z, 2026-11-26T16:00Z).
const OPENS = "2026-11-19T16:00:00Z";
const CLOSES = "2026-11-26T16:00:00Z";
const shift = (iso: string, seconds: number) => new Date(new Date(iso).getTime() + seconds * 1000).toISOString();

let noticeId: string;

function object(id: string, body: unknown, now?: string, extra: Record<string, string> = {}) {
  return api(`/api/v1/notices/${id}/objections`, { method: "POST", headers: { ...postHeaders(now), ...extra }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  await seedOnce();
  noticeId = await createNotice({ regionCode: SHANGZHOU, items: 3 });
});

describe("POST /api/v1/notices/{id}/objections", () => {
  it("refuses an objection one second before the period opens, with the period in the message", async () => {
    const before = await countRows("objections");
    const res = await object(noticeId, { text: "第2户家中有小轿车，不符合条件。" }, shift(OPENS, -1));
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.error.code).toBe("outside_objection_period");
    expect(body.error.message).toContain("has not started yet");
    expect(body.error.message).toContain("2026-11-20 00:00 – 2026-11-26 24:00 (Asia/Shanghai, UTC+8)");
    expect(await countRows("objections")).toBe(before);
  });

  it("accepts an objection at the instant the period opens and one second before it closes", async () => {
    for (const now of [OPENS, shift(OPENS, 1), shift(CLOSES, -1)]) {
      const res = await object(noticeId, { text: "第2户家中有小轿车，不符合条件。", item_no: 2 }, now);
      expect(res.status).toBe(201);
      const body = await json(res);
      expect(body.data.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
      expect(body.data.received_at).toBe(new Date(now).toISOString());
      expect(res.headers.get("Cache-Control")).toBe("no-store");
    }
  });

  it("refuses an objection after the notice closes: at 24:00 on the last day and one second after", async () => {
    const before = await countRows("objections");
    for (const now of [CLOSES, shift(CLOSES, 1)]) {
      const res = await object(noticeId, { text: "公示期已过仍想提出异议。" }, now);
      expect(res.status).toBe(409);
      const body = await json(res);
      expect(body.error.code).toBe("outside_objection_period");
      expect(body.error.message).toContain("has ended");
      expect(body.error.message).toContain("2026-11-26 24:00");
    }
    expect(await countRows("objections")).toBe(before);
  });

  it("counts objections on the notice without ever publishing their text or contact", async () => {
    const id = await createNotice({ regionCode: SHANGZHOU, items: 2 });
    const res = await object(id, { text: "PLANTED-OBJECTION-TEXT 请核实", contact: "PLANTED-CONTACT-13800000000", item_no: 1 }, "2026-11-21T00:00:00Z");
    expect(res.status).toBe(201);
    const { receipt } = (await json(res)).data;
    const notice = (await json(await api(`/api/v1/notices/${id}`, { headers: { "x-test-now": "2026-11-21T00:00:00Z" } }))).data;
    expect(notice.objections).toEqual({ received: 1, upheld: 0 });
    const stored = await env.DB.prepare("SELECT text, contact, status FROM objections WHERE notice_id = ?").bind(id).first();
    expect(stored).toEqual({ text: "PLANTED-OBJECTION-TEXT 请核实", contact: "PLANTED-CONTACT-13800000000", status: "received" });
    const followUp = await api(`/api/v1/objections/${receipt}`);
    expect(followUp.status).toBe(200);
    const status = (await json(followUp)).data;
    expect(status).toMatchObject({ notice_id: id, item_no: 1, status: "received", answer: null });
    for (const path of [`/api/v1/notices/${id}`, `/api/v1/notices?region=${SHANGZHOU}`, `/api/v1/notices?region=${SHANGZHOU}&format=csv`, `/api/v1/notices.atom?region=${SHANGZHOU}`, `/api/v1/objections/${receipt}`]) {
      const text = await (await api(path, { headers: { "x-test-now": "2026-11-21T00:00:00Z" } })).text();
      expect(text).not.toContain("PLANTED-OBJECTION-TEXT");
      expect(text).not.toContain("PLANTED-CONTACT");
    }
  });

  it("refuses objections to a closed, announced or superseded notice with 409 naming the period", async () => {
    for (const status of ["closed", "announced"] as const) {
      const id = await createNotice({ regionCode: SHANGZHOU, status });
      const res = await object(id, { text: "这份公示有问题。" }, "2026-11-21T00:00:00Z");
      expect(res.status).toBe(409);
      const body = await json(res);
      expect(body.error.code).toBe("notice_not_open");
      expect(body.error.message).toContain(`This notice is ${status}`);
      expect(body.error.message).toContain("2026-11-20 00:00 – 2026-11-26 24:00");
    }
  });

  it("does not accept objections to drafts or unknown notices (404)", async () => {
    const draft = await createNotice({ regionCode: SHANGZHOU, status: "draft" });
    expect((await object(draft, { text: "草稿不应可见。" }, "2026-11-21T00:00:00Z")).status).toBe(404);
    expect((await object("ntc_nosuchnotice", { text: "不存在的公示。" }, "2026-11-21T00:00:00Z")).status).toBe(404);
  });

  it("answers a filled honeypot like a success but stores nothing", async () => {
    const before = await countRows("objections");
    const res = await object(noticeId, { text: "Buy cheap watches now!!!", website: "http://spam.example" }, "2026-11-21T00:00:00Z");
    expect(res.status).toBe(201);
    const { receipt } = (await json(res)).data;
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    expect(await countRows("objections")).toBe(before);
    expect((await api(`/api/v1/objections/${receipt}`)).status).toBe(404);
  });

  describe("bad input gets a 4xx in the error shape and writes nothing", () => {
    const cases: [string, unknown, number, string][] = [
      ["no text", { item_no: 1 }, 400, "body.text"],
      ["a text under 5 characters", { text: "不对" }, 400, "body.text"],
      ["a text over 2,000 characters", { text: "错".repeat(2001) }, 400, "body.text"],
      ["a contact over 200 characters", { text: "第1户不符合条件。", contact: "1".repeat(201) }, 400, "body.contact"],
      ["an item number that is not a whole number", { text: "第1户不符合条件。", item_no: "1; DROP TABLE objections" }, 400, "body.item_no"],
      ["an item the notice does not have", { text: "第9户不符合条件。", item_no: 9 }, 400, "body.item_no"],
      ["an unknown field (e.g. an ip)", { text: "第1户不符合条件。", ip: "203.0.113.9" }, 400, "body.ip"],
      ["an array instead of an object", [{ text: "第1户不符合条件。" }], 400, "body"],
    ];
    it.each(cases)("refuses %s", async (_what, body, status, path) => {
      const before = await countRows("objections");
      const res = await object(noticeId, body, "2026-11-21T00:00:00Z");
      expect(res.status).toBe(status);
      const error = (await json(res)).error;
      expect(error.code).toBe("invalid_request");
      expect(error.details.map((d: any) => d.path).join(" ")).toContain(path);
      expect(await countRows("objections")).toBe(before);
    });

    it("refuses malformed JSON with 400", async () => {
      const res = await api(`/api/v1/notices/${noticeId}/objections`, { method: "POST", headers: postHeaders("2026-11-21T00:00:00Z"), body: '{"text": "未闭合' });
      expect(res.status).toBe(400);
      expect((await json(res)).error.request_id).toBeTruthy();
    });

    it("refuses a form post with 415", async () => {
      const res = await api(`/api/v1/notices/${noticeId}/objections`, {
        method: "POST",
        headers: { ...postHeaders("2026-11-21T00:00:00Z"), "Content-Type": "application/x-www-form-urlencoded" },
        body: "text=hello+world",
      });
      expect(res.status).toBe(415);
      expect((await json(res)).error.code).toBe("unsupported_media_type");
    });

    it("refuses a body over 16 KB with 413 before reading it as JSON", async () => {
      const before = await countRows("objections");
      const res = await object(noticeId, { text: "异".repeat(1000), contact: "x".repeat(17_000) }, "2026-11-21T00:00:00Z");
      expect(res.status).toBe(413);
      expect((await json(res)).error.code).toBe("payload_too_large");
      expect(await countRows("objections")).toBe(before);
    });
  });
});

describe("GET /api/v1/objections/{receipt}", () => {
  it("gives the same 404 for an unknown, a mistyped and a malformed receipt", async () => {
    const answers = [];
    for (const receipt of ["0000-0000-0000-0000-0000-0000", "0000-0000-0000", "not a receipt at all", "x".repeat(300)]) {
      const res = await api(`/api/v1/objections/${encodeURIComponent(receipt)}`);
      expect(res.status).toBe(404);
      const { error } = await json(res);
      answers.push({ code: error.code, message: error.message, details: error.details });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.code).toBe("receipt_not_found");
  });
});

describe("privacy of the schema", () => {
  it("has no column for an IP address, a device identifier or a name in any table", async () => {
    const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'").all<{ name: string }>();
    const columns: string[] = [];
    for (const { name } of tables.results) {
      const info = await env.DB.prepare(`SELECT name FROM pragma_table_info('${name}')`).all<{ name: string }>();
      columns.push(...info.results.map((c) => `${name}.${c.name}`));
    }
    expect(columns).toContain("objections.text");
    const suspicious = columns.filter((c) => /(^|[._])(ip|ip_address|remote_addr|client_ip|device|device_id|user_agent|fingerprint_device|full_name|person_name|id_number|phone)($|_)/i.test(c));
    // An office's published public phone (who answers for a village, issue 15 §4) is the
    // one phone the portal holds on purpose: an office number, never a resident's.
    expect(suspicious).toEqual(["office_contacts.phone"]);
  });
});
