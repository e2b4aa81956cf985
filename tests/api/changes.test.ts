import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_ACTIONS } from "../../worker/changes/feed";
import { adminApi, adminToken } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";

// GET /api/v1/changes: the public writes of the audit log, in commit order, paged on the
// audit id so that a write made while a client pages comes after its cursor, never behind it.

type Change = { seq: string; dataset: string; id: string | null; kind: string; at: string; region_code: string | null; link: string };
const VILLAGE = "340223101201";
const NOTICE_VILLAGE = "340223106204"; // a Nanling demo village without demo notices
let admin: string;
let oldNotice: string;
let correction: string;

// The demo data is loaded through the write functions with their audit rows (actor
// demo-generator): the feed starts with the demo's changes, then holds what this file writes.
let demoChanges = 0;
let demoAudit = 0;
const write = (path: string, body: unknown, now: string) => adminApi(path, admin, { method: "POST", json: body, idempotencyKey: crypto.randomUUID(), headers: { "x-test-now": now } });
const draft = async (overrides: Record<string, unknown>, now: string) => {
  const res = await write("/api/v1/admin/notices", { type: "household_identification", region: NOTICE_VILLAGE, title_zh: "拟识别贫困户公示", body_zh: "现公示如下。", issuer: "村民委员会", items: [{ masked_name: "李*", village_group: "3组", household_size: 1 }], ...overrides }, now);
  expect(res.status).toBe(201);
  return (await json(res)).data.id as string;
};

async function follow(path: string): Promise<{ rows: Change[]; last: string }> {
  const rows: Change[] = [];
  let next: string | null = path;
  let last = path;
  while (next) {
    last = next;
    const res = await api(next);
    expect(res.status, next).toBe(200);
    const body = (await json(res)) as { data: Change[]; next: string | null };
    rows.push(...body.data);
    next = body.next && new URL(body.next).pathname + new URL(body.next).search;
  }
  return { rows, last };
}
const seqKey = (seq: string) => seq.split(".").map(Number) as [number, number];
const before = (a: string, b: string) => {
  const [x, y] = [seqKey(a), seqKey(b)];
  return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
};

beforeAll(async () => {
  await seedOnce();
  demoChanges = (await follow("/api/v1/changes?limit=1000")).rows.length;
  demoAudit = (await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<number>("n"))!;
  admin = await adminToken({ role: "admin", region: "340200000000" });
  // A notice opened, then corrected: the correction's opening supersedes it. The clocks are
  // deliberately out of order: the feed follows commit order, not the writers' clocks.
  oldNotice = await draft({}, "2026-11-20T02:00:00Z");
  expect((await write(`/api/v1/admin/notices/${oldNotice}/open`, {}, "2026-11-20T02:00:00Z")).status).toBe(200);
  correction = await draft({ title_zh: "更正公示", supersedes: oldNotice }, "2026-11-21T02:00:00Z");
  expect((await write(`/api/v1/admin/notices/${correction}/open`, {}, "2026-11-21T02:00:00Z")).status).toBe(200);
  expect((await write(`/api/v1/admin/villages/${VILLAGE}/status`, { status: "exited", designated_year: 2014, exit_year: 2016 }, "2026-11-19T02:00:00Z")).status).toBe(200);
});

describe("GET /api/v1/changes", () => {
  it("lists the public writes of the audit log in commit order, with links that answer, and nothing private or draft", async () => {
    const { rows: everything } = await follow("/api/v1/changes?limit=2");
    expect(demoChanges).toBeGreaterThan(0);
    const rows = everything.slice(demoChanges);
    expect(rows.map((r) => [r.dataset, r.id, r.kind])).toEqual([
      ["notices", oldNotice, "published"],
      ["notices", correction, "published"],
      ["notices", oldNotice, "superseded"],
      ["villages", VILLAGE, "updated"],
    ]);
    for (let i = 1; i < rows.length; i++) expect(before(rows[i - 1]!.seq, rows[i]!.seq), rows[i]!.seq).toBe(true);
    expect(rows[3]!.at).toBe("2026-11-19T02:00:00.000Z");
    // No actor, no summary; every link answers.
    expect(Object.keys(rows[0]!).sort()).toEqual(["at", "dataset", "id", "kind", "link", "provenance", "region_code", "seq"]);
    for (const row of rows) expect((await api(row.link)).status, row.link).toBe(200);
    expect(rows[2]!.link).toBe(`/api/v1/notices/${oldNotice}`);
    expect((await json(await api(rows[2]!.link))).data.status).toBe("superseded");
    const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<number>("n");
    expect(audit, "the drafts' create rows are in the audit log but not in the feed").toBe(demoAudit + 5);
    expect(Object.keys(PUBLIC_ACTIONS)).not.toContain("notice.create");
  });

  it("a write made while a client pages comes after its cursor; since= starts at the first change at or after the instant", async () => {
    const { rows: all } = await follow("/api/v1/changes?limit=1000");
    const first = (await json(await api("/api/v1/changes?limit=3"))) as { data: Change[]; next: string };
    const next = new URL(first.next);
    // A write now, between two pages.
    const res = await adminApi(`/api/v1/admin/villages/${VILLAGE}/status`, admin, { method: "POST", idempotencyKey: crypto.randomUUID(), json: { status: "poor", designated_year: 2014, exit_year: null } });
    expect(res.status).toBe(200);
    const { rows: rest } = await follow(next.pathname + next.search);
    const seen = [...first.data, ...rest];
    expect(seen.length).toBe(all.length + 1);
    expect(seen.at(-1)).toMatchObject({ dataset: "villages", id: VILLAGE, kind: "updated", link: `/api/v1/regions/${VILLAGE}` });
    expect((await api(seen.at(-1)!.link)).status).toBe(200);

    const written = seen.at(-1)!.at;
    const since = (await json(await api(`/api/v1/changes?since=${encodeURIComponent(written)}`))).data as Change[];
    expect(since.length).toBeGreaterThanOrEqual(1);
    expect(since.every((r) => r.at >= written)).toBe(true);
    expect(since.at(-1)!.seq).toBe(seen.at(-1)!.seq);
    // An offset instant names the same point in time.
    const offset = new Date(new Date(written).getTime() + 8 * 3600_000).toISOString().replace("Z", "+08:00");
    expect((await json(await api(`/api/v1/changes?since=${encodeURIComponent(offset)}`))).data.map((r: Change) => r.seq)).toEqual(since.map((r) => r.seq));
    expect((await json(await api("/api/v1/changes?since=2999-01-01T00:00:00Z"))).data).toEqual([]);
  });

  it("since= finds every change recorded at or after the instant even when the writers' clocks disagree", async () => {
    // Two writes whose clocks are out of order: the first commits with the later clock. A poll
    // from 10:00:00 must list both (starting at the earliest-timed row, as the feed did, skipped
    // the first); a poll from 10:00:05 lists the first and, after it in commit order, the second.
    const status = (body: unknown, now: string) => write(`/api/v1/admin/villages/${VILLAGE}/status`, body, now);
    expect((await status({ status: "exited", designated_year: 2014, exit_year: 2016 }, "2027-01-10T10:00:10Z")).status).toBe(200);
    expect((await status({ status: "poor", designated_year: 2014, exit_year: null }, "2027-01-10T10:00:00Z")).status).toBe(200);
    const { rows: all } = await follow("/api/v1/changes?limit=1000");
    const [a, b] = all.slice(-2);
    expect([a!.at, b!.at]).toEqual(["2027-01-10T10:00:10.000Z", "2027-01-10T10:00:00.000Z"]);
    for (const since of ["2027-01-10T10:00:00Z", "2027-01-10T18:00:00+08:00", "2027-01-10T10:00:05Z", "2027-01-10T10:00:10Z"]) {
      const listed = (await json(await api(`/api/v1/changes?since=${encodeURIComponent(since)}`))).data as Change[];
      expect(listed.map((c) => c.seq), since).toEqual([a!.seq, b!.seq]);
    }
    expect((await json(await api("/api/v1/changes?since=2027-01-10T10:00:11Z"))).data).toEqual([]);
  });

  it("CSV and NDJSON carry the same rows; an unchanged feed answers 304; bad input is a 400 naming it", async () => {
    const jsonRows = (await follow("/api/v1/changes?limit=1000")).rows;
    const csv = (await (await api("/api/v1/changes?format=csv")).text()).trim().split("\r\n");
    expect(csv[0]).toBe("seq,dataset,id,kind,at,region_code,link,provenance_kind,provenance_demo,provenance_basis");
    expect(csv.length - 1).toBe(jsonRows.length);
    const ndjson = (await (await api("/api/v1/changes?format=ndjson")).text()).trim().split("\n");
    expect(ndjson.map((l) => JSON.parse(l).seq)).toEqual(jsonRows.map((r) => r.seq));
    const res = await api("/api/v1/changes?limit=5");
    expect((await api("/api/v1/changes?limit=5", { headers: { "If-None-Match": res.headers.get("ETag")! } })).status).toBe(304);
    for (const [query, path] of [
      ["since=yesterday", "query.since"],
      ["since=2026-12-01", "query.since"],
      ["since=2026-12-01T00:00:00", "query.since"],
      ["dataset=notices", "query.dataset"],
      ["limit=1e2", "query.limit"],
    ]) {
      const bad = await api(`/api/v1/changes?${query}`);
      expect(bad.status, query).toBe(400);
      expect((await json(bad)).error.details.map((d: { path: string }) => d.path), query).toContain(path);
    }
  });
});
