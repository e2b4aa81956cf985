/**
 * While a register import is being checked by the disclosure gate (its release staged before
 * the gate runs: seconds to minutes), the statistics API says so in `meta.checking` (en and
 * zh-CN) for overlapping regions and the year, and /api/v1/health lists it in
 * `register.checking`; once the tables are computed it is no longer "being checked".
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import sample from "../../docs/samples/households-sample.csv?raw";
import { PLACES } from "../../worker/demo/official-figures";
import { adminApi, adminToken } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";

beforeAll(seedOnce);

const NANLING = PLACES.nanling;
const WUWEI = "340225000000";
const YEAR = 2021;

async function stage(id: string, scope: string, createdAt: string, statisticsRows = 0) {
  await env.DB.prepare(
    "INSERT INTO register_releases (id, scope_code, year, file_sha256, status, created_by, created_at, households, people, villages, statistics_rows, disclosure_gate, disclosure_rules) VALUES (?, ?, ?, ?, 'staging', 'test', ?, 6, 21, 2, ?, 'joint', 1)",
  )
    .bind(id, scope, YEAR, "0".repeat(64), createdAt, statisticsRows)
    .run();
}

describe("register imports being checked", () => {
  it("the statistics API and health say which region-years are being checked, and only those", async () => {
    const since = new Date().toISOString();
    await stage("rel_00000000000000000000c001", NANLING, since);
    // Abandoned over an hour ago: not being checked (the next clean-up removes it).
    await stage("rel_00000000000000000000c002", WUWEI, new Date(Date.now() - 2 * 3_600_000).toISOString());

    const health = await json(await api("/api/v1/health"));
    expect(health.register.checking).toEqual([{ scope_code: NANLING, year: YEAR, since }]);

    const township = await json(await api(`/api/v1/statistics/register?region=340223101000&year=${YEAR}&level=township`));
    expect(township.data).toEqual([]);
    expect(township.meta.checking).toHaveLength(1);
    expect(township.meta.checking[0]).toMatchObject({ scope_code: NANLING, year: YEAR, since });
    expect(township.meta.checking[0].message_en).toContain(`The ${YEAR} register figures for region ${NANLING} are being checked`);
    expect(township.meta.checking[0].message_zh).toContain("正在接受披露审查");
    // Another county, another year: nothing being checked there.
    expect((await json(await api(`/api/v1/statistics/register?region=${WUWEI}&year=${YEAR}`))).meta.checking).toBeUndefined();
    expect((await json(await api(`/api/v1/statistics/register?region=${NANLING}&year=2016`))).meta.checking).toBeUndefined();

    // Tables computed (a console import awaiting confirmation): no longer being checked.
    await env.DB.prepare("UPDATE register_releases SET statistics_rows = 1 WHERE id = 'rel_00000000000000000000c001'").run();
    expect((await json(await api("/api/v1/health"))).register.checking).toEqual([]);
    expect((await json(await api(`/api/v1/statistics/register?region=${NANLING}&year=${YEAR}`))).meta.checking).toBeUndefined();
    await env.DB.prepare("DELETE FROM register_releases WHERE id IN ('rel_00000000000000000000c001', 'rel_00000000000000000000c002')").run();
  });

  it("an import through the admin API leaves nothing staged or being checked once it answers", async () => {
    const editor = await adminToken({ role: "editor", region: NANLING });
    const res = await adminApi(`/api/v1/admin/imports/households?year=${YEAR}&region=${NANLING}`, editor, {
      method: "POST",
      headers: { "Content-Type": "text/csv", "Idempotency-Key": crypto.randomUUID() },
      body: sample,
    });
    expect(res.status).toBe(201);
    expect((await json(await api("/api/v1/health"))).register.checking).toEqual([]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM register_releases WHERE status = 'staging'").first("n")).toBe(0);
  });
});
