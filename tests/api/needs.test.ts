import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { importSigningKey } from "../../worker/domain/ledger";
import { d1LedgerReader, verifyLedger } from "../../worker/ledger/verify";
import { adminApi, adminToken, countRows } from "../helpers/admin";
import { api, expectEtagsChangeWith, json, seedOnce } from "../helpers/api";
import { postHeaders } from "../helpers/notices";

// Nanling (demo): a village, its township, and a village of another county.
const VILLAGE = "340223101201";
const TOWNSHIP = "340223101000";
const NANLING = "340223000000";
const WUWEI_VILLAGE = "340225101201";
const POSTED = "2026-10-01T02:00:00Z";
const LATER = "2026-10-05T02:00:00Z";

let token: string;
let key = 0;
function admin(path: string, body: unknown, now = POSTED, idempotencyKey = `needs-test-${++key}`) {
  return adminApi(path, token, { method: "POST", json: body, idempotencyKey, headers: { "x-test-now": now } });
}
function pledge(id: string, body: Record<string, unknown> = {}, now = LATER) {
  return api(`/api/v1/needs/${id}/pledges`, { method: "POST", headers: postHeaders(now), body: JSON.stringify(body) });
}
const schooling = { village_code: VILLAGE, category: "schooling", beneficiary: "household", description: "两名在读学生需要书包和冬季校服", items: "书包 2 个，冬季校服 2 套", amount_fen: 60_000, deadline: "2026-12-31" };
const medical = { village_code: VILLAGE, category: "medical_aid", beneficiary: "household", description: "慢性病患者需要一年的常用药费用", amount_fen: 300_000, deadline: "2026-12-31" };

async function post(body: Record<string, unknown>): Promise<string> {
  const res = await admin("/api/v1/admin/needs", body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json(res)).data.id;
}

beforeAll(async () => {
  await seedOnce();
  token = await adminToken({ role: "editor", region: NANLING });
});

describe("posting a need", () => {
  it("posts a need that names no household and lists it on its village's board", async () => {
    const id = await post(schooling);
    const board = await json(await api(`/api/v1/needs?region=${VILLAGE}`));
    const need = board.data.find((n: { id: string }) => n.id === id);
    expect(need).toMatchObject({ region: { code: VILLAGE, level: "village" }, township: { code: TOWNSHIP }, category: "schooling", status: "open", amount_fen: 60_000, posted_on: "2026-10-01", donor_named: false });
    const csv = await (await api(`/api/v1/needs?region=${VILLAGE}&format=csv&limit=10`)).text();
    expect(csv.split("\n")[0]).toContain("region_code");
    expect(csv).toContain(id);
  });

  it("shows a medical need under its township, never its village (R4), in every public output", async () => {
    const id = await post(medical);
    const villageBoard = await json(await api(`/api/v1/needs?region=${VILLAGE}&limit=1000`));
    expect(villageBoard.data.map((n: { id: string }) => n.id)).not.toContain(id);
    const townshipBoard = await json(await api(`/api/v1/needs?region=${TOWNSHIP}&category=medical_aid`));
    const need = townshipBoard.data.find((n: { id: string }) => n.id === id);
    expect(need.region).toMatchObject({ code: TOWNSHIP, level: "township" });
    const receipt = (await json(await pledge(id))).data.receipt;
    const outputs = [
      await (await api(`/api/v1/needs/${id}`)).text(),
      await (await api(`/api/v1/pledges/${receipt}`)).text(),
      await (await api(`/api/v1/needs?region=${TOWNSHIP}&format=csv`)).text(),
      await (await api(`/api/v1/needs?region=${TOWNSHIP}&format=ndjson`)).text(),
      await (await api(`/api/v1/needs/stats?region=${TOWNSHIP}`)).text(),
      await (await api(`/api/v1/ledger/entries?type=need_pledge&limit=1000`)).text(),
      await (await api(`/api/v1/ledger/entries?type=need_delivery&limit=1000`)).text(),
      // The change feed names each write's region: a need's must be where it is public.
      await (await api(`/api/v1/changes?format=ndjson`)).text(),
      await (await api(`/api/v1/changes?format=csv`)).text(),
    ];
    // The feed lists the need's post and pledge, under its township.
    expect(outputs.at(-2)!.split("\n").filter((l) => l.includes(id) && l.includes(TOWNSHIP)).length).toBe(2);
    const villageName = (await env.DB.prepare("SELECT name_zh FROM regions WHERE code = ?").bind(VILLAGE).first<string>("name_zh"))!;
    for (const text of outputs) {
      // The medical need's rows and leaves: none may carry its village's code or name.
      for (const line of text.split("\n").filter((l) => l.includes(id))) {
        expect(line).not.toContain(VILLAGE);
        expect(line).not.toContain(villageName);
      }
    }
    const detail = await json(await api(`/api/v1/needs/${id}`));
    expect(JSON.parse(detail.data.ledger.entries[0].leaf)).toMatchObject({ type: "need_pledge", need_id: id, region_code: TOWNSHIP, category: "medical_aid" });
  });

  const bad: [string, Record<string, unknown>, number, string][] = [
    ["no category", { ...schooling, category: undefined }, 400, "body.category"],
    ["a category outside the vocabulary", { ...schooling, category: "luxury" }, 400, "body.category"],
    ["an amount over the ceiling", { ...schooling, amount_fen: 100_000_001 }, 400, "body.amount_fen"],
    ["an amount that is not whole fen", { ...schooling, amount_fen: 12.5 }, 400, "body.amount_fen"],
    ["neither items nor an amount", { ...schooling, items: undefined, amount_fen: undefined }, 400, "body.items"],
    ["a township instead of a village", { ...schooling, village_code: TOWNSHIP }, 400, "body.village_code"],
    ["a deadline before today", { ...schooling, deadline: "2026-09-30" }, 400, "body.deadline"],
    ["a village outside the token's region", { ...schooling, village_code: WUWEI_VILLAGE }, 403, "body.village_code"],
    ["an unknown field", { ...schooling, household_name: "张三" }, 400, "body"],
  ];
  for (const [what, body, status, path] of bad) {
    it(`refuses ${what} (${status} naming ${path}) and writes nothing`, async () => {
      const before = await countRows("needs");
      const res = await admin("/api/v1/admin/needs", body);
      expect(res.status).toBe(status);
      const { error } = await json(res);
      expect(error.details.map((d: { path: string }) => d.path).join(" ")).toContain(path);
      expect(await countRows("needs")).toBe(before);
    });
  }
});

describe("pledge → delivery", () => {
  it("takes a pledge with a receipt shown once, records the delivery, and the ledger vouches for both", async () => {
    const id = await post(schooling);
    // A delivery before any pledge is refused, naming the need; nothing written.
    const early = await admin(`/api/v1/admin/needs/${id}/delivery`, { date: "2026-10-02", delivered: "书包 2 个", in_kind_record: "实物〔2026〕1号" }, LATER);
    expect(early.status).toBe(409);
    expect((await json(early)).error.details[0].path).toBe("param.id");
    expect(await countRows("need_deliveries")).toBe(0);

    const res = await pledge(id, { donor_name: "爱心企业（测试）" });
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { data } = await json(res);
    expect(data.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
    const stored = await env.DB.prepare("SELECT * FROM need_pledges WHERE id = ?").bind(data.pledge_id).first<Record<string, unknown>>();
    expect(JSON.stringify(stored)).not.toContain(data.receipt.replaceAll("-", ""));
    expect(stored!.receipt_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await env.DB.prepare("SELECT actor FROM audit_log WHERE action = 'needs.pledge' AND target_id = ?").bind(id).first<string>("actor");
    expect(audit).toBe("public");

    // A second pledge to the same need: 409, nothing written.
    const pledges = await countRows("need_pledges");
    const again = await pledge(id);
    expect(again.status).toBe(409);
    expect(await countRows("need_pledges")).toBe(pledges);

    // A delivery dated before the pledge: 422 naming body.date.
    const before = await admin(`/api/v1/admin/needs/${id}/delivery`, { date: "2026-10-04", delivered: "书包 2 个", in_kind_record: "实物〔2026〕1号" }, LATER);
    expect(before.status).toBe(422);
    expect((await json(before)).error.details[0].path).toBe("body.date");
    // Neither a donation nor an in-kind record.
    const unlinked = await admin(`/api/v1/admin/needs/${id}/delivery`, { date: "2026-10-05", delivered: "书包 2 个" }, LATER);
    expect(unlinked.status).toBe(400);
    expect(await countRows("need_deliveries")).toBe(0);

    const delivered = await admin(`/api/v1/admin/needs/${id}/delivery`, { date: "2026-10-05", delivered: "书包 2 个，冬季校服 2 套", amount_fen: 60_000, in_kind_record: "实物〔2026〕1号" }, LATER, "delivery-key-1");
    expect(delivered.status).toBe(201);
    // The same Idempotency-Key replays the answer and writes nothing.
    const replay = await admin(`/api/v1/admin/needs/${id}/delivery`, { date: "2026-10-05", delivered: "书包 2 个，冬季校服 2 套", amount_fen: 60_000, in_kind_record: "实物〔2026〕1号" }, LATER, "delivery-key-1");
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await countRows("need_deliveries")).toBe(1);

    const followed = await json(await api(`/api/v1/pledges/${data.receipt}`));
    expect(followed.data).toMatchObject({ id, status: "delivered", pledged_on: "2026-10-05", delivered_on: "2026-10-05", donor_named: true, donor_name: "爱心企业（测试）" });
    expect(followed.data.ledger.entries.map((e: { type: string }) => e.type)).toEqual(["need_pledge", "need_delivery"]);
    const leaf = JSON.parse(followed.data.ledger.entries[0].leaf);
    expect(leaf).not.toHaveProperty("donor_name");
    expect(leaf.donor_named).toBe(true);
    // An unknown or malformed receipt: the same 404.
    expect((await api("/api/v1/pledges/0000-0000-0000-0000-0000-0000")).status).toBe(404);
    expect((await api("/api/v1/pledges/nonsense")).status).toBe(404);

    const k = await importSigningKey(env.LEDGER_SIGNING_KEY);
    const report = await verifyLedger(d1LedgerReader(env.DB), { publicKey: k.publicKey, keyId: k.keyId });
    expect(report.problems).toEqual([]);
    expect(report.rows).toBeGreaterThanOrEqual(3);
  });

  it("pays a health need's delivery only through a donation to its township or above, never one that names its village (R4)", async () => {
    const id = await post(medical);
    expect((await pledge(id)).status).toBe(201);
    const donation = async (target: Record<string, unknown>) => {
      const res = await admin("/api/v1/admin/donations", { date: "2026-10-05", amount_fen: 300_000, channel: "online", target }, LATER);
      expect(res.status, await res.clone().text()).toBe(201);
      return (await json(res)).data.id as string;
    };
    const deliver = (donation_id: string) => admin(`/api/v1/admin/needs/${id}/delivery`, { date: "2026-10-05", delivered: "药费 3,000 元", amount_fen: 300_000, donation_id }, LATER);
    // A donation to the village is public with the village's code: citing it would undo R4.
    const toVillage = await donation({ type: "region", region_code: VILLAGE });
    const deliveries = await countRows("need_deliveries");
    const refused = await deliver(toVillage);
    expect(refused.status).toBe(422);
    expect((await json(refused)).error.details[0].path).toBe("body.donation_id");
    expect(await countRows("need_deliveries")).toBe(deliveries);
    expect((await json(await api(`/api/v1/needs/${id}`))).data.status).toBe("pledged");
    // One to the county says no more than the need does.
    const toCounty = await donation({ type: "region", region_code: NANLING });
    const taken = await deliver(toCounty);
    expect(taken.status, await taken.clone().text()).toBe(201);
    const detail = (await json(await api(`/api/v1/needs/${id}`))).data;
    expect(detail.status).toBe("delivered");
    expect(JSON.stringify(detail)).not.toContain(VILLAGE);
  });

  it("keeps the board's and statistics' ETags (304) until a pledge, which changes them and the need's own", async () => {
    const id = await post(schooling);
    const reads = [`/api/v1/needs?region=${VILLAGE}`, `/api/v1/needs?region=${VILLAGE}&format=csv`, `/api/v1/needs?region=${VILLAGE}&format=ndjson`, `/api/v1/needs/stats?region=${VILLAGE}`, `/api/v1/needs/${id}`];
    await expectEtagsChangeWith(reads, async () => {
      expect((await pledge(id)).status).toBe(201);
    });
  });

  it("expires a need only after its deadline, withdraws with a reason, and then refuses pledges", async () => {
    const id = await post({ ...schooling, deadline: "2026-10-03" });
    const early = await admin(`/api/v1/admin/needs/${id}/close`, { status: "expired", reason: "deadline_passed" }, POSTED);
    expect(early.status).toBe(422);
    expect((await json(early)).error.details[0].path).toBe("body.status");
    const badReason = await admin(`/api/v1/admin/needs/${id}/close`, { status: "withdrawn", reason: "bored" }, POSTED);
    expect(badReason.status).toBe(400);
    // Past its deadline a need takes no pledge.
    expect((await pledge(id, {}, LATER)).status).toBe(409);
    const expired = await admin(`/api/v1/admin/needs/${id}/close`, { status: "expired", reason: "deadline_passed" }, LATER);
    expect(expired.status).toBe(200);
    const need = (await json(await api(`/api/v1/needs/${id}`))).data;
    expect(need).toMatchObject({ status: "expired", closed_reason: "deadline_passed", closed_on: "2026-10-05" });
    const final = await admin(`/api/v1/admin/needs/${id}/close`, { status: "withdrawn", reason: "other" }, LATER);
    expect(final.status).toBe(409);
  });

  it("answers a filled honeypot normally and stores nothing", async () => {
    const id = await post(schooling);
    const before = await countRows("need_pledges");
    const res = await pledge(id, { website: "spam" });
    expect(res.status).toBe(201);
    expect(await countRows("need_pledges")).toBe(before);
    expect((await json(await api(`/api/v1/needs/${id}`))).data.status).toBe("open");
  });

  it("refuses a malformed pledge body naming the field", async () => {
    const id = await post(schooling);
    const res = await pledge(id, { donor_name: "x".repeat(101) });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0].path).toBe("body.donor_name");
    expect((await pledge("ned_unknown0000000000")).status).toBe(404);
  });
});

describe("GET /api/v1/needs/stats", () => {
  it("counts posted, matched and delivered by category, township and month, with the median days to delivery", async () => {
    const stats = (await json(await api(`/api/v1/needs/stats?region=${NANLING}`))).data;
    const rows = await env.DB.prepare("SELECT status, count(*) AS n FROM needs GROUP BY status").all<{ status: string; n: number }>();
    const n = (s: string) => rows.results.find((r) => r.status === s)?.n ?? 0;
    expect(stats.posted).toBe(rows.results.reduce((a, r) => a + r.n, 0));
    expect(stats.matched).toBe(n("pledged") + n("delivered"));
    expect(stats.delivered).toBe(n("delivered"));
    expect(stats.median_days_to_delivery).toBe(4);
    expect(stats.by_township.find((t: { code: string }) => t.code === TOWNSHIP).posted).toBe(stats.posted);
    // One month and one township here: their medians are the overall one.
    expect(stats.by_month).toEqual([{ month: "2026-10", posted: stats.posted, matched: stats.matched, delivered: stats.delivered, median_days_to_delivery: 4 }]);
    expect(stats.by_township.find((t: { code: string }) => t.code === TOWNSHIP).median_days_to_delivery).toBe(4);
    expect(stats.by_category.find((c: { category: string }) => c.category === "village_infrastructure").median_days_to_delivery).toBeNull();
    // Two medical needs: one pledged (R4 test), one delivered through a county donation.
    expect(stats.by_category.find((c: { category: string }) => c.category === "medical_aid")).toMatchObject({ posted: 2, matched: 2, delivered: 1, median_days_to_delivery: 4 });
    expect((await api("/api/v1/needs/stats?category=luxury")).status).toBe(400);
  });
});
