/**
 * The region write and the batched village-status write (writes/regions.ts, writes/villages.ts):
 * the writes the demo generator loads its regions and 356 village statuses through. Many rows in
 * one atomic batch, statements within D1's 100 bound parameters, rules answered per field, role
 * and scope, one audit row and version bump per write, unchanged rows left alone.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { atomically } from "../../worker/db/batch";
import { auditEntry } from "../../worker/admin/audit";
import { loadRegions, type RegionInput } from "../../worker/writes/regions";
import { setVillageStatuses, type VillageStatusItem } from "../../worker/writes/villages";
import { systemActor, WriteRefusal, type Actor, type WritePlan } from "../../worker/writes/plan";
import { api, db, followList, json, seedOnce } from "../helpers/api";

const NANLING = "340223000000";
const TOWNSHIP = "340223199000"; // no demo township uses 199
const VILLAGES = Array.from({ length: 150 }, (_, i) => `340223199${String(201 + i)}`);
const ADMIN = systemActor("test-loader");
const at = (iso: string) => new Date(iso);

async function run<T extends object>(actor: Actor, now: string, make: (ctx: { actor: Actor; now: Date; db: ReturnType<typeof db> }) => Promise<WritePlan<T>>): Promise<T> {
  const ctx = { actor, now: at(now), db: db() };
  const plan = await make(ctx);
  await atomically(ctx.db, [...plan.statements, ...(plan.audit ? [auditEntry(ctx.db, actor.id, plan.audit, ctx.now)] : [])]);
  return plan.body;
}
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WriteRefusal);
  return error as WriteRefusal;
};
const one = <T>(sql: string, ...params: unknown[]) => env.DB.prepare(sql).bind(...params).first<T>();
const version = async (dataset: string) => (await one<{ version: number }>("SELECT version FROM dataset_versions WHERE dataset = ?", dataset))?.version ?? 1;
const audits = async (action: string) => (await one<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = ?", action))!.n;

const township: RegionInput = { code: TOWNSHIP, parent_code: NANLING, level: "township", name_zh: "测试镇", name_en: "Test Township" };
const villageRegions: RegionInput[] = VILLAGES.map((code, i) => ({ code, parent_code: TOWNSHIP, level: "village", name_zh: `测试${i + 1}村`, name_en: `Test Village ${i + 1}` }));

beforeAll(seedOnce);

describe("the region write", () => {
  it("loads 151 regions in one batch (statements of ≤100 parameters), one audit row and one version bump", async () => {
    const [before, versionBefore] = [await audits("regions.load"), await version("regions")];
    const body = await run(ADMIN, "2026-11-20T02:00:00Z", (ctx) => loadRegions(ctx, [township, ...villageRegions]));
    expect(body.data).toEqual({ regions: 151, created: 151, updated: 0, unchanged: 0, scope: "340223199000" });
    expect(await audits("regions.load")).toBe(before + 1);
    expect(await version("regions")).toBe(versionBefore + 1);
    const region = (await json(await api(`/api/v1/regions/${TOWNSHIP}`))).data;
    expect(region).toMatchObject({ code: TOWNSHIP, name_zh: "测试镇" });
    // The change feed lists the load, linking the region that covers it.
    const { rows } = await followList<{ dataset: string; link: string }>("/api/v1/changes?limit=1000");
    expect(rows.at(-1)).toMatchObject({ dataset: "regions", link: `/api/v1/regions/${TOWNSHIP}` });
  });

  it("updates only what changed: a renamed region gets a new updated_at, the others keep theirs", async () => {
    const renamed = villageRegions.map((r, i) => (i === 0 ? { ...r, name_en: "Renamed Village" } : r));
    const body = await run(ADMIN, "2026-11-21T02:00:00Z", (ctx) => loadRegions(ctx, [township, ...renamed]));
    expect(body.data).toMatchObject({ created: 0, updated: 1, unchanged: 150 });
    const stamps = await env.DB.prepare("SELECT code, updated_at FROM regions WHERE code BETWEEN ? AND ? ORDER BY code").bind(TOWNSHIP, "340223199999").all<{ code: string; updated_at: string }>();
    expect(stamps.results.filter((r) => r.updated_at === "2026-11-21T02:00:00.000Z").map((r) => r.code)).toEqual([VILLAGES[0]]);
    // The same list again changes nothing: no batch, no audit row.
    const before = await audits("regions.load");
    expect((await run(ADMIN, "2026-11-22T02:00:00Z", (ctx) => loadRegions(ctx, [township, ...renamed]))).data).toMatchObject({ unchanged: 151 });
    expect(await audits("regions.load")).toBe(before);
  });

  it("refuses bad rows naming the field, and actors without the role or the scope", async () => {
    const ctx = { actor: ADMIN, now: at("2026-11-20T02:00:00Z"), db: db() };
    const cases: [RegionInput[], string][] = [
      [[{ ...township, code: "34022319900" }], "body.regions.0.code"],
      [[{ ...township, level: "village" }], "body.regions.0.level"],
      [[{ ...township, parent_code: "330000000000" }], "body.regions.0.parent_code"],
      [[{ ...township, code: "340223198000", parent_code: "340223197000" }], "body.regions.0.parent_code"],
      [[{ ...township, name_zh: " " }], "body.regions.0.name_zh"],
      [[township, township], "body.regions.1.code"],
      [[{ ...villageRegions[0]!, code: "340223198201", parent_code: "340223198000" }, { ...township, code: "340223198000" }], "body.regions.0.parent_code"],
    ];
    for (const [input, path] of cases) {
      const error = await refusal(loadRegions(ctx, input));
      expect(error.kind, path).toBe("invalid");
      expect(error.details.map((d) => d.path), JSON.stringify(input[0])).toContain(path);
    }
    const editor: Actor = { kind: "token", id: "tok_x", role: "editor", regionCode: NANLING };
    expect((await refusal(loadRegions({ ...ctx, actor: editor }, [township]))).kind).toBe("forbidden");
    const baicheng: Actor = { kind: "token", id: "tok_y", role: "admin", regionCode: "220800000000" };
    expect((await refusal(loadRegions({ ...ctx, actor: baicheng }, [township]))).details[0]!.path).toBe("body.regions.0.code");
    // Below city level, not even within its own scope.
    const nanling: Actor = { kind: "token", id: "tok_w", role: "admin", regionCode: NANLING };
    expect(await refusal(loadRegions({ ...ctx, actor: nanling }, [township]))).toMatchObject({ kind: "forbidden", code: "out_of_scope" });
  });
  it("refuses a parent two levels up: a village under its county, a township under its city", async () => {
    const ctx = { actor: ADMIN, now: at("2026-11-20T02:00:00Z"), db: db() };
    const village: RegionInput = { code: "340223199999", parent_code: NANLING, level: "village", name_zh: "跳级村", name_en: "Skipping Village" };
    const error = await refusal(loadRegions(ctx, [village]));
    expect(error.kind).toBe("invalid");
    expect(error.details).toEqual([{ path: "body.regions.0.parent_code", message: `must be the township directly above, ${TOWNSHIP}: ${NANLING} is a county, two or more levels up` }]);
    expect(error.message).toContain("body.regions.0.parent_code");
    const underCity = await refusal(loadRegions(ctx, [{ ...township, parent_code: "340200000000" }]));
    expect(underCity.details.map((d) => d.path)).toEqual(["body.regions.0.parent_code"]);
    expect(underCity.details[0]!.message).toContain("must be the county directly above, 340223000000");
    // Nothing was written.
    expect(await one("SELECT code FROM regions WHERE code = ?", village.code)).toBeNull();
    // A stored parent whose row is not the level above (a row from before the rule) is refused too.
    await env.DB.prepare("INSERT INTO regions (code, parent_code, level, name_zh, name_en, is_demo, updated_at) VALUES ('340223198000', '340223000000', 'county', '错级镇', 'Wrong Level', 0, '2026-11-20T00:00:00Z')").run();
    const stored = await refusal(loadRegions(ctx, [{ ...village, code: "340223198201", parent_code: "340223198000" }]));
    expect(stored.details).toEqual([{ path: "body.regions.0.parent_code", message: "region 340223198000 is stored as a county, not the township directly above" }]);
    await env.DB.prepare("DELETE FROM regions WHERE code = '340223198000'").run();
  });
});

describe("the batched village-status write", () => {
  const statuses = (overrides: Partial<VillageStatusItem> = {}): VillageStatusItem[] =>
    VILLAGES.map((code, i) => ({ code, status: i % 3 === 0 ? "exited" : "not_designated", designated_year: i % 3 === 0 ? 2014 : null, exit_year: i % 3 === 0 ? 2017 : null, ...overrides }));

  it("sets 150 villages in one batch, one audit row, one version bump; the list and the feed show it", async () => {
    const [before, versionBefore] = [await audits("village_status.set_many"), await version("villages")];
    const body = await run(ADMIN, "2026-11-20T03:00:00Z", (ctx) => setVillageStatuses(ctx, statuses()));
    expect(body.data).toEqual({ villages: 150, created: 150, changed: 0, unchanged: 0, scope: TOWNSHIP });
    expect(await audits("village_status.set_many")).toBe(before + 1);
    expect(await version("villages")).toBe(versionBefore + 1);
    const { rows } = await followList<{ code: string; status: string }>(`/api/v1/villages?region=${TOWNSHIP}&limit=100`);
    expect(rows.length).toBe(150);
    expect(rows.filter((v) => v.status === "exited").length).toBe(50);
    const { rows: feed } = await followList<{ dataset: string; link: string }>("/api/v1/changes?limit=1000");
    expect(feed.at(-1)).toMatchObject({ dataset: "villages", link: `/api/v1/villages?region=${TOWNSHIP}` });
    expect((await api(feed.at(-1)!.link)).status).toBe(200);
  });

  it("changes only what differs (the others keep their updated_at), and is atomic: one bad village changes nothing", async () => {
    const next = statuses().map((v, i) => (i === 1 ? { ...v, status: "poor" as const, designated_year: 2015 } : v));
    expect((await run(ADMIN, "2026-11-21T03:00:00Z", (ctx) => setVillageStatuses(ctx, next))).data).toMatchObject({ created: 0, changed: 1, unchanged: 149 });
    const changed = await env.DB.prepare("SELECT village_code FROM village_status WHERE updated_at = ?").bind("2026-11-21T03:00:00.000Z").all<{ village_code: string }>();
    expect(changed.results.map((r) => r.village_code)).toEqual([VILLAGES[1]]);

    const ctx = { actor: ADMIN, now: at("2026-11-22T03:00:00Z"), db: db() };
    const bad = next.map((v, i) => (i === 120 ? { ...v, status: "exited" as const, designated_year: 2014, exit_year: null } : { ...v, status: "not_designated" as const, designated_year: null, exit_year: null }));
    const error = await refusal(setVillageStatuses(ctx, bad));
    expect(error.kind).toBe("invalid");
    expect(error.details.map((d) => d.path)).toEqual(["body.villages.120.exit_year"]);
    const unknown = await refusal(setVillageStatuses(ctx, [...next, { code: "340223199999", status: "not_designated", designated_year: null, exit_year: null }]));
    expect(unknown.kind).toBe("not_found");
    expect(unknown.details.map((d) => d.path)).toEqual(["body.villages.150.code"]);
    const township = await refusal(setVillageStatuses(ctx, [{ code: TOWNSHIP, status: "not_designated", designated_year: null, exit_year: null }]));
    expect(township.details.map((d) => d.path)).toEqual(["body.villages.0.code"]);
    const wuwei: Actor = { kind: "token", id: "tok_y", role: "editor", regionCode: "340225000000" };
    expect((await refusal(setVillageStatuses({ ...ctx, actor: wuwei }, next))).kind).toBe("forbidden");
    const viewer: Actor = { kind: "token", id: "tok_z", role: "viewer", regionCode: NANLING };
    expect((await refusal(setVillageStatuses({ ...ctx, actor: viewer }, next))).kind).toBe("forbidden");
    // Nothing of the refused writes reached the table.
    expect((await one<{ n: number }>("SELECT count(*) AS n FROM village_status WHERE updated_at = ?", "2026-11-22T03:00:00.000Z"))!.n).toBe(0);
  });
});
