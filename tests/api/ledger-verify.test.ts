import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { importSigningKey } from "../../worker/domain/ledger";
import { d1LedgerReader, verifyLedger } from "../../worker/ledger/verify";
import { seedOnce } from "../helpers/api";
import { adminPost, wuhuProject } from "../helpers/funds";

// A small ledger written through the admin API, then tampered with in ways only direct
// access to the SQLite file allows (the append-only triggers are dropped first).
let token: string;
let projectId: string;
const disbursementIndexes: number[] = [];
/** Entries the demo notices' fingerprints take (opened, superseded, announced), in one append. */
let base = 0;

beforeAll(async () => {
  await seedOnce();
  base = (await env.DB.prepare("SELECT count(*) AS n FROM ledger_entries").first<number>("n"))!;
  const project = await wuhuProject({ allocate: 1_000_000 });
  token = project.token;
  projectId = project.id;
  for (let i = 0; i < 12; i++) {
    const res = await adminPost("/api/v1/admin/funds/disbursements", token, { project_id: projectId, source: "municipal", date: "2018-05-01", amount_fen: 1_000 + i, receipted_fen: 0, document_no: `拨〔2018〕${i}号` });
    disbursementIndexes.push(res.body.data.ledger_index);
  }
});

const key = () => importSigningKey(env.LEDGER_SIGNING_KEY);
const verify = async () => {
  const k = await key();
  return verifyLedger(d1LedgerReader(env.DB), { publicKey: k.publicKey, keyId: k.keyId, pageSize: 5 });
};

describe("verifyLedger (npm run ledger:verify)", () => {
  it("passes an untouched ledger, checking every entry and every signed head", async () => {
    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // The demo notices (written through the notice writes: one head per opening or
    // announcement, 12 + 3), then two budget lines, one allocation, twelve disbursements; one
    // head per write.
    expect(base).toBeGreaterThan(0);
    expect(report.entries).toBe(base + 15);
    expect(report.heads).toBe(15 + 14);
    expect(report.rows).toBe(base + 15);
    const head = await env.DB.prepare("SELECT root_hash FROM ledger_heads ORDER BY tree_size DESC LIMIT 1").first<string>("root_hash");
    expect(report.root).toBe(head);
  });

  it("names the first entry whose row was edited directly in the database", async () => {
    const target = disbursementIndexes[7]!;
    await env.DB.prepare("DROP TRIGGER ledger_entries_no_update").run();
    await env.DB.prepare("UPDATE ledger_entries SET leaf = replace(leaf, '\"amount_fen\":1007', '\"amount_fen\":9007') WHERE idx = ?").bind(target).run();
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ entry: target, kind: "leaf_hash" });
    expect(report.problems[0]!.message).toContain(`entry ${target}`);
  });

  it("still names the entry when the attacker also rewrote its stored leaf hash", async () => {
    const target = disbursementIndexes[7]!;
    await env.DB.prepare("DROP TRIGGER ledger_nodes_no_update").run();
    const { leafHashOf, toHex } = await import("../../worker/domain/ledger");
    const leaf = (await env.DB.prepare("SELECT leaf FROM ledger_entries WHERE idx = ?").bind(target).first<string>("leaf"))!;
    await env.DB.prepare("UPDATE ledger_nodes SET hash = ? WHERE level = 0 AND idx = ?").bind(toHex(await leafHashOf(leaf)), target).run();
    const report = await verify();
    expect(report.ok).toBe(false);
    const first = report.problems[0]!;
    expect(first.entry).toBeLessThanOrEqual(target);
    expect(report.problems.some((p) => p.kind === "head_root")).toBe(true);
  });

  it("reports a forged head signature and a non-canonical leaf", async () => {
    await env.DB.prepare("DROP TRIGGER ledger_heads_no_update").run();
    await env.DB.prepare("UPDATE ledger_heads SET signature = ? WHERE tree_size = ?").bind(btoa("x".repeat(64)), base + 3).run();
    await env.DB.prepare("UPDATE ledger_entries SET leaf = leaf || ' ' WHERE idx = ?").bind(base + 1).run();
    const report = await verify();
    expect(report.problems[0]).toMatchObject({ entry: base + 1, kind: "leaf" });
    expect(report.problems.some((p) => p.kind === "head_signature" && p.message.includes(`size ${base + 3}`))).toBe(true);
  });
});
