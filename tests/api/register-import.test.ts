import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import sample from "../../docs/samples/households-sample.csv?raw";
import sampleZh from "../../docs/samples/households-sample-zh.csv?raw";
import { PLACES } from "../../worker/demo/official-figures";
import { adminApi, adminToken, countRows } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";

beforeAll(seedOnce);

const NANLING = PLACES.nanling;
const IMPORT = `/api/v1/admin/imports/households`;

function upload(token: string, query: string, csv: string, init: { key?: string | null; type?: string } = {}) {
  const headers: Record<string, string> = { "Content-Type": init.type ?? "text/csv" };
  if (init.key !== null) headers["Idempotency-Key"] = init.key ?? crypto.randomUUID();
  return adminApi(`${IMPORT}?${query}`, token, { method: "POST", headers, body: csv });
}

async function releases(scope: string, year: number) {
  const { results } = await env.DB.prepare("SELECT id, status, households FROM register_releases WHERE scope_code = ? AND year = ? ORDER BY created_at, id").bind(scope, year).all<{ id: string; status: string; households: number }>();
  return results;
}

async function householdRows(releaseId: string) {
  return (await env.DB.prepare("SELECT count(*) AS n FROM register_households WHERE release_id = ?").bind(releaseId).first<{ n: number }>())!.n;
}

describe("POST /api/v1/admin/imports/households", () => {
  let editor: string;
  beforeAll(async () => {
    editor = await adminToken({ role: "editor", region: NANLING });
  });

  it("dry-runs a file with Chinese headers and values: a report, nothing written", async () => {
    const before = await countRows("register_releases");
    const res = await upload(editor, `year=2018&dry_run=1`, sampleZh, { key: null });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data).toMatchObject({ status: "dry_run", encoding: "utf-8", scope_code: NANLING, year: 2018, households: 6, people: 21, villages: 2, ignored_columns: [], replaces_release_id: null });
    expect(await countRows("register_releases")).toBe(before);
  });

  it("imports a file atomically, with its audit entry, and publishes its statistics", async () => {
    const auditBefore = await countRows("audit_log");
    const res = await upload(editor, `year=2018&region=${NANLING}`, sample);
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.data).toMatchObject({ status: "imported", households: 6, people: 21, villages: 2, replaces_release_id: null });
    expect(body.data.release_id).toMatch(/^rel_[0-9a-f]{24}$/);
    expect(await releases(NANLING, 2018)).toEqual([{ id: body.data.release_id, status: "active", households: 6 }]);
    expect(await householdRows(body.data.release_id)).toBe(6);
    expect(await countRows("audit_log")).toBe(auditBefore + 1);

    const admin = await adminToken({ role: "admin", region: NANLING });
    const audit = await json(await adminApi(`/api/v1/admin/audit?action=register.import`, admin));
    const entry = audit.data.find((e: any) => e.target_id === body.data.release_id);
    expect(entry).toMatchObject({ action: "register.import", target_type: "register_release", region_code: NANLING });
    expect(entry.summary).toContain("6 households");
    expect(entry.summary).not.toMatch(/张三|340223196503120014/);

    const stats = await json(await api(`/api/v1/statistics/register?region=${NANLING}&year=2018`));
    expect(stats.data).toHaveLength(1);
    // Six households of 21 people in two villages: beside the villages' own bands and the flows,
    // the joint gate withholds county figures rather than let a band be pinned.
    const figures = stats.data[0].figures;
    expect(figures.exited_households).toEqual({ value: 0, banded: false, disclosure: "zero" });
    expect(figures.registered_people).toEqual({ value: 20, banded: false, disclosure: "rounded" });
    for (const metric of ["registered_households", "returned_households"]) expect(["banded", "withheld"], metric).toContain(figures[metric].disclosure);
  });

  it("answers `unchanged` to the same file again and writes nothing new; the same key replays", async () => {
    const before = await releases(NANLING, 2018);
    const key = crypto.randomUUID();
    const res = await upload(editor, `year=2018&region=${NANLING}`, sample, { key });
    expect(res.status).toBe(200);
    expect((await json(res)).data).toMatchObject({ status: "unchanged", release_id: before[0]!.id });
    const replay = await upload(editor, `year=2018&region=${NANLING}`, sample, { key });
    expect(replay.status).toBe(200);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    const reused = await upload(editor, `year=2018&region=${NANLING}`, sampleZh, { key });
    expect(reused.status).toBe(422);
    expect((await json(reused)).error.code).toBe("idempotency_key_reused");
    expect(await releases(NANLING, 2018)).toEqual(before);
  });

  it("replaces the release of the same region and year with a new file, and deletes the old rows", async () => {
    const [old] = await releases(NANLING, 2018);
    const edited = sample.replace("NL-102202-0003,孙八,340223197511300060,340223102202,6,disaster", "NL-102202-0003,孙八,340223197511300060,340223102202,7,disaster");
    const res = await upload(editor, `year=2018&region=${NANLING}`, edited);
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.data).toMatchObject({ status: "imported", people: 22, replaces_release_id: old!.id });
    expect(await releases(NANLING, 2018)).toEqual([
      { id: old!.id, status: "superseded", households: 0 },
      { id: body.data.release_id, status: "active", households: 6 },
    ]);
    expect(await householdRows(old!.id)).toBe(0);
    const stats = (await env.DB.prepare("SELECT count(*) AS n FROM register_statistics WHERE release_id = ?").bind(old!.id).first<{ n: number }>())!.n;
    expect(stats).toBe(0);
  });

  it("names every bad row by line and column, never quoting a cell, and writes nothing", async () => {
    const before = await countRows("register_households");
    const bad = [
      "register_no,name,id_number,village_code,household_size,cause,measures,identified_year,exit_year,returned_year,monitoring",
      "B-1,周九,340223196503120015,340223102201,3,illness,health,2014,,,none",
      "B-2,吴十,,340223999201,3,illness,,2014,,,none",
      "B-3,郑一,,340223102201,three,illness,,2014,,,none",
      "B-4,冯二,,340223102201,3,bad luck,,2014,,,none",
      "B-5,陈三,,340223102201,3,illness,,2016,2015,,none",
      "B-5,褚四,,340223102201,3,illness,,2014,,,none",
      "B-7,卫五,,340225101201,3,illness,,2014,,,none",
      "B-8,蒋六,,340223102201,3,other,flying,2014,,,none",
      "B-9,沈七,,340223102201,3,other,,2014,,2016,none",
      "B-10,韩八,,340223102201,3,other,,2014,,,sometimes",
    ].join("\n");
    const res = await upload(editor, `year=2018&region=${NANLING}`, bad);
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe("invalid_register_file");
    expect(body.error.details).toEqual([
      { path: "line 2, column id_number", message: "malformed (expected 18 characters with a valid check character)" },
      { path: "line 3, column village_code", message: "unknown village code" },
      { path: "line 4, column household_size", message: "malformed (expected a whole number of people)" },
      { path: "line 5, column cause", message: "unknown cause (see the list of 12 causes in the docs)" },
      { path: "line 6, column exit_year", message: "is before identification (identified_year)" },
      { path: "line 7, column register_no", message: "duplicate register number (first on line 6)" },
      { path: "line 8, column village_code", message: "village is outside your token's region" },
      { path: "line 9, column measures", message: "unknown measure (see the list of 10 measures in the docs)" },
      { path: "line 10, column returned_year", message: "is given but the household never exited (exit_year is empty)" },
      { path: "line 11, column monitoring", message: "must be none, edge or monitored (无, 边缘户, 监测户)" },
    ]);
    const text = JSON.stringify(body);
    for (const secret of ["周九", "340223196503120015", "bad luck", "flying", "sometimes", "three"]) expect(text).not.toContain(secret);
    expect(await countRows("register_households")).toBe(before);
  });

  it("reads a GB18030/GBK file (as Excel saves Chinese CSV) and says so", async () => {
    // 户编号,户主姓名,村代码,家庭人口,致贫原因,帮扶措施,识别年度 / G-1,张三,340223102203,2,缺资金,产业；光伏,2014 in GB18030
    const gbk = new Uint8Array([187, 167, 177, 224, 186, 197, 44, 187, 167, 214, 247, 208, 213, 195, 251, 44, 180, 229, 180, 250, 194, 235, 44, 188, 210, 205, 165, 200, 203, 191, 218, 44, 214, 194, 198, 182, 212, 173, 210, 242, 44, 176, 239, 183, 246, 180, 235, 202, 169, 44, 202, 182, 177, 240, 196, 234, 182, 200, 13, 10, 71, 45, 49, 44, 213, 197, 200, 253, 44, 51, 52, 48, 50, 50, 51, 49, 48, 50, 50, 48, 51, 44, 50, 44, 200, 177, 215, 202, 189, 240, 44, 178, 250, 210, 181, 163, 187, 185, 226, 183, 252, 44, 50, 48, 49, 52, 13, 10]);
    const res = await adminApi(`${IMPORT}?year=2018&dry_run=1`, editor, { method: "POST", headers: { "Content-Type": "text/csv" }, body: gbk });
    expect(res.status).toBe(200);
    expect((await json(res)).data).toMatchObject({ status: "dry_run", encoding: "gb18030", households: 1, people: 2 });
  });

  it("names a missing required column in the header", async () => {
    const res = await upload(editor, `year=2018&dry_run=1`, "register_no,village_code\nA,340223102201\n", { key: null });
    expect(res.status).toBe(422);
    const paths = (await json(res)).error.details.map((d: any) => d.path);
    expect(paths).toEqual(["line 1, column household_size", "line 1, column cause", "line 1, column identified_year"]);
  });

  it("refuses a release region outside the token's scope (403) and one below county level (400)", async () => {
    const outside = await upload(editor, `year=2018&region=${PLACES.wuwei}`, sample);
    expect(outside.status).toBe(403);
    expect((await json(outside)).error.code).toBe("out_of_scope");
    const township = await upload(editor, `year=2018&region=340223102000`, sample);
    expect(township.status).toBe(400);
    expect((await json(township)).error.details[0].path).toBe("query.region");
  });

  it("refuses an import that overlaps another region's active release of the same year (409)", async () => {
    const wuhuAdmin = await adminToken({ role: "admin", region: PLACES.wuhu });
    const only2017 = sample.split("\r\n").filter((line) => !line.includes("2018")).join("\r\n");
    const res = await upload(wuhuAdmin, `year=2017&region=${NANLING}`, only2017);
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("release_overlaps");
  });

  it("needs an Idempotency-Key, text/csv, a year and the editor role", async () => {
    const noKey = await upload(editor, `year=2018`, sample, { key: null });
    expect(noKey.status).toBe(400);
    expect((await json(noKey)).error.code).toBe("idempotency_key_required");
    const json415 = await upload(editor, `year=2018`, sample, { type: "application/json" });
    expect(json415.status).toBe(415);
    const noYear = await upload(editor, ``, sample);
    expect(noYear.status).toBe(400);
    expect((await json(noYear)).error.details[0].path).toBe("query.year");
    const viewer = await adminToken({ role: "viewer", region: NANLING });
    const refused = await upload(viewer, `year=2018`, sample);
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe("forbidden_role");
  });

  it("refuses a file larger than 4 MB with 413", async () => {
    const res = await adminApi(`${IMPORT}?year=2018`, editor, {
      method: "POST",
      headers: { "Content-Type": "text/csv", "Content-Length": String(5 * 1024 * 1024), "Idempotency-Key": crypto.randomUUID() },
      body: "x".repeat(5 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
  });
});
