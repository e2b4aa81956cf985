import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { WUHU_DONATIONS_FEN } from "../../worker/demo/funds";
import { api, json } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";
import { headSignatureValid, inclusionRoot, leafHashHex } from "../helpers/rfc6962";

beforeAll(seedFundsOnce, 120_000);

const expectError = async (res: Response, status: number, code: string, path?: string) => {
  expect(res.status).toBe(status);
  const body = await json(res);
  expect(body.error.code).toBe(code);
  if (path) expect(body.error.details.map((d: { path: string }) => d.path)).toContain(path);
};

describe("GET /api/v1/donations", () => {
  it("streams every donation as NDJSON, adding up to Wuhu's 40.23 million yuan", async () => {
    const text = await (await api("/api/v1/donations?format=ndjson")).text();
    const rows = text.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(rows.reduce((s, d) => s + d.amount_fen, 0)).toBe(WUHU_DONATIONS_FEN);
    const sorted = [...rows].sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1));
    expect(rows.map((d) => d.id)).toEqual(sorted.map((d) => d.id));
    for (const d of rows) {
      expect(d.allocated_fen + d.unallocated_fen).toBe(d.reversed ? d.allocated_fen : d.amount_fen);
      if (!d.donor.named) expect(d.donor.name).toBeNull();
    }
  });

  it("filters by target, region and date range", async () => {
    const region = await json(await api("/api/v1/donations?region=340223000000&limit=1000"));
    expect(region.data.length).toBeGreaterThan(0);
    expect(region.data.every((d: any) => d.region_code.startsWith("340223"))).toBe(true);
    const general = await json(await api("/api/v1/donations?target=general&from=2018-01-01&to=2018-06-30&limit=1000"));
    expect(general.data.length).toBeGreaterThan(0);
    expect(general.data.every((d: any) => d.target.type === "general" && d.date >= "2018-01-01" && d.date <= "2018-06-30")).toBe(true);
    const project = await json(await api("/api/v1/donations?target=project&limit=1"));
    const byProject = await json(await api(`/api/v1/donations?project=${project.data[0].target.project_id}&limit=1000`));
    expect(byProject.data.every((d: any) => d.target.project_id === project.data[0].target.project_id)).toBe(true);
  });

  it("exports CSV, anonymous donors shown as such", async () => {
    const csv = await (await api("/api/v1/donations?format=csv&limit=50")).text();
    expect(csv.split("\r\n")[0]).toBe(
      "id,date,amount_fen,channel,donor_named,donor_name,target_type,target_region_code,target_project_id,region_code,allocated_fen,unallocated_fen,reversed,reversed_at,ledger_index,recorded_at,updated_at,demo,provenance_kind,provenance_demo,provenance_basis",
    );
    // An anonymous donor: donor_named false and an empty name, as in the JSON (null).
    expect(csv).toMatch(/\r\ndon_[0-9a-z]+,[^,]+,\d+,[a-z_]+,false,,/);
  });

  it("refuses bad filters", async () => {
    await expectError(await api("/api/v1/donations?target=everyone"), 400, "invalid_request", "query.target");
    await expectError(await api("/api/v1/donations?from=2018-13"), 400, "invalid_request", "query.from");
    await expectError(await api("/api/v1/donations?from=2018-06-01&to=2018-01-01"), 400, "invalid_request", "query.to");
    await expectError(await api("/api/v1/donations?project=x"), 400, "invalid_request", "query.project");
    await expectError(await api("/api/v1/donations?region=340223999000"), 404, "region_not_found", "query.region");
    await expectError(await api("/api/v1/donations?donor=me"), 400, "invalid_request");
  });
});

describe("GET /api/v1/donations/{id}", () => {
  it("lets a donor verify every entry of the gift against the signed head with an independent RFC 6962 implementation", async () => {
    const row = await env.DB.prepare("SELECT donation_id AS id FROM donation_allocations WHERE project_id IS NOT NULL GROUP BY donation_id HAVING count(*) >= 2 LIMIT 1").first<{ id: string }>();
    const res = await api(`/api/v1/donations/${row!.id}`);
    expect(res.status).toBe(200);
    const d = (await json(res)).data;
    expect(d.allocations.length).toBeGreaterThanOrEqual(2);
    expect(d.allocations.reduce((s: number, a: any) => s + a.amount_fen, 0)).toBe(d.allocated_fen);
    expect(d.projects.length).toBeGreaterThan(0);
    for (const p of d.projects) expect(p.disbursements.reduce((s: number, x: any) => s + x.amount_fen, 0)).toBe(p.disbursed_fen);

    const key = (await json(await api("/api/v1/ledger/key"))).data;
    const head = (await json(await api("/api/v1/ledger/head"))).data;
    expect(d.ledger.tree_head).toEqual(head);
    expect(headSignatureValid(head, key.public_key)).toBe(true);
    expect(d.ledger.entries).toHaveLength(1 + d.allocations.length);
    for (const entry of d.ledger.entries) {
      expect(leafHashHex(entry.leaf)).toBe(entry.leaf_hash);
      expect(inclusionRoot(entry.leaf_hash, entry.index, head.tree_size, entry.audit_path)).toBe(head.root_hash);
    }
    const own = JSON.parse(d.ledger.entries[0].leaf);
    expect(own).toMatchObject({ type: "donation", id: d.id, amount_fen: d.amount_fen, date: d.date, channel: d.channel });
  });

  it("shows a reversed allocation and its reversing entry", async () => {
    const row = await env.DB.prepare("SELECT donation_id AS id FROM donation_allocations WHERE reverses_id IS NOT NULL LIMIT 1").first<{ id: string }>();
    const d = (await json(await api(`/api/v1/donations/${row!.id}`))).data;
    const reversal = d.allocations.find((a: any) => a.reverses);
    expect(reversal.amount_fen).toBeLessThan(0);
    expect(d.ledger.entries.map((e: any) => e.type)).toContain("donation_allocation_reversal");
  });

  it("answers 404 for an unknown receipt id and 400 for a malformed one", async () => {
    await expectError(await api("/api/v1/donations/don_0000000000000000"), 404, "not_found");
    await expectError(await api("/api/v1/donations/12345"), 400, "invalid_request", "param.id");
  });
});
