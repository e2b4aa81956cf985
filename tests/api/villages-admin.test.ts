/**
 * POST /api/v1/admin/villages/{code}/status: a village's designation and exit, validated
 * field by field, scoped, audited, idempotent, and visible at once in the API and on the
 * village's page (the villages dataset version is bumped in the same batch).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, adminToken, countRows } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";

const VILLAGE = "340223101201";
const TOWNSHIP = "340223101000";
let token: string;

const setStatus = (body: unknown, key = crypto.randomUUID(), code = VILLAGE) =>
  adminApi(`/api/v1/admin/villages/${code}/status`, token, { method: "POST", json: body, idempotencyKey: key });

const villageRow = async () => (await json(await api(`/api/v1/villages?township=${TOWNSHIP}&limit=1000`))).data.find((v: { code: string }) => v.code === VILLAGE);

beforeAll(async () => {
  await seedOnce();
  token = await adminToken({ role: "editor", region: "340223000000" });
});

describe("setting a village's exit status", () => {
  it("changes the API row and the village page at once, with one audit entry, once per key", async () => {
    const before = await (await api(`/regions/${VILLAGE}/`)).text();
    const next = (await villageRow()).status === "exited" ? { status: "poor", designated_year: 2014, exit_year: null } : { status: "exited", designated_year: 2014, exit_year: 2019 };
    const audits = await countRows("audit_log");
    const key = crypto.randomUUID();
    const res = await setStatus(next, key);
    expect(res.status).toBe(200);
    expect((await json(res)).data).toMatchObject({ code: VILLAGE, ...next });
    expect(await villageRow()).toMatchObject(next);
    expect(await countRows("audit_log")).toBe(audits + 1);

    const page = await (await api(`/regions/${VILLAGE}/`)).text();
    expect(page).not.toBe(before);
    expect(page).toContain(`badge-${next.status}`);

    // A retry with the same key replays the answer and writes nothing.
    const replay = await setStatus(next, key);
    expect(replay.status).toBe(200);
    expect(await countRows("audit_log")).toBe(audits + 1);
  });

  it("refuses years that do not fit the status, naming the field, and changes nothing", async () => {
    const audits = await countRows("audit_log");
    for (const [body, path] of [
      [{ status: "exited", designated_year: 2014, exit_year: null }, "body.exit_year"],
      [{ status: "not_designated", designated_year: 2014, exit_year: null }, "body.designated_year"],
      [{ status: "exited", designated_year: 2018, exit_year: 2016 }, "body.exit_year"],
      [{ status: "poor", designated_year: 2999, exit_year: null }, "body.designated_year"],
      [{ status: "gone", designated_year: null, exit_year: null }, "body.status"],
    ] as const) {
      const res = await setStatus(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json(res)).error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await countRows("audit_log")).toBe(audits);
  });

  it("answers 404 for a region that is not a village", async () => {
    const res = await setStatus({ status: "poor", designated_year: 2014, exit_year: null }, crypto.randomUUID(), TOWNSHIP);
    expect(res.status).toBe(404);
  });
});
