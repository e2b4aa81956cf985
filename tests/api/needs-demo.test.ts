import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { importSigningKey } from "../../worker/domain/ledger";
import { d1LedgerReader, verifyLedger } from "../../worker/ledger/verify";
import { HEALTH_NEED_CATEGORIES, NEED_STATUSES } from "../../worker/needs/rules";
import { api, json } from "../helpers/api";
import { seedNeedsOnce } from "../helpers/needs";

const CILI = "430821000000";
let seconds = 0;

beforeAll(async () => {
  const started = Date.now();
  await seedNeedsOnce();
  seconds = (Date.now() - started) / 1000;
}, 180_000);

describe("the Cili needs demo (worker/demo/needs.ts)", () => {
  it("has needs in every state, most matched needs delivered, all under Cili", async () => {
    const stats = (await json(await api(`/api/v1/needs/stats?region=${CILI}`))).data;
    for (const status of NEED_STATUSES) expect(stats.by_status[status], status).toBeGreaterThan(0);
    expect(stats.posted).toBe(160);
    expect(stats.delivered / stats.matched).toBeGreaterThan(0.8);
    expect(stats.median_days_to_delivery).toBeGreaterThan(0);
    expect(stats.by_township).toHaveLength(5);
    const everywhere = (await json(await api("/api/v1/needs/stats"))).data;
    expect(everywhere.posted).toBe(stats.posted);
  });

  it("gives posted, matched, delivered and the median days to delivery by category, township and month, adding up", async () => {
    const stats = (await json(await api(`/api/v1/needs/stats?region=${CILI}`))).data;
    const delivered = await env.DB.prepare(
      "SELECT n.category, n.township_code AS township, n.posted_month AS month, julianday(d.date) - julianday(n.posted_on) AS days FROM needs n JOIN need_deliveries d ON d.need_id = n.id",
    ).all<{ category: string; township: string; month: string; days: number }>();
    const medianOf = (days: number[]) => {
      if (days.length === 0) return null;
      const sorted = [...days].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    };
    const expectGroups = (rows: Record<string, unknown>[], field: string, key: "category" | "township" | "month") => {
      for (const total of ["posted", "matched", "delivered"]) expect(rows.reduce((a, r) => a + (r[total] as number), 0), `${key} ${total}`).toBe(stats[total]);
      for (const row of rows) {
        const days = delivered.results.filter((d) => d[key] === row[field]).map((d) => d.days);
        expect(row.delivered, `${row[field]}`).toBe(days.length);
        expect(row.median_days_to_delivery, `${row[field]}`).toBe(medianOf(days));
      }
    };
    expectGroups(stats.by_category, "category", "category");
    expectGroups(stats.by_township, "code", "township");
    expectGroups(stats.by_month, "month", "month");
    expect(stats.median_days_to_delivery).toBe(medianOf(delivered.results.map((d) => d.days)));
    expect(stats.by_month.length).toBeGreaterThan(1);
  });

  it("shows every health need at township level only (R4), on the board and in the ledger", async () => {
    const rows = await env.DB.prepare(`SELECT id, category, public_region_code, township_code, village_code FROM needs`).all<Record<string, string>>();
    for (const row of rows.results) {
      const health = (HEALTH_NEED_CATEGORIES as readonly string[]).includes(row.category!);
      expect(row.public_region_code).toBe(health ? row.township_code : row.village_code);
    }
    const leaves = await env.DB.prepare(`SELECT leaf FROM ledger_entries WHERE type IN ('need_pledge', 'need_delivery')`).all<{ leaf: string }>();
    const villageOf = new Map(rows.results.map((r) => [r.id!, r]));
    for (const { leaf } of leaves.results) {
      const parsed = JSON.parse(leaf);
      const need = villageOf.get(parsed.need_id)!;
      expect(parsed.region_code).toBe(need.public_region_code);
      if ((HEALTH_NEED_CATEGORIES as readonly string[]).includes(need.category!)) expect(leaf).not.toContain(need.village_code);
    }
  });

  it("is vouched for by the ledger: every pledge and delivery row equals its signed leaf", async () => {
    const k = await importSigningKey(env.LEDGER_SIGNING_KEY);
    const report = await verifyLedger(d1LedgerReader(env.DB), { publicKey: k.publicKey, keyId: k.keyId });
    expect(report.problems).toEqual([]);
    const n = await env.DB.prepare("SELECT (SELECT count(*) FROM need_pledges) + (SELECT count(*) FROM need_deliveries) AS n").first<number>("n");
    expect(n).toBeGreaterThan(100);
  });

  it("seeds in a few seconds on top of the funds demo", () => {
    // Measured with the demo and funds demo before it (the whole beforeAll).
    expect(seconds).toBeLessThan(120);
  });
});
