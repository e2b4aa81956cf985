import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { importSigningKey } from "../../worker/domain/ledger";
import { checkLedger } from "../../worker/ledger/keys";
import { d1Sql } from "../../worker/ledger/sql";
import { api, json } from "../helpers/api";
import { adminPost, seedFundsOnce, wuhuProject } from "../helpers/funds";

// The ledger vouches for every public money row: the demo (written through the real write
// functions, reversals included) verifies clean, and a row changed directly in the
// database — as someone with access to the SQLite file or the D1 console could — is named
// by table, id and field, while the leaves, subtree hashes and heads stay untouched.

const check = async () => {
  const key = await importSigningKey(env.LEDGER_SIGNING_KEY);
  return checkLedger(d1Sql(env.DB), { pinned: key, pageSize: 500 });
};
const first = <T>(sql: string) => env.DB.prepare(sql).first<T>();
const run = (sql: string, ...params: (string | number)[]) => env.DB.prepare(sql).bind(...params).run();

/** Applies a change, runs the check, restores the row (the next test starts clean). */
async function tampered(change: string, restore: string, params: (string | number)[]) {
  await run(change, ...params);
  try {
    return await check();
  } finally {
    await run(restore, ...params);
  }
}

beforeAll(async () => {
  await seedFundsOnce();
  // Money rows are written once (triggers refuse UPDATE and DELETE, migration 0006); an
  // attacker with raw access to the database drops those first, as these tests do.
  for (const table of ["fund_project_sources", "fund_allocations", "disbursements", "donations", "donation_allocations", "donation_reversals"]) {
    await env.DB.prepare(`DROP TRIGGER IF EXISTS ${table}_no_update`).run();
  }
  // The demo corrects only donation allocations; add one reversal of every other kind.
  const project = await wuhuProject({ allocate: 500_000 });
  const ok = (r: { status: number; body: unknown }) => {
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    return r as { status: number; body: { data: { id: string } } };
  };
  const payment = ok(await adminPost("/api/v1/admin/funds/disbursements", project.token, { project_id: project.id, source: "municipal", date: "2018-05-01", amount_fen: 1_000, receipted_fen: 400, document_no: "拨〔2018〕1号" }));
  ok(await adminPost("/api/v1/admin/funds/reversals", project.token, { id: payment.body.data.id, date: "2018-05-02", reason: "entry_error", note: "typed twice" }));
  ok(await adminPost("/api/v1/admin/funds/reversals", project.token, { id: project.allocationId, date: "2018-05-03", reason: "duplicate" }));
  const gift = ok(await adminPost("/api/v1/admin/donations", project.token, { date: "2018-05-01", amount_fen: 50_000, channel: "online", target: { type: "project", project_id: project.id } }));
  ok(await adminPost("/api/v1/admin/funds/reversals", project.token, { id: gift.body.data.id, date: "2018-05-04", reason: "refunded" }));
});

describe("ledger:verify checks the public money rows against their leaves", () => {
  it("passes the demo: every donation, allocation, disbursement, budget line and reversal equals its leaf", async () => {
    const report = await check();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // Every entry is claimed by exactly one row.
    expect(report.rows).toBe(report.entries);
    const types = await env.DB.prepare("SELECT type, count(*) AS n FROM ledger_entries GROUP BY type").all<{ type: string; n: number }>();
    const byType = Object.fromEntries(types.results.map((r) => [r.type, r.n]));
    for (const type of ["donation", "donation_allocation", "fund_allocation", "disbursement", "project_budget", "donation_reversal", "donation_allocation_reversal", "fund_allocation_reversal", "disbursement_reversal"]) {
      expect(byType[type] ?? 0, type).toBeGreaterThan(0);
    }
  });

  it("catches a donation whose amount was raised by a million yuan, while the API serves the changed amount", async () => {
    const { id } = (await first<{ id: string }>("SELECT id FROM donations WHERE id NOT IN (SELECT donation_id FROM donation_reversals) ORDER BY id LIMIT 1"))!;
    await run("UPDATE donations SET amount_fen = amount_fen + 100000000 WHERE id = ?", id);
    try {
      const served = await json(await api(`/api/v1/donations/${id}`));
      const leaf = JSON.parse(served.data.ledger.entries[0].leaf);
      expect(served.data.amount_fen).toBe(leaf.amount_fen + 100000000);
      const report = await check();
      expect(report.ok).toBe(false);
      expect(report.problems[0]).toMatchObject({ kind: "row_field", table: "donations", rowId: id, field: "amount_fen" });
      expect(report.problems[0]!.message).toContain(`donations ${id}: amount_fen`);
    } finally {
      await run("UPDATE donations SET amount_fen = amount_fen - 100000000 WHERE id = ?", id);
    }
    expect((await check()).ok).toBe(true);
  });

  it("catches a tampered fund allocation, which the project's derived total would carry to the public", async () => {
    const { id, project_id } = (await first<{ id: string; project_id: string }>("SELECT id, project_id FROM fund_allocations WHERE reverses_id IS NULL ORDER BY id LIMIT 1"))!;
    const served = async () => (await json(await api(`/api/v1/funds/projects/${project_id}`))).data.allocated_fen as number;
    const before = await served();
    await run("UPDATE fund_allocations SET amount_fen = amount_fen + 1 WHERE id = ?", id);
    // Responses are edge-cached by dataset version; any later write moves the version on.
    const bumpVersions = () => env.DB.prepare("UPDATE dataset_versions SET version = version + 1").run();
    await bumpVersions();
    try {
      // Totals are sums of the rows (never stored counters), so the verified rows are what the API serves.
      expect(await served()).toBe(before + 1);
      const report = await check();
      expect(report.problems[0]).toMatchObject({ kind: "row_field", table: "fund_allocations", rowId: id, field: "amount_fen" });
    } finally {
      await run("UPDATE fund_allocations SET amount_fen = amount_fen - 1 WHERE id = ?", id);
      await bumpVersions();
    }
    expect(await served()).toBe(before);
  });

  it("catches a tampered disbursement date and receipted amount", async () => {
    const { id } = (await first<{ id: string }>("SELECT id FROM disbursements WHERE reverses_id IS NULL ORDER BY id LIMIT 1"))!;
    const dates = await tampered("UPDATE disbursements SET date = '2001-01-01' WHERE id = ?", "UPDATE disbursements SET date = (SELECT json_extract(leaf, '$.date') FROM ledger_entries WHERE idx = disbursements.ledger_index) WHERE id = ?", [id]);
    expect(dates.problems[0]).toMatchObject({ kind: "row_field", table: "disbursements", rowId: id, field: "date" });
    const receipted = await tampered("UPDATE disbursements SET receipted_fen = 0 WHERE id = ? AND receipted_fen > 0", "UPDATE disbursements SET receipted_fen = (SELECT json_extract(leaf, '$.receipted_fen') FROM ledger_entries WHERE idx = disbursements.ledger_index) WHERE id = ?", [id]);
    if (receipted.problems.length > 0) expect(receipted.problems[0]).toMatchObject({ table: "disbursements", rowId: id, field: "receipted_fen" });
  });

  it("catches a tampered project budget line", async () => {
    const line = (await first<{ project_id: string; source: string }>("SELECT project_id, source FROM fund_project_sources ORDER BY project_id, source LIMIT 1"))!;
    const report = await tampered(
      "UPDATE fund_project_sources SET budget_fen = budget_fen + 500000000 WHERE project_id = ? AND source = ?",
      "UPDATE fund_project_sources SET budget_fen = budget_fen - 500000000 WHERE project_id = ? AND source = ?",
      [line.project_id, line.source],
    );
    expect(report.problems[0]).toMatchObject({ kind: "row_field", table: "fund_project_sources", rowId: `${line.project_id}/${line.source}`, field: "amount_fen" });
  });

  it("catches a project moved to another region (its budget and allocation leaves say where it is)", async () => {
    const { id, region_code } = (await first<{ id: string; region_code: string }>("SELECT id, region_code FROM fund_projects ORDER BY id LIMIT 1"))!;
    await run("UPDATE fund_projects SET region_code = (SELECT region_code FROM fund_projects WHERE region_code <> ? LIMIT 1) WHERE id = ?", region_code, id);
    try {
      const report = await check();
      expect(report.problems[0]).toMatchObject({ kind: "row_field", table: "fund_project_sources", field: "region_code" });
    } finally {
      await run("UPDATE fund_projects SET region_code = ? WHERE id = ?", region_code, id);
    }
  });

  it("catches tampered reversals and donation allocations", async () => {
    const reversal = (await first<{ id: string }>("SELECT id FROM fund_allocations WHERE reverses_id IS NOT NULL ORDER BY id LIMIT 1"))!;
    const report = await tampered("UPDATE fund_allocations SET reason = 'other' WHERE id = ?", "UPDATE fund_allocations SET reason = (SELECT json_extract(leaf, '$.reason') FROM ledger_entries WHERE idx = fund_allocations.ledger_index) WHERE id = ?", [reversal.id]);
    expect(report.problems[0]).toMatchObject({ table: "fund_allocations", rowId: reversal.id, field: "reason" });
    const undoneDisbursement = (await first<{ id: string }>("SELECT id FROM disbursements WHERE reverses_id IS NOT NULL ORDER BY id LIMIT 1"))!;
    const amount = await tampered("UPDATE disbursements SET amount_fen = amount_fen - 1 WHERE id = ?", "UPDATE disbursements SET amount_fen = amount_fen + 1 WHERE id = ?", [undoneDisbursement.id]);
    expect(amount.problems[0]).toMatchObject({ table: "disbursements", rowId: undoneDisbursement.id, field: "amount_fen" });

    const donation = (await first<{ donation_id: string }>("SELECT donation_id FROM donation_reversals ORDER BY donation_id LIMIT 1"))!;
    const undone = await tampered("UPDATE donation_reversals SET date = '2001-01-01' WHERE donation_id = ?", "UPDATE donation_reversals SET date = (SELECT json_extract(leaf, '$.date') FROM ledger_entries WHERE idx = donation_reversals.ledger_index) WHERE donation_id = ?", [donation.donation_id]);
    expect(undone.problems[0]).toMatchObject({ kind: "row_field", table: "donation_reversals", rowId: donation.donation_id, field: "date" });

    const allocation = (await first<{ id: string }>("SELECT id FROM donation_allocations WHERE reverses_id IS NULL AND village_code IS NOT NULL ORDER BY id LIMIT 1"))!;
    const moved = await tampered("UPDATE donation_allocations SET village_code = (SELECT min(x.village_code) FROM donation_allocations x WHERE x.village_code <> donation_allocations.village_code) WHERE id = ?", "UPDATE donation_allocations SET village_code = (SELECT json_extract(leaf, '$.village_code') FROM ledger_entries WHERE idx = donation_allocations.ledger_index) WHERE id = ?", [allocation.id]);
    expect(moved.problems[0]).toMatchObject({ kind: "row_field", table: "donation_allocations", rowId: allocation.id, field: "village_code" });
  });

  it("names a row that lost its entry and the entry no row claims", async () => {
    const { id } = (await first<{ id: string }>("SELECT id FROM donation_allocations WHERE reverses_id IS NULL ORDER BY id LIMIT 1"))!;
    const report = await tampered("UPDATE donation_allocations SET ledger_index = ledger_index + 1000000 WHERE id = ?", "UPDATE donation_allocations SET ledger_index = ledger_index - 1000000 WHERE id = ?", [id]);
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => p.kind === "row_missing" && p.entry !== null && p.message.includes("has no public row"))).toBe(true);
    expect(report.problems.some((p) => p.kind === "row_missing" && p.table === "donation_allocations" && p.rowId === id && p.field === "ledger_index")).toBe(true);
  });

});
