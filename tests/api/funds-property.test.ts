/**
 * A property of the money write path: whatever sequence of writes and reversals the admin
 * API accepts, every total it serves is the sum of the rows behind it, no total passes its
 * bound (allocated ≤ budget, disbursed ≤ allocated, receipts ≤ disbursed, a donation's
 * allocations ≤ its amount), and `ledger:verify` stays green. Sequences are random but
 * seeded, so a failure names a seed that reproduces it.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createRandom, type Random } from "../../worker/demo/random";
import { importSigningKey } from "../../worker/domain/ledger";
import { d1LedgerReader, verifyLedger } from "../../worker/ledger/verify";
import { adminToken } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";
import { adminPost } from "../helpers/funds";

const WUHU = "340200000000";
const NANLING = "340223000000";
const SOURCES = ["municipal", "county", "social"] as const;

let editor: string;
beforeAll(async () => {
  await seedOnce();
  editor = await adminToken({ role: "editor", region: WUHU });
});

interface World {
  projects: string[];
  donations: string[];
  /** Ids of rows a reversal may target (allocations, disbursements, donations, donation allocations). */
  reversible: string[];
}

const date = (random: Random) => `2018-0${random.int(2, 9)}-${String(random.int(10, 28))}`;
const amount = (random: Random) => random.int(1, 40) * 1_000_00;

/** One random write; refusals (4xx) are part of the property: they must change nothing. */
async function step(random: Random, world: World): Promise<number> {
  const kind = world.projects.length === 0 ? 0 : random.int(0, 9);
  const project = () => random.pick(world.projects);
  if (kind === 0) {
    const lines = SOURCES.filter(() => random.next() < 0.6);
    const res = await adminPost("/api/v1/admin/funds/projects", editor, {
      name_zh: "性质测试项目",
      name_en: "Property test project",
      region_code: NANLING,
      category: "industry",
      year: 2018,
      budget: (lines.length ? lines : ["municipal"]).map((source) => ({ source, amount_fen: random.int(20, 200) * 1_000_00 })),
    });
    if (res.status !== 201) return res.status;
    // Started at once, so that disbursements (which need a started project) are part of the mix.
    for (const [status, on] of [["filed", "2018-01-20"], ["started", "2018-02-01"]]) {
      expect((await adminPost(`/api/v1/admin/funds/projects/${res.body.data.id}/status`, editor, { status, date: on })).status).toBe(201);
    }
    world.projects.push(res.body.data.id);
    return res.status;
  }
  if (kind <= 3) {
    const res = await adminPost("/api/v1/admin/funds/allocations", editor, { project_id: project(), source: random.pick(SOURCES), date: date(random), amount_fen: amount(random), document_no: "性质〔2018〕1号" });
    if (res.status === 201) world.reversible.push(res.body.data.id);
    return res.status;
  }
  if (kind <= 5) {
    const paid = amount(random);
    const res = await adminPost("/api/v1/admin/funds/disbursements", editor, {
      project_id: project(),
      source: random.pick(SOURCES),
      date: date(random),
      amount_fen: paid,
      receipted_fen: random.int(0, paid / 1_000_00) * 1_000_00,
      document_no: "拨〔2018〕1号",
    });
    if (res.status === 201) world.reversible.push(res.body.data.id);
    return res.status;
  }
  if (kind === 6) {
    const res = await adminPost("/api/v1/admin/donations", editor, { date: "2018-02-01", amount_fen: amount(random), channel: "online", target: random.next() < 0.5 ? { type: "general" } : { type: "project", project_id: project() } });
    if (res.status === 201) world.donations.push(res.body.data.id), world.reversible.push(res.body.data.id);
    return res.status;
  }
  if (kind === 7 && world.donations.length > 0) {
    const res = await adminPost(`/api/v1/admin/donations/${random.pick(world.donations)}/allocations`, editor, { project_id: project(), date: date(random), amount_fen: amount(random) });
    if (res.status === 201) world.reversible.push(res.body.data.id);
    return res.status;
  }
  if (world.reversible.length === 0) return 0;
  const res = await adminPost("/api/v1/admin/funds/reversals", editor, { id: random.pick(world.reversible), date: "2018-09-28", reason: "entry_error" });
  return res.status;
}

const sumOf = async (sql: string, ...params: unknown[]) => (await env.DB.prepare(sql).bind(...params).first<number>("s")) ?? 0;

async function checkTotals(world: World) {
  for (const id of world.projects) {
    const p = (await json(await api(`/api/v1/funds/projects/${id}`))).data;
    for (const line of p.sources) {
      const where = "WHERE project_id = ? AND source = ?";
      expect(line.allocated_fen, `${id} ${line.source} allocated`).toBe(await sumOf(`SELECT coalesce(sum(amount_fen), 0) AS s FROM fund_allocations ${where}`, id, line.source));
      expect(line.disbursed_fen, `${id} ${line.source} disbursed`).toBe(await sumOf(`SELECT coalesce(sum(amount_fen), 0) AS s FROM disbursements ${where}`, id, line.source));
      expect(line.receipted_fen, `${id} ${line.source} receipted`).toBe(await sumOf(`SELECT coalesce(sum(receipted_fen), 0) AS s FROM disbursements ${where}`, id, line.source));
      expect(line.allocated_fen).toBeLessThanOrEqual(line.budget_fen);
      expect(line.disbursed_fen).toBeLessThanOrEqual(line.allocated_fen);
      expect(line.receipted_fen).toBeLessThanOrEqual(line.disbursed_fen);
      expect(line.receipted_fen).toBeGreaterThanOrEqual(0);
    }
    const total = (field: string) => p.sources.reduce((s: number, l: Record<string, number>) => s + l[field]!, 0);
    expect(p.allocated_fen).toBe(total("allocated_fen"));
    expect(p.disbursed_fen).toBe(total("disbursed_fen"));
    expect(p.budget_fen).toBe(total("budget_fen"));
    expect(p.donated_fen, `${id} donated`).toBe(await sumOf("SELECT coalesce(sum(amount_fen), 0) AS s FROM donation_allocations WHERE project_id = ?", id));
    expect(p.allocations.reduce((s: number, a: { amount_fen: number }) => s + a.amount_fen, 0)).toBe(p.allocated_fen);
  }
  for (const id of world.donations) {
    const d = (await json(await api(`/api/v1/donations/${id}`))).data;
    expect(d.allocated_fen, `${id} allocated`).toBe(await sumOf("SELECT coalesce(sum(amount_fen), 0) AS s FROM donation_allocations WHERE donation_id = ?", id));
    expect(d.allocated_fen).toBeLessThanOrEqual(d.amount_fen);
    expect(d.allocated_fen).toBeGreaterThanOrEqual(0);
    expect(d.unallocated_fen).toBe(d.reversed ? 0 : d.amount_fen - d.allocated_fen);
    if (d.reversed) expect(d.allocated_fen).toBe(0);
  }
}

describe("random sequences of money writes and reversals", () => {
  for (const seed of [11, 12, 13]) {
    it(`keeps every total equal to the sum of its rows and the ledger verifiable (seed ${seed})`, async () => {
      const random = createRandom(seed);
      const world: World = { projects: [], donations: [], reversible: [] };
      const statuses: number[] = [];
      for (let i = 0; i < 45; i++) statuses.push(await step(random, world));
      // Refusals are expected; a 500 never is.
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201).length).toBeGreaterThan(10);
      await checkTotals(world);
      const key = await importSigningKey(env.LEDGER_SIGNING_KEY);
      const report = await verifyLedger(d1LedgerReader(env.DB), { publicKey: key.publicKey, keyId: key.keyId });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    });
  }
});
