import { env } from "cloudflare:workers";
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { adminApi, adminToken } from "../helpers/admin";
import { json, seedOnce } from "../helpers/api";
import { wuhuProject } from "../helpers/funds";

// The Cron Trigger runs the ledger cross-check through the Worker's real `scheduled`
// export and records it; admins read the latest result.

const ANHUI = "340000000000";

async function runCron() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "17 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

let token: string;
beforeAll(async () => {
  await seedOnce();
  await wuhuProject({ allocate: 200_000 });
  token = await adminToken({ role: "admin", region: ANHUI });
});

describe("GET /api/v1/admin/ledger/verification and the Cron Trigger", () => {
  it("shows null before the first run, then the recorded result of each run", async () => {
    const empty = await json(await adminApi("/api/v1/admin/ledger/verification", token));
    expect(empty.data).toEqual({ latest: null, recent: [] });

    await runCron();
    const body = await json(await adminApi("/api/v1/admin/ledger/verification", token));
    const size = (await env.DB.prepare("SELECT max(idx) + 1 AS n FROM ledger_entries").first<number>("n"))!;
    expect(body.data.latest).toMatchObject({ trigger: "cron", ok: true, tree_size: size, rows_checked: size, problem_count: 0, first_problem: null });
    expect(body.data.recent).toHaveLength(1);
  });

  it("records the first mismatch (table, id, field) when a money row was changed behind the ledger's back", async () => {
    const { id } = (await env.DB.prepare("SELECT id FROM fund_allocations LIMIT 1").first<{ id: string }>())!;
    await env.DB.prepare("DROP TRIGGER IF EXISTS fund_allocations_no_update").run();
    await env.DB.prepare("UPDATE fund_allocations SET amount_fen = amount_fen * 10 WHERE id = ?").bind(id).run();
    await runCron();
    const body = await json(await adminApi("/api/v1/admin/ledger/verification", token));
    expect(body.data.latest.ok).toBe(false);
    expect(body.data.latest.first_problem).toMatchObject({ kind: "row_field", table: "fund_allocations", row_id: id, field: "amount_fen" });
    expect(body.data.recent.map((r: { ok: boolean }) => r.ok)).toEqual([false, true]);
  });

  it("is for admins scoped to a whole province", async () => {
    const city = await adminToken({ role: "admin", region: "340200000000" });
    const res = await adminApi("/api/v1/admin/ledger/verification", city);
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("out_of_scope");
    const editor = await adminToken({ role: "editor", region: ANHUI });
    expect((await adminApi("/api/v1/admin/ledger/verification", editor)).status).toBe(403);
  });
});
