import { env } from "cloudflare:workers";
import { createDb } from "../../worker/db/client";
import { DEFAULT_SEED } from "../../worker/demo";
import { seedFunds, type FundsSeedResult } from "../../worker/demo/funds";
import { createRandom } from "../../worker/demo/random";
import { adminApi, adminToken } from "./admin";
import { json, seedOnce } from "./api";

let seeded: Promise<FundsSeedResult> | undefined;
/**
 * The demo data plus the funds and donations demo, once per test file. Separate from
 * seedOnce because it writes a few thousand signed ledger entries, which only the funds,
 * donations and ledger tests need. Same seed and stream as `npm start`'s seedDemo.
 */
export function seedFundsOnce(): Promise<FundsSeedResult> {
  seeded ??= seedOnce().then(() => seedFunds(createDb(env.DB), createRandom(DEFAULT_SEED + 5), env.LEDGER_SIGNING_KEY));
  return seeded;
}


export const NANLING = "340223000000";
let keyCounter = 0;
export const idemKey = (label = "k") => `${label}-${Date.now()}-${keyCounter++}-${crypto.randomUUID().slice(0, 8)}`;

/** Posts an admin write with a fresh Idempotency-Key; returns status and body. */
export async function adminPost(path: string, token: string, body: unknown, key = idemKey()) {
  const res = await adminApi(path, token, { method: "POST", json: body, idempotencyKey: key });
  return { status: res.status, body: await json(res), res };
}

export const projectBody = (overrides: Record<string, unknown> = {}) => ({
  name_zh: "测试村光伏电站",
  name_en: "Test village solar plant",
  region_code: NANLING,
  category: "solar",
  year: 2018,
  planned_start: "2018-03-01",
  planned_completion: "2018-10-01",
  beneficiary_households: 42,
  budget: [
    { source: "municipal", amount_fen: 1_000_000_00 },
    { source: "county", amount_fen: 200_000_00 },
  ],
  ...overrides,
});

/** A project in Nanling (Wuhu) created by a Wuhu editor; with `allocate`, started (on 2018-03-01) and with funds allocated. */
export async function wuhuProject(options: { allocate?: number } = {}): Promise<{ id: string; token: string; allocationId?: string }> {
  const token = await adminToken({ role: "editor", region: "340200000000" });
  const created = await adminPost("/api/v1/admin/funds/projects", token, projectBody());
  if (created.status !== 201) throw new Error(`project not created: ${JSON.stringify(created.body)}`);
  const id = created.body.data.id as string;
  if (!options.allocate) return { id, token };
  // Disbursements need a started project (writes/disbursements.ts): file and start it first.
  for (const [status, date] of [["filed", "2018-02-01"], ["started", "2018-03-01"]]) {
    const moved = await adminPost(`/api/v1/admin/funds/projects/${id}/status`, token, { status, date });
    if (moved.status !== 201) throw new Error(`project not ${status}: ${JSON.stringify(moved.body)}`);
  }
  const allocation = await adminPost("/api/v1/admin/funds/allocations", token, { project_id: id, source: "municipal", date: "2018-04-01", amount_fen: options.allocate, document_no: "芜财〔2018〕1号" });
  if (allocation.status !== 201) throw new Error(`allocation failed: ${JSON.stringify(allocation.body)}`);
  return { id, token, allocationId: allocation.body.data.id };
}
