import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";
import { consistencyHolds, headSignatureValid, inclusionRoot, leafHashHex } from "../helpers/rfc6962";

let size = 0;
beforeAll(async () => {
  const seeded = await seedFundsOnce();
  size = seeded.ledgerEntries;
}, 120_000);

const flip = (hex: string) => hex.slice(0, -1) + (hex.endsWith("0") ? "1" : "0");

const expectError = async (res: Response, status: number, code: string, path?: string) => {
  expect(res.status).toBe(status);
  const body = await json(res);
  expect(body.error.code).toBe(code);
  if (path) expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
};

describe("GET /api/v1/ledger/head and /ledger/key", () => {
  it("publishes a head over every entry, signed with the published key (checked with Node's Ed25519)", async () => {
    const res = await api("/api/v1/ledger/head");
    expect(res.status).toBe(200);
    expect(res.headers.get("ETag")).toBeTruthy();
    const head = (await json(res)).data;
    expect(head.tree_size).toBe(size);
    expect(head.root_hash).toMatch(/^[0-9a-f]{64}$/);
    const key = (await json(await api("/api/v1/ledger/key"))).data;
    expect(key).toMatchObject({ algorithm: "Ed25519", key_id: head.key_id, jwk: { kty: "OKP", crv: "Ed25519" } });
    expect(key.public_key_pem).toContain("BEGIN PUBLIC KEY");
    expect(headSignatureValid(head, key.public_key)).toBe(true);
    expect(headSignatureValid({ ...head, tree_size: head.tree_size - 1 }, key.public_key)).toBe(false);
    expect(head.signed_message.slice(0, 4)).toBe("0001");
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const first = await api("/api/v1/ledger/head");
    const again = await api("/api/v1/ledger/head", { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(again.status).toBe(304);
  });
});

describe("GET /api/v1/ledger/entries", () => {
  it("lists entries in index order with leaves whose hashes an outsider can recompute", async () => {
    const res = await api("/api/v1/ledger/entries?start=10&end=20");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.data.map((e: { index: number }) => e.index)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    for (const entry of body.data) {
      expect(leafHashHex(entry.leaf)).toBe(entry.leaf_hash);
      const leaf = JSON.parse(entry.leaf);
      expect(leaf).toMatchObject({ schema: "gongkai.ledger/1", type: entry.type, id: entry.subject_id });
      expect(Number.isInteger(leaf.amount_fen)).toBe(true);
      expect(leaf).not.toHaveProperty("donor_name");
    }
  });

  it("pages with a cursor and filters by type", async () => {
    const page = await json(await api("/api/v1/ledger/entries?type=donation&limit=50"));
    expect(page.data).toHaveLength(50);
    expect(page.data.every((e: { type: string }) => e.type === "donation")).toBe(true);
    const next = await json(await api(page.next.replace("http://portal.test", "")));
    expect(next.data[0].index).toBeGreaterThan(page.data[49].index);
  });

  it("streams every entry as CSV and NDJSON", async () => {
    const csv = await api("/api/v1/ledger/entries?format=csv");
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("index,type,subject_id,recorded_at,leaf_hash,leaf,provenance_kind,provenance_demo,provenance_basis");
    expect(lines.length - 1).toBe(size);
    const nd = await api("/api/v1/ledger/entries?format=ndjson&start=5&end=8");
    expect((await nd.text()).trimEnd().split("\n").map((l) => JSON.parse(l).index)).toEqual([5, 6, 7]);
  });

  it("refuses bad ranges and unknown parameters", async () => {
    await expectError(await api("/api/v1/ledger/entries?start=-1"), 400, "invalid_request", "query.start");
    await expectError(await api("/api/v1/ledger/entries?start=9&end=3"), 400, "invalid_request", "query.end");
    await expectError(await api("/api/v1/ledger/entries?type=gift"), 400, "invalid_request", "query.type");
    await expectError(await api("/api/v1/ledger/entries?from=1"), 400, "invalid_request", "query.from");
    await expectError(await api("/api/v1/ledger/entries?cursor=xyz"), 400, "invalid_request", "query.cursor");
  });
});

describe("GET /api/v1/ledger/proof/inclusion", () => {
  it("proves entries against the latest head and against older signed heads", async () => {
    const head = (await json(await api("/api/v1/ledger/head"))).data;
    for (const index of [0, 1, 7, Math.floor(size / 2), size - 1]) {
      const res = await api(`/api/v1/ledger/proof/inclusion?index=${index}`);
      expect(res.status).toBe(200);
      const proof = (await json(res)).data;
      expect(proof.tree_head).toEqual(head);
      expect(leafHashHex(proof.entry.leaf)).toBe(proof.leaf_hash);
      expect(inclusionRoot(proof.leaf_hash, index, size, proof.audit_path)).toBe(head.root_hash);
      expect(proof.audit_path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
    }
    const old = (await json(await api("/api/v1/ledger/proof/inclusion?index=3&tree_size=100"))).data;
    expect(old.tree_head.tree_size).toBe(100);
    expect(inclusionRoot(old.leaf_hash, 3, 100, old.audit_path)).toBe(old.tree_head.root_hash);
  });

  it("refuses an index outside the tree, a missing index and a size with no head", async () => {
    await expectError(await api(`/api/v1/ledger/proof/inclusion?index=${size}`), 400, "invalid_request", "query.index");
    const signedSize = (await env.DB.prepare("SELECT min(tree_size) AS s FROM ledger_heads WHERE tree_size >= 5").first<number>("s"))!;
    await expectError(await api(`/api/v1/ledger/proof/inclusion?index=${signedSize}&tree_size=${signedSize}`), 400, "invalid_request", "query.index");
    await expectError(await api("/api/v1/ledger/proof/inclusion"), 400, "invalid_request", "query.index");
    await expectError(await api("/api/v1/ledger/proof/inclusion?index=1.5"), 400, "invalid_request", "query.index");
    await expectError(await api(`/api/v1/ledger/proof/inclusion?index=0&tree_size=${size + 10}`), 404, "head_not_found", "query.tree_size");
    await expectError(await api("/api/v1/ledger/proof/inclusion?index=0&tree_size=0"), 400, "invalid_request", "query.tree_size");
  });
});

describe("GET /api/v1/ledger/proof/consistency", () => {
  it("proves that every older signed head is a prefix of the latest", async () => {
    const head = (await json(await api("/api/v1/ledger/head"))).data;
    // A write that appends several entries (a project's budget lines) signs one head, so
    // not every size has a head: take the first signed size at or after each probe.
    const signed = async (n: number) => (await env.DB.prepare("SELECT min(tree_size) AS s FROM ledger_heads WHERE tree_size >= ?").bind(n).first<number>("s"))!;
    for (const first of [await signed(1), await signed(2), await signed(64), await signed(100), await signed(777), await signed(size - 1), size]) {
      const res = await api(`/api/v1/ledger/proof/consistency?first=${first}`);
      expect(res.status).toBe(200);
      const body = (await json(res)).data;
      expect(body.second_head).toEqual(head);
      expect(consistencyHolds(first, size, body.first_head.root_hash, head.root_hash, body.proof)).toBe(true);
    }
    const [a, b] = [await signed(10), await signed(300)];
    const between = (await json(await api(`/api/v1/ledger/proof/consistency?first=${a}&second=${b}`))).data;
    expect(consistencyHolds(a, b, between.first_head.root_hash, between.second_head.root_hash, between.proof)).toBe(true);
    expect(consistencyHolds(a, b, flip(between.first_head.root_hash), between.second_head.root_hash, between.proof)).toBe(false);
  });

  it("refuses first after second, zero and sizes without a head", async () => {
    await expectError(await api("/api/v1/ledger/proof/consistency?first=300&second=10"), 400, "invalid_request", "query.first");
    await expectError(await api("/api/v1/ledger/proof/consistency?first=0"), 400, "invalid_request", "query.first");
    await expectError(await api(`/api/v1/ledger/proof/consistency?first=1&second=${size + 1}`), 404, "head_not_found", "query.second");
    await expectError(await api("/api/v1/ledger/proof/consistency?first=abc"), 400, "invalid_request", "query.first");
  });
});
