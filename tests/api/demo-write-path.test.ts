import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { importSigningKey } from "../../worker/domain/ledger";
import { d1LedgerReader, verifyLedger } from "../../worker/ledger/verify";
import { api, followList } from "../helpers/api";
import { seedNeedsOnce } from "../helpers/needs";

// The demo generator writes through the admin API's write functions with their audit rows
// (actor demo-generator), so a freshly seeded portal has a change feed that lists the demo's
// records, and the ledger vouches for every public money row the demo wrote.

type Change = { seq: string; dataset: string; id: string | null; kind: string; at: string; link: string };

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
  });
});
