import { SNAPSHOT_DATASETS } from "../../worker/snapshots/package";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { bumpDatasetVersion } from "../../worker/db/queries/dataset-versions";
import { importSigningKey } from "../../worker/domain/ledger";
import { sha256Hex } from "../../worker/domain/secure-random";
import { checkLedger } from "../../worker/ledger/keys";
import { d1Sql } from "../../worker/ledger/sql";
import { scheduledSnapshot } from "../../worker/snapshots";
import { writeHashed } from "../../worker/snapshots/r2-writer";
import { checkHead, checkProof, type GetJson } from "../../site/src/lib/ledger-check";
import { adminApi, adminToken } from "../helpers/admin";
import { api, db, json, seedOnce } from "../helpers/api";

// A citable snapshot: downloaded as a reader would, every file checked against
// datapackage.json, and the package hash proven to be in the signed ledger.

const ANHUI = "340000000000";
let admin: string;
const take = (key: string = crypto.randomUUID()) => adminApi("/api/v1/admin/snapshots", admin, { method: "POST", idempotencyKey: key });
const get: GetJson = async <T>(path: string) => {
  const res = await api(path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return ((await json(res)) as { data: T }).data;
};
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const check = async () => checkLedger(d1Sql(env.DB), { pinned: await importSigningKey(env.LEDGER_SIGNING_KEY), pageSize: 500 });

beforeAll(async () => {
  await seedOnce();
  admin = await adminToken({ role: "admin", region: ANHUI });
});

describe("citable snapshots", () => {
  let first: any;

  it("an administrator takes one: every public dataset as a Frictionless Data Package, recorded in the ledger", async () => {
    const res = await take("snapshot-first-0001");
    expect(res.status).toBe(201);
    first = (await json(res)).data;
    expect(first).toMatchObject({ id: 1, trigger: "admin", created: true, resource_count: SNAPSHOT_DATASETS.length, datapackage_url: "/api/v1/snapshots/1/datapackage.json" });
    // Every catalogue dataset but the snapshots list itself.
    expect(first.files.map((f: any) => f.name).sort()).toEqual(SNAPSHOT_DATASETS.map((d) => d.id).sort());
    expect(first.files.map((f: any) => f.name)).toEqual(expect.arrayContaining(["villages", "register_statistics", "ledger", "notices"]));
    // The same request again is a replay; a new request with nothing changed answers the same snapshot.
    const replay = await take("snapshot-first-0001");
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    const again = await take();
    expect(again.status).toBe(200);
    expect((await json(again)).data).toMatchObject({ id: 1, created: false, package_hash: first.package_hash });
    const audit = await env.DB.prepare("SELECT action, summary FROM audit_log WHERE target_type = 'snapshot'").all<{ action: string; summary: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]!.summary).toContain(first.package_hash);
  });

  it("downloads: every file's SHA-256 and size match datapackage.json, whose hash is the one in the ledger", async () => {
    const listed = await json(await api("/api/v1/snapshots"));
    expect(listed.data.map((s: any) => s.id)).toEqual([1]);
    const detail = await get<any>("/api/v1/snapshots/1");
    const pkgRes = await api(detail.datapackage_url);
    expect(pkgRes.status).toBe(200);
    expect(pkgRes.headers.get("Cache-Control")).toContain("immutable");
    const pkgBytes = await bytesOf(pkgRes);
    expect(pkgBytes.byteLength).toBe(detail.package_bytes);
    expect(await sha256Hex(pkgBytes)).toBe(detail.package_hash);
    const pkg = JSON.parse(new TextDecoder().decode(pkgBytes));
    expect(pkg).toMatchObject({ $schema: "https://datapackage.org/profiles/2.0/datapackage.json", name: "gongkai-snapshot-1", version: "1", licenses: [{ name: "CC-BY-4.0" }] });
    let total = pkgBytes.byteLength;
    for (const resource of pkg.resources) {
      const res = await api(`/api/v1/snapshots/1/${resource.path}`);
      expect(res.status, resource.path).toBe(200);
      const body = await bytesOf(res);
      expect(body.byteLength, resource.path).toBe(resource.bytes);
      expect(`sha256:${await sha256Hex(body)}`, resource.path).toBe(resource.hash);
      expect(resource.schema.fields.length, resource.path).toBeGreaterThan(1);
      // The header row is the Table Schema's field names, in order.
      const header = new TextDecoder().decode(body).split("\r\n")[0]!.split(",");
      expect(header, resource.path).toEqual(resource.schema.fields.map((f: any) => f.name));
      total += body.byteLength;
    }
    expect(total).toBe(detail.total_bytes);
    // The same CSV path as the live export: the village file is byte for byte `?format=csv`.
    const live = await bytesOf(await api("/api/v1/villages?format=csv"));
    const snap = await bytesOf(await api("/api/v1/snapshots/1/villages.csv"));
    expect(await sha256Hex(snap)).toBe(await sha256Hex(live));

    // The package hash is in the signed ledger: leaf, inclusion proof, head signature.
    const entry = detail.ledger.entries[0];
    expect(JSON.parse(entry.leaf)).toMatchObject({ type: "snapshot", id: "snapshot:1", package_hash: detail.package_hash, package_bytes: detail.package_bytes, resource_count: SNAPSHOT_DATASETS.length });
    expect(await checkProof(entry, detail.ledger.tree_head)).toBeUndefined();
    expect(await checkHead(detail.ledger.tree_head, get)).toBeUndefined();
    expect((await check()).problems).toEqual([]);
  });

  it("DCAT and the catalogue give each dataset's snapshot file with the byte size and SHA-256 a download has", async () => {
    const dcat = await json(await api("/api/v1/catalog.jsonld"));
    expect(dcat["@context"].spdx).toBe("http://spdx.org/rdf/terms#");
    const catalogue = (await json(await api("/api/v1/datasets"))).data;
    for (const dataset of dcat["dcat:dataset"]) {
      const id = dataset["dct:identifier"];
      const fixed = dataset["dcat:distribution"].find((d: any) => d["dcat:byteSize"]);
      expect(fixed, id).toBeDefined();
      const url = new URL(fixed["dcat:downloadURL"]["@id"]);
      expect(url.pathname, id).toBe(id === "snapshots" ? "/api/v1/snapshots/1/datapackage.json" : `/api/v1/snapshots/1/${id}.csv`);
      const body = await bytesOf(await api(url.pathname));
      expect(fixed["dcat:byteSize"], id).toEqual({ "@type": "xsd:nonNegativeInteger", "@value": String(body.byteLength) });
      expect(fixed["spdx:checksum"], id).toEqual({
        "@type": "spdx:Checksum",
        "spdx:algorithm": { "@id": "spdx:checksumAlgorithm_sha256" },
        "spdx:checksumValue": { "@type": "xsd:hexBinary", "@value": await sha256Hex(body) },
      });
      const listed = catalogue.find((d: any) => d.id === id).snapshot;
      expect(listed, id).toMatchObject({ id: 1, url: url.toString(), bytes: body.byteLength, sha256: fixed["spdx:checksum"]["spdx:checksumValue"]["@value"] });
    }
  });

  it("answers 404 for an unknown snapshot or file and 400 for a malformed one; a file's ETag gives 304", async () => {
    expect((await api("/api/v1/snapshots/99")).status).toBe(404);
    expect((await api("/api/v1/snapshots/1/nothing.csv")).status).toBe(404);
    for (const bad of ["/api/v1/snapshots/0", "/api/v1/snapshots/x1", "/api/v1/snapshots/1/..%2Fsecret.csv", "/api/v1/snapshots/1/villages.txt"]) {
      const res = await api(bad);
      expect(res.status, bad).toBe(400);
      expect((await json(res)).error.code).toBe("invalid_request");
    }
    const etag = (await api("/api/v1/snapshots/1/regions.csv")).headers.get("ETag")!;
    expect((await api("/api/v1/snapshots/1/regions.csv", { headers: { "If-None-Match": etag } })).status).toBe(304);
  });

  it("refuses an editor and a county administrator, writing nothing", async () => {
    const editor = await adminToken({ role: "editor", region: ANHUI });
    expect((await adminApi("/api/v1/admin/snapshots", editor, { method: "POST", idempotencyKey: crypto.randomUUID() })).status).toBe(403);
    const county = await adminToken({ role: "admin", region: "340223000000" });
    const res = await adminApi("/api/v1/admin/snapshots", county, { method: "POST", idempotencyKey: crypto.randomUUID() });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("out_of_scope");
    expect((await json(await api("/api/v1/snapshots"))).data).toHaveLength(1);
  });

  it("the hourly trigger takes the next one only when a dataset changed; ledger:verify catches an edited snapshot row", async () => {
    const run = async () => {
      const ctx = createExecutionContext();
      await scheduledSnapshot(env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await run();
    expect((await json(await api("/api/v1/snapshots"))).data).toHaveLength(1);
    await bumpDatasetVersion(db(), "villages");
    await run();
    const list = (await json(await api("/api/v1/snapshots"))).data;
    expect(list.map((s: any) => [s.id, s.trigger])).toEqual([[2, "cron"], [1, "admin"]]);
    expect((await check()).problems).toEqual([]);

    await env.DB.prepare("DROP TRIGGER snapshots_no_update").run();
    await env.DB.prepare("UPDATE snapshots SET package_hash = ? WHERE id = 1").bind("0".repeat(64)).run();
    const report = await check();
    expect(report.problems[0]).toMatchObject({ kind: "row_field", table: "snapshots", rowId: "1", field: "package_hash" });
    await env.DB.prepare("UPDATE snapshots SET package_hash = ? WHERE id = 1").bind(first.package_hash).run();
  });

  it("streams large files to R2 in equal multipart parts while hashing", async () => {
    const MiB = 1024 * 1024;
    const total = 11 * MiB + 123;
    let sent = 0;
    const chunk = new Uint8Array(256 * 1024).map((_, i) => i % 251);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const n = Math.min(chunk.byteLength, total - sent);
        controller.enqueue(chunk.slice(0, n));
        sent += n;
        if (sent >= total) controller.close();
      },
    });
    const written = await writeHashed(env.SNAPSHOTS, "test/multipart.bin", body, "application/octet-stream", 5 * MiB);
    expect(written).toMatchObject({ bytes: total, parts: 3 });
    const stored = await env.SNAPSHOTS.get("test/multipart.bin");
    const bytes = new Uint8Array(await stored!.arrayBuffer());
    expect(bytes.byteLength).toBe(total);
    expect(await sha256Hex(bytes)).toBe(written.sha256);
  });
});
