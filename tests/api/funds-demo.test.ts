import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { WUHU_DONATIONS_FEN, WUHU_MUNICIPAL_FEN } from "../../worker/demo/funds";
import { seedFundsOnce } from "../helpers/funds";

let seconds = 0;
beforeAll(async () => {
  const started = Date.now();
  await seedFundsOnce();
  seconds = (Date.now() - started) / 1000;
}, 120_000);

const one = async <T>(q: string) => (await env.DB.prepare(q).first<T>())!;

describe("funds demo data", () => {
  it("allocates exactly Wuhu's 370 million yuan of municipal funds over 2017–2018", async () => {
    console.log(`seeded in ${seconds}s`);
    const row = await one<{ fen: number }>(
      "SELECT sum(s.allocated_fen) AS fen FROM fund_project_sources s JOIN fund_projects p ON p.id = s.project_id WHERE s.source = 'municipal' AND p.region_code BETWEEN '340200000000' AND '340299999999' AND p.year IN (2017, 2018)",
    );
    expect(row.fen).toBe(WUHU_MUNICIPAL_FEN);
  });

  it("records 40.23 million yuan of donations in Wuhu, each entry in the ledger", async () => {
    const row = await one<{ fen: number; n: number }>("SELECT sum(amount_fen) AS fen, count(*) AS n FROM donations");
    expect(row.fen).toBe(WUHU_DONATIONS_FEN);
    const ledger = await one<{ n: number }>("SELECT count(*) AS n FROM ledger_entries");
    console.log(`ledger entries: ${ledger.n}, donations ${row.n}`);
    expect(ledger.n).toBeGreaterThan(1000);
    const heads = await one<{ n: number; max: number }>("SELECT count(*) AS n, max(tree_size) AS max FROM ledger_heads");
    expect(heads.max).toBe(ledger.n);
  });
});
