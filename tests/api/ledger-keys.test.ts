import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../worker/app";
import { importSigningKey, toBase64 } from "../../worker/domain/ledger";
import { checkHeadWithKeys } from "../../worker/domain/ledger/verify";
import { checkLedger } from "../../worker/ledger/keys";
import { d1Sql } from "../../worker/ledger/sql";
import { adminToken } from "../helpers/admin";
import { ORIGIN, json, seedOnce } from "../helpers/api";
import { idemKey, projectBody } from "../helpers/funds";

// Signing-key rotation as transparency logs do it: a new LEDGER_SIGNING_KEY signs from the
// next head on, every head names its key, /ledger/keys serves the history, and verifiers
// check each old head with its own key. The real app runs with a rotated secret.

const app = createApp();
let keyB: string;
let token: string;

/** A request through the app with the given signing key as its secret. */
function withKey(secret: string, path: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    headers.set("Authorization", `Bearer ${token}`);
    headers.set("Idempotency-Key", idemKey("rot"));
  }
  const request = new Request(`${ORIGIN}${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  return app.fetch(request, { ...env, LEDGER_SIGNING_KEY: secret }, createExecutionContext());
}

const newSecret = async () => {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  return toBase64(new Uint8Array((await crypto.subtle.exportKey("pkcs8", pair.privateKey)) as ArrayBuffer));
};

beforeAll(async () => {
  await seedOnce();
  token = await adminToken({ role: "editor", region: "340200000000" });
  keyB = await newSecret();
});

describe("signing-key rotation", () => {
  it("a new key signs from the next head on; /ledger/keys serves both with their ranges; old heads keep their key", async () => {
    const keyA = env.LEDGER_SIGNING_KEY;
    const a = await importSigningKey(keyA);
    const b = await importSigningKey(keyB);
    expect((await withKey(keyA, "/api/v1/admin/funds/projects", { method: "POST", json: projectBody() })).status).toBe(201);
    const before = (await json(await withKey(keyA, "/api/v1/ledger/head"))).data;
    expect(before.key_id).toBe(a.keyId);

    // Rotated but unused: the new key is listed as current, from the next head on.
    const firstHead = (await env.DB.prepare("SELECT min(tree_size) AS n FROM ledger_heads").first<number>("n"))!;
    const pending = (await json(await withKey(keyB, "/api/v1/ledger/keys"))).data;
    expect(pending.map((k: { key_id: string; valid_from_size: number | null; current: boolean }) => [k.key_id, k.valid_from_size, k.current])).toEqual([
      [a.keyId, firstHead, false],
      [b.keyId, null, true],
    ]);

    const created = await withKey(keyB, "/api/v1/admin/funds/projects", { method: "POST", json: projectBody() });
    expect(created.status).toBe(201);
    const after = (await json(await withKey(keyB, "/api/v1/ledger/head"))).data;
    expect(after.key_id).toBe(b.keyId);

    const keys = (await json(await withKey(keyB, "/api/v1/ledger/keys"))).data;
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatchObject({ key_id: a.keyId, valid_from_size: firstHead, valid_until_size: after.tree_size, current: false });
    expect(keys[1]).toMatchObject({ key_id: b.keyId, valid_from_size: after.tree_size, valid_until_size: null, current: true });

    // The browser's check (worker/domain/ledger/verify.ts): each head with its own key only.
    expect(await checkHeadWithKeys(before, keys)).toBe(true);
    expect(await checkHeadWithKeys(after, keys)).toBe(true);
    expect(await checkHeadWithKeys({ ...before, key_id: b.keyId }, keys)).toBe(false);

    // ledger:verify's check: every head against the key valid at its size.
    const report = await checkLedger(d1Sql(env.DB), { pinned: b });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // Pinning the retired key is reported: someone is trusting a key that no longer signs.
    expect((await checkLedger(d1Sql(env.DB), { pinned: a })).problems.map((p) => p.message).join()).toContain("was replaced");
  });

  it("a retired key can no longer sign (the database refuses its head), so every size has exactly one key", async () => {
    const size = (await env.DB.prepare("SELECT max(tree_size) AS n FROM ledger_heads").first<number>("n"))!;
    const res = await withKey(env.LEDGER_SIGNING_KEY, "/api/v1/admin/funds/projects", { method: "POST", json: projectBody() });
    // The deployment's secret is out of date: a 503 in the error shape, not a 500.
    expect(res.status).toBe(503);
    expect((await json(res)).error).toMatchObject({ code: "ledger_key_retired" });
    expect(await env.DB.prepare("SELECT max(tree_size) AS n FROM ledger_heads").first<number>("n")).toBe(size);
  });

  it("a key history rewritten in the database is caught", async () => {
    const b = await importSigningKey(keyB);
    await env.DB.prepare("DROP TRIGGER ledger_keys_no_update").run();
    const evil = await importSigningKey(await newSecret());
    await env.DB.prepare("UPDATE ledger_keys SET public_key = ? WHERE key_id = ?").bind(toBase64(evil.spki), b.keyId).run();
    const report = await checkLedger(d1Sql(env.DB), { pinned: b });
    expect(report.ok).toBe(false);
    expect(report.problems.some((p) => p.kind === "head_key" && p.message.includes(b.keyId))).toBe(true);
  });
});
