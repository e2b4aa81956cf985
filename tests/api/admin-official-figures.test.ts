import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PLACES } from "../../worker/demo/official-figures";
import { adminApi, adminToken, countRows } from "../helpers/admin";
import { api, json, seedOnce } from "../helpers/api";

let editor: string;
let viewer: string;
beforeAll(async () => {
  await seedOnce();
  editor = await adminToken({ role: "editor", region: PLACES.wuhu });
  viewer = await adminToken({ role: "viewer", region: PLACES.wuhu });
});

const source = (id: string) => ({
  id,
  title_zh: "南陵县2019年脱贫公告",
  title_en: "Nanling 2019 exit announcement",
  issuer: "南陵县扶贫开发领导小组",
  published_on: "2019-12-30",
});

describe("POST /api/v1/admin/official-figures", () => {
  it("publishes figures with their source, audits the write and changes the dataset's ETag", async () => {
    const before = await api(`/api/v1/statistics/official?region=${PLACES.nanling}`);
    const etag = before.headers.get("ETag")!;
    const res = await adminApi("/api/v1/admin/official-figures", editor, {
      method: "POST",
      idempotencyKey: "publish-nanling-2019",
      json: { source: source("nanling-2019"), figures: [{ region_code: PLACES.nanling, year: 2019, metric: "exited_people", value: 115, note_en: "Last exits" }] },
    });
    expect(res.status).toBe(201);
    expect(await json(res)).toEqual({ data: { source_id: "nanling-2019", source_created: true, figures_published: 1 } });

    const after = await api(`/api/v1/statistics/official?region=${PLACES.nanling}&year=2019`);
    expect(after.headers.get("ETag")).not.toBe(etag);
    const body = await json(after);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ kind: "official", value: 115, unit: "people", source: { id: "nanling-2019", issuer: "南陵县扶贫开发领导小组" } });

    const audit = await json(await adminApi(`/api/v1/admin/audit?region=${PLACES.wuhu}`, await adminToken({ role: "admin", region: PLACES.wuhu })));
    expect(audit.data[0]).toMatchObject({ action: "official_figures.publish", target_type: "source", target_id: "nanling-2019", region_code: PLACES.nanling });
    expect(audit.data[0].summary).toContain("1 official figure");
  });

  it("replays the first answer for a retry with the same key and body, writing nothing new", async () => {
    const request = { method: "POST", idempotencyKey: "retry-key-0001", json: { source: source("retry-src"), figures: [{ region_code: PLACES.wuwei, year: 2019, metric: "exited_people", value: 10721 }] } };
    const first = await adminApi("/api/v1/admin/official-figures", editor, request);
    expect(first.status).toBe(201);
    const figures = await countRows("official_figures");
    const audits = await countRows("audit_log");
    const second = await adminApi("/api/v1/admin/official-figures", editor, request);
    expect(second.status).toBe(201);
    expect(second.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await json(second)).toEqual(await json(first));
    expect(await countRows("official_figures")).toBe(figures);
    expect(await countRows("audit_log")).toBe(audits);
  });

  it("refuses (422) the same key with a different body", async () => {
    const key = "reused-key-0001";
    const body = { source: source("reuse-src"), figures: [{ region_code: PLACES.wuwei, year: 2019, metric: "exited_people", value: 1 }] };
    expect((await adminApi("/api/v1/admin/official-figures", editor, { method: "POST", idempotencyKey: key, json: body })).status).toBe(201);
    const res = await adminApi("/api/v1/admin/official-figures", editor, { method: "POST", idempotencyKey: key, json: { ...body, figures: [{ ...body.figures[0], value: 2 }] } });
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe("idempotency_key_reused");
  });

  it("requires an Idempotency-Key", async () => {
    const res = await adminApi("/api/v1/admin/official-figures", editor, { method: "POST", json: { source: source("nokey"), figures: [{ region_code: PLACES.wuwei, year: 2019, metric: "exited_people", value: 1 }] } });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0].path).toBe("header.idempotency-key");
  });

  it("writes nothing when one figure of many is invalid, naming it", async () => {
    const figures = await countRows("official_figures");
    const audits = await countRows("audit_log");
    const rows = Array.from({ length: 30 }, (_, i) => ({ region_code: PLACES.wuwei, year: 2019, metric: "exited_people", value: i }));
    rows[17] = { ...rows[17]!, value: 3.5 };
    const res = await adminApi("/api/v1/admin/official-figures", editor, { method: "POST", idempotencyKey: "atomic-key-0001", json: { source: source("atomic"), figures: rows } });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.details).toContainEqual({ path: "body.figures.17.value", message: "a count of people must be a whole number" });
    expect(await countRows("official_figures")).toBe(figures);
    expect(await countRows("audit_log")).toBe(audits);
    expect(await countRows("sources WHERE id = 'atomic'")).toBe(0);
  });

  it("writes many figures (more than 100 bound parameters) atomically", async () => {
    const figures = await countRows("official_figures");
    const rows = Array.from({ length: 120 }, (_, i) => ({ region_code: PLACES.nanling, year: 2000 + (i % 20), metric: "exited_households", value: i }));
    const res = await adminApi("/api/v1/admin/official-figures", editor, { method: "POST", idempotencyKey: "bulk-key-0001", json: { source: source("bulk"), figures: rows } });
    expect(res.status).toBe(201);
    expect(await countRows("official_figures")).toBe(figures + 120);
  });

  const bad: [string, unknown, string][] = [
    ["an unknown metric", { metric: "happiness" }, "body.figures.0.metric"],
    ["an unknown region", { region_code: "340223999999" }, "body.figures.0.region_code"],
    ["a malformed region", { region_code: "3402" }, "body.figures.0.region_code"],
    ["a percentage over 100", { metric: "poverty_incidence_pct", value: 120 }, "body.figures.0.value"],
    ["negative money", { metric: "funds_invested", value: -5 }, "body.figures.0.value"],
    ["an unknown field", { colour: "red" }, "body.figures.0"],
  ];
  for (const [what, patch, path] of bad) {
    it(`answers 400 naming ${path} for ${what}`, async () => {
      const res = await adminApi("/api/v1/admin/official-figures", editor, {
        method: "POST",
        idempotencyKey: crypto.randomUUID(),
        json: { source: source("bad"), figures: [{ region_code: PLACES.nanling, year: 2019, metric: "exited_people", value: 1, ...(patch as object) }] },
      });
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error.details.map((d: any) => d.path).join(" ")).toContain(path);
    });
  }

  it("refuses a source date in the future", async () => {
    const res = await adminApi("/api/v1/admin/official-figures", editor, {
      method: "POST",
      idempotencyKey: crypto.randomUUID(),
      json: { source: { ...source("future"), published_on: "2999-01-01" }, figures: [{ region_code: PLACES.nanling, year: 2019, metric: "exited_people", value: 1 }] },
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error.details[0].path).toBe("body.source.published_on");
  });

  it("refuses (409) a known source id with different details", async () => {
    const res = await adminApi("/api/v1/admin/official-figures", editor, {
      method: "POST",
      idempotencyKey: crypto.randomUUID(),
      json: { source: { ...source("wuhu-2018") }, figures: [{ region_code: PLACES.nanling, year: 2019, metric: "exited_people", value: 1 }] },
    });
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("source_mismatch");
  });

  it("is refused to a viewer (403)", async () => {
    const res = await adminApi("/api/v1/admin/official-figures", viewer, { method: "POST", idempotencyKey: crypto.randomUUID(), json: {} });
    expect(res.status).toBe(403);
  });
});

describe("the audit log", () => {
  it("refuses UPDATE and DELETE in the database itself", async () => {
    await env.DB.prepare("INSERT INTO audit_log (actor, action, target_type, summary, created_at) VALUES ('cli:test', 'x', 'y', 'z', '2020-01-01')").run();
    await expect(env.DB.prepare("UPDATE audit_log SET summary = 'rewritten'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit_log").run()).rejects.toThrow(/append-only/);
  });

  it("is readable by admins only", async () => {
    const res = await adminApi(`/api/v1/admin/audit`, editor);
    expect(res.status).toBe(403);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });
});
