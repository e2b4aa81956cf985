/**
 * Republishing a release when the disclosure gate or rules change (migration 0036): a release
 * records the gate and rules version its tables were computed under; the same file sent again
 * under a newer gate or rules is a real republish (a new release replacing the old, audited,
 * through the one write path), and under the same gate it is still `unchanged`.
 */
import { env } from "cloudflare:workers";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import sample from "../../docs/samples/households-sample.csv?raw";
import { PLACES } from "../../worker/demo/official-figures";
import { DISCLOSURE_RULES_VERSION, JOINT_GATE_BY_DEFAULT, useJointGateAtImport } from "../../worker/writes/register-imports";
import { adminApi, adminToken } from "../helpers/admin";
import { json, seedOnce } from "../helpers/api";

// These releases start under the per-metric gate, to see them republished under the joint one.
beforeAll(() => useJointGateAtImport(false));
beforeAll(seedOnce);
afterEach(() => useJointGateAtImport(false));
afterAll(() => useJointGateAtImport(JOINT_GATE_BY_DEFAULT));

const NANLING = PLACES.nanling;
const YEAR = 2019;

function upload(token: string, csv: string) {
  return adminApi(`/api/v1/admin/imports/households?year=${YEAR}&region=${NANLING}`, token, {
    method: "POST",
    headers: { "Content-Type": "text/csv", "Idempotency-Key": crypto.randomUUID() },
    body: csv,
  });
}

interface Release {
  id: string;
  status: string;
  disclosure_gate: string;
  disclosure_rules: number;
}

async function releases(): Promise<Release[]> {
  const { results } = await env.DB.prepare("SELECT id, status, disclosure_gate, disclosure_rules FROM register_releases WHERE scope_code = ? AND year = ? ORDER BY created_at, id")
    .bind(NANLING, YEAR)
    .all<Release>();
  return results;
}

describe("re-sending a file after the disclosure gate changed", () => {
  let editor: string;
  let admin: string;
  beforeAll(async () => {
    editor = await adminToken({ role: "editor", region: NANLING });
    admin = await adminToken({ role: "admin", region: NANLING });
  });

  it("records the gate and rules on the release; the same file under the same gate is still `unchanged`", async () => {
    const first = await upload(editor, sample);
    expect(first.status).toBe(201);
    const body = (await json(first)).data;
    expect(body).toMatchObject({ status: "imported", disclosure_gate: "per-metric", disclosure_rules: DISCLOSURE_RULES_VERSION, republished: false });
    expect(await releases()).toEqual([{ id: body.release_id, status: "active", disclosure_gate: "per-metric", disclosure_rules: DISCLOSURE_RULES_VERSION }]);

    const again = await upload(editor, sample);
    expect(again.status).toBe(200);
    expect((await json(again)).data).toMatchObject({ status: "unchanged", release_id: body.release_id, republished: false });
    expect(await releases()).toHaveLength(1);
  });

  it("republishes a release of older rules (as migration 0036 backfills them): a new release replaces it, audited", async () => {
    const [old] = await releases();
    // A release published before the rules were recorded (e.g. before migration 0032's metrics).
    await env.DB.prepare("UPDATE register_releases SET disclosure_rules = 0 WHERE id = ?").bind(old!.id).run();

    const listed = (await json(await adminApi(`/api/v1/admin/imports/releases?region=${NANLING}&year=${YEAR}`, editor))).data;
    expect(listed.find((r: { id: string }) => r.id === old!.id)).toMatchObject({ status: "active", disclosure_rules: 0, out_of_date: true });

    const res = await upload(editor, sample);
    expect(res.status).toBe(201);
    const body = (await json(res)).data;
    expect(body).toMatchObject({ status: "imported", republished: true, replaces_release_id: old!.id, disclosure_rules: DISCLOSURE_RULES_VERSION });
    expect(await releases()).toEqual([
      { ...old!, status: "superseded", disclosure_rules: 0 },
      { id: body.release_id, status: "active", disclosure_gate: "per-metric", disclosure_rules: DISCLOSURE_RULES_VERSION },
    ]);
    const audit = await json(await adminApi(`/api/v1/admin/audit?action=register.import`, admin));
    const entry = audit.data.find((e: { target_id: string }) => e.target_id === body.release_id);
    expect(entry.summary).toMatch(/^Republished the 2019 household register/);
    expect(entry.summary).toContain(`replaces ${old!.id}`);

    const after = (await json(await adminApi(`/api/v1/admin/imports/releases?region=${NANLING}&year=${YEAR}`, editor))).data;
    expect(after.find((r: { id: string }) => r.id === body.release_id)).toMatchObject({ status: "active", out_of_date: false });
  });

  it("republishes a per-metric release once imports run the joint gate, and not again after", async () => {
    const [, current] = await releases();
    useJointGateAtImport(true);
    const res = await upload(editor, sample);
    expect(res.status).toBe(201);
    const body = (await json(res)).data;
    expect(body).toMatchObject({ status: "imported", republished: true, replaces_release_id: current!.id, disclosure_gate: "joint" });
    const again = await upload(editor, sample);
    expect(again.status).toBe(200);
    expect((await json(again)).data).toMatchObject({ status: "unchanged", release_id: body.release_id });
    // Switching the joint gate off again asks for no republish: a joint release is not out of date.
    useJointGateAtImport(false);
    const off = await upload(editor, sample);
    expect(off.status).toBe(200);
    expect((await json(off)).data).toMatchObject({ status: "unchanged", release_id: body.release_id, disclosure_gate: "joint" });
  });
});
