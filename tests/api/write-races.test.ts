/**
 * Races end in 409, never 500: two writes that each pass their checks on the same state,
 * sent at once through the real entry point. Exactly one wins; the other gets a 409 in the
 * error shape saying what happened, and writes nothing.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import sample from "../../docs/samples/households-sample.csv?raw";
import { PLACES } from "../../worker/demo/official-figures";
import { adminApi, adminToken, countRows } from "../helpers/admin";
import { json, seedOnce } from "../helpers/api";
import { adminPost, wuhuProject } from "../helpers/funds";
import { createNotice, NANLING_VILLAGE } from "../helpers/notices";

const NANLING = "340223000000";
const TODAY = "2026-11-20T02:00:00Z";

beforeAll(seedOnce);

async function settle(responses: Response[]) {
  const answers = await Promise.all(responses.map(async (res) => ({ status: res.status, body: await json(res) })));
  const winners = answers.filter((a) => a.status === 200 || a.status === 201);
  const losers = answers.filter((a) => a.status === 409);
  return { answers, winners, losers };
}

function expectErrorShape(body: any, code: string) {
  expect(body.error).toMatchObject({ code, message: expect.any(String), request_id: expect.any(String) });
  expect(Array.isArray(body.error.details)).toBe(true);
}

describe("concurrent admin writes", () => {
  it("two appends to the ledger at once: one is recorded, the other is a 409 write_conflict and appends nothing", async () => {
    const { id, token } = await wuhuProject();
    const entries = await countRows("ledger_entries");
    const body = (n: number) => ({ project_id: id, source: "municipal", date: "2018-04-01", amount_fen: 1_000_00 * n, document_no: `芜财〔2018〕${n}号` });
    const responses = await Promise.all([1, 2].map((n) => adminApi("/api/v1/admin/funds/allocations", token, { method: "POST", json: body(n), idempotencyKey: crypto.randomUUID() })));
    const { answers, winners, losers } = await settle(responses);
    expect(answers.map((a) => a.status).sort(), JSON.stringify(answers)).toEqual([201, 409]);
    expect(winners).toHaveLength(1);
    expectErrorShape(losers[0]!.body, "write_conflict");
    expect(await countRows("ledger_entries")).toBe(entries + 1);
  });

  it("two drafts correcting the same notice at the same instant: one is created, the other is a 409 already_corrected", async () => {
    const editor = await adminToken({ role: "editor", region: NANLING });
    const old = await createNotice({ regionCode: NANLING_VILLAGE, status: "open" });
    const draft = (title: string) => ({ type: "household_identification", region: NANLING_VILLAGE, title_zh: title, body_zh: "更正。", issuer: "某某村村民委员会", supersedes: old, items: [{ masked_name: "李*", village_group: "3组", household_size: 1 }] });
    const before = await countRows("notices");
    const responses = await Promise.all(
      ["更正一", "更正二"].map((title) => adminApi("/api/v1/admin/notices", editor, { method: "POST", json: draft(title), idempotencyKey: crypto.randomUUID(), headers: { "x-test-now": TODAY } })),
    );
    const { answers, losers } = await settle(responses);
    expect(answers.map((a) => a.status).sort(), JSON.stringify(answers)).toEqual([201, 409]);
    expectErrorShape(losers[0]!.body, "already_corrected");
    expect(losers[0]!.body.error.details[0].path).toBe("body.supersedes");
    expect(await countRows("notices")).toBe(before + 1);
  });

  it("two overlapping register imports at once (a county and its city): one becomes active, the other is a 409 release_overlaps", async () => {
    const admin = await adminToken({ role: "admin", region: PLACES.wuhu });
    const year = 2019;
    const responses = await Promise.all(
      [NANLING, PLACES.wuhu].map((region) =>
        adminApi(`/api/v1/admin/imports/households?year=${year}&region=${region}`, admin, { method: "POST", headers: { "Content-Type": "text/csv" }, body: sample, idempotencyKey: crypto.randomUUID() }),
      ),
    );
    const { answers, losers } = await settle(responses);
    expect(answers.map((a) => a.status).sort(), JSON.stringify(answers)).toEqual([201, 409]);
    expectErrorShape(losers[0]!.body, "release_overlaps");
    const active = await env.DB.prepare("SELECT scope_code FROM register_releases WHERE year = ? AND status = 'active' AND scope_code IN (?, ?)").bind(year, NANLING, PLACES.wuhu).all();
    expect(active.results).toHaveLength(1);
  });
});
