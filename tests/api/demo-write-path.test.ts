import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { importSigningKey } from "../../worker/domain/ledger";
import { d1LedgerReader, verifyLedger } from "../../worker/ledger/verify";
import { isWithin } from "../../worker/domain/region-codes";
import { NATIONAL_SCOPE } from "../../worker/writes/plan";
import { api, followList } from "../helpers/api";
import { seedNeedsOnce } from "../helpers/needs";

// The demo generator writes through the admin API's write functions with their audit rows
// (actor demo-generator), so a freshly seeded portal has a change feed that lists the demo's
// records, and the ledger vouches for every public money row the demo wrote.

type Change = { seq: string; dataset: string; id: string | null; kind: string; at: string; region_code: string | null; link: string };

const follow = async (start: string) => (await followList<Change>(start)).rows;
const count = async (sql: string) => (await env.DB.prepare(sql).first<number>("n"))!;

beforeAll(seedNeedsOnce);

describe("the demo on the one write path", () => {
  it("writes its audit rows as demo-generator, so /changes lists the demo's records", async () => {
    expect(await count("SELECT count(*) AS n FROM audit_log")).toBeGreaterThan(1000);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE actor <> 'demo-generator'")).toBe(0);
    const feed = await follow("/api/v1/changes?limit=1000");
    const per = (dataset: string, kind: string) => feed.filter((c) => c.dataset === dataset && c.kind === kind);
    // One change per record the writes created: projects, donations, needs, cases; one per
    // published source, per register release, per region's contact list.
    expect(per("fund_projects", "created").length).toBe(await count("SELECT count(*) AS n FROM fund_projects"));
    expect(per("donations", "created").length).toBe(await count("SELECT count(*) AS n FROM donations"));
    expect(per("needs", "created").length).toBe(await count("SELECT count(*) AS n FROM needs"));
    // A need that expired or was withdrawn is a change too (it leaves the open board).
    expect(per("needs", "closed").length).toBe(await count("SELECT count(*) AS n FROM needs WHERE status IN ('expired', 'withdrawn')"));
    expect(per("needs", "closed").length).toBeGreaterThan(0);
    expect(per("accountability", "created").length).toBe(await count("SELECT count(*) AS n FROM accountability_cases"));
    expect(per("official_figures", "published").length).toBe(await count("SELECT count(*) AS n FROM sources"));
    expect(per("register_statistics", "replaced").length).toBe(await count("SELECT count(*) AS n FROM register_releases"));
    expect(per("contacts", "replaced").length).toBe(await count("SELECT count(DISTINCT region_code) AS n FROM office_contacts"));
    expect(per("ledger", "reversed").length).toBeGreaterThan(0);
    // A cancellation is its own kind, one per cancelled project.
    expect(per("fund_projects", "cancelled").length).toBe(await count("SELECT count(*) AS n FROM fund_projects WHERE status = 'cancelled'"));
    expect(per("fund_projects", "cancelled").length).toBeGreaterThan(0);
    // The feed is in commit order, and its links answer (one of each kind).
    const seq = (s: string) => s.split(".").map(Number);
    for (let i = 1; i < feed.length; i++) expect(seq(feed[i - 1]!.seq)[0]! <= seq(feed[i]!.seq)[0]!).toBe(true);
    const kinds = new Map(feed.map((c) => [`${c.dataset}/${c.kind}`, c]));
    for (const change of kinds.values()) expect((await api(change.link)).status, change.link).toBe(200);
  });

  it("every public row the demo wrote has its audit row and change entry: regions, village statuses, notices", async () => {
    const feed = await follow("/api/v1/changes?limit=1000");
    const rows = async <T>(sql: string) => (await env.DB.prepare(sql).all<T>()).results;
    // Regions and village statuses are loaded in batches: each change names the lowest region
    // covering its batch, and every region / village is inside one of them.
    const covered = (dataset: string, code: string) => feed.some((c) => c.dataset === dataset && c.kind === "updated" && c.region_code !== null && (c.region_code === NATIONAL_SCOPE || isWithin(code, c.region_code)));
    const regions = await rows<{ code: string }>("SELECT code FROM regions");
    expect(regions.length).toBeGreaterThan(400);
    expect(regions.filter((r) => !covered("regions", r.code))).toEqual([]);
    const villages = await rows<{ village_code: string }>("SELECT village_code FROM village_status");
    expect(villages.length).toBe(356);
    expect(villages.filter((v) => !covered("villages", v.village_code))).toEqual([]);
    // Every notice but the drafts: published, and closed, announced or superseded as its status says.
    const notices = await rows<{ id: string; status: string; closed_at: string | null }>("SELECT id, status, closed_at FROM notices");
    expect(notices.filter((n) => n.status !== "draft").length).toBe(12);
    const changed = (id: string, kind: string) => feed.some((c) => c.dataset === "notices" && c.id === id && c.kind === kind);
    for (const n of notices) {
      expect(changed(n.id, "published"), `${n.id} published`).toBe(n.status !== "draft");
      expect(changed(n.id, "closed"), `${n.id} closed`).toBe(n.closed_at !== null);
      expect(changed(n.id, "announced"), `${n.id} announced`).toBe(n.status === "announced");
      expect(changed(n.id, "superseded"), `${n.id} superseded`).toBe(n.status === "superseded");
    }
    // Drafts and objections are in the audit log (as the write functions record them), not in the feed.
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'notice.create'")).toBe(notices.length);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'objection.%'")).toBe(await count("SELECT count(*) AS n FROM objections WHERE status <> 'received'"));
    // A poll from any change's time lists that change (changes/feed.ts: firstIdSinceQuery).
    for (const c of [feed[0]!, feed[Math.floor(feed.length / 2)]!, feed.at(-1)!]) {
      const { rows: since } = await followList<Change>(`/api/v1/changes?since=${encodeURIComponent(c.at)}&limit=1000`);
      expect(since.map((r) => r.seq)).toContain(c.seq);
    }
  });

  it("every public money row the demo wrote is vouched for by the ledger (ledger:verify)", async () => {
    const key = await importSigningKey(env.LEDGER_SIGNING_KEY);
    const report = await verifyLedger(d1LedgerReader(env.DB), { publicKey: key.publicKey, keyId: key.keyId });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // Every entry has its public row, and every money row its entry.
    expect(report.rows).toBe(report.entries);
    const moneyRows = await count(
      `SELECT (SELECT count(*) FROM fund_project_sources) + (SELECT count(*) FROM fund_allocations) + (SELECT count(*) FROM disbursements)
        + (SELECT count(*) FROM donations) + (SELECT count(*) FROM donation_reversals) + (SELECT count(*) FROM donation_allocations)
        + (SELECT count(*) FROM need_pledges) + (SELECT count(*) FROM need_deliveries) AS n`,
    );
    expect(report.rows).toBeGreaterThanOrEqual(moneyRows);
    // Every published notice's fingerprint is in the ledger: opened, superseded, announced, each
    // entry naming the notice (the verifier recomputes the fingerprints from the rows).
    const unledgered = await count(
      `SELECT count(*) AS n FROM notices n WHERE n.status <> 'draft' AND (
         NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.idx = n.ledger_index AND e.subject_id = n.id AND e.type = 'notice_opened')
         OR (n.status = 'superseded' AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.idx = n.superseded_ledger_index AND e.subject_id = n.id AND e.type = 'notice_superseded'))
         OR (n.status = 'announced' AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.idx = n.announced_ledger_index AND e.subject_id = n.id AND e.type = 'notice_announced')))`,
    );
    expect(unledgered).toBe(0);
    expect(await count("SELECT count(*) AS n FROM ledger_entries WHERE type LIKE 'notice_%'")).toBe(12 + 1 + 3);
    // The ledger's rows say they record demo data (issue 13: honest labels): notices, pledges, money.
    for (const type of ["notice_opened", "notice_announced", "need_pledge", "need_delivery", "donation", "project_budget"]) {
      const { rows: entries } = await followList<{ provenance: { demo: boolean } }>(`/api/v1/ledger/entries?type=${type}&limit=1000`);
      expect(entries.length, type).toBeGreaterThan(0);
      expect(entries.every((e) => e.provenance.demo), type).toBe(true);
    }
  });
});
