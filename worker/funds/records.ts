/**
 * The records a funds write reads before it decides. Admin writes read them from D1; the
 * demo generator, which replays thousands of writes, keeps them in memory from the
 * after-images each write reports (`PreparedWrite.records`), so it skips a round trip per
 * read but runs every rule and emits the very same statements.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { getRegion } from "../db/queries/regions";
import { disbursements, donationAllocations, donations, fundAllocations, fundProjects, fundProjectSources, regions } from "../db/schema";

export type ProjectRecord = typeof fundProjects.$inferSelect;
export type SourceLineRecord = typeof fundProjectSources.$inferSelect;
export type DonationRecord = typeof donations.$inferSelect;
export type FundAllocationRecord = typeof fundAllocations.$inferSelect;
export type DisbursementRecord = typeof disbursements.$inferSelect;
export type DonationAllocationRecord = typeof donationAllocations.$inferSelect;
export type RegionRecord = typeof regions.$inferSelect;

/** After-images of the rows a write creates or changes. */
export type RecordChange =
  | { kind: "project"; row: ProjectRecord }
  | { kind: "source_line"; row: SourceLineRecord }
  | { kind: "donation"; row: DonationRecord }
  | { kind: "fund_allocation"; row: FundAllocationRecord }
  | { kind: "disbursement"; row: DisbursementRecord }
  | { kind: "donation_allocation"; row: DonationAllocationRecord };

export interface FundsRecords {
  project(id: string): Promise<ProjectRecord | undefined>;
  sourceLine(projectId: string, source: string): Promise<SourceLineRecord | undefined>;
  region(code: string): Promise<RegionRecord | undefined>;
  donation(id: string): Promise<DonationRecord | undefined>;
  fundAllocation(id: string): Promise<FundAllocationRecord | undefined>;
  disbursement(id: string): Promise<DisbursementRecord | undefined>;
  donationAllocation(id: string): Promise<DonationAllocationRecord | undefined>;
  /** True when a reversing row for `id` exists in that table. */
  isReversed(kind: "fund_allocation" | "disbursement" | "donation_allocation", id: string): Promise<boolean>;
}

const first = <T>(rows: T[]) => rows[0];

export function d1Records(db: Db): FundsRecords {
  return {
    project: async (id) => first(await db.select().from(fundProjects).where(eq(fundProjects.id, id)).limit(1)),
    sourceLine: async (projectId, source) =>
      first(await db.select().from(fundProjectSources).where(and(eq(fundProjectSources.projectId, projectId), eq(fundProjectSources.source, source))).limit(1)),
    region: (code) => getRegion(db, code),
    donation: async (id) => first(await db.select().from(donations).where(eq(donations.id, id)).limit(1)),
    fundAllocation: async (id) => first(await db.select().from(fundAllocations).where(eq(fundAllocations.id, id)).limit(1)),
    disbursement: async (id) => first(await db.select().from(disbursements).where(eq(disbursements.id, id)).limit(1)),
    donationAllocation: async (id) => first(await db.select().from(donationAllocations).where(eq(donationAllocations.id, id)).limit(1)),
    isReversed: async (kind, id) => {
      const table = kind === "fund_allocation" ? fundAllocations : kind === "disbursement" ? disbursements : donationAllocations;
      return (await db.select({ id: table.id }).from(table).where(eq(table.reversesId, id)).limit(1)).length > 0;
    },
  };
}

/** Records kept in memory, fed with the after-images of each write (bulk loaders). */
export class MemoryRecords implements FundsRecords {
  private readonly projects = new Map<string, ProjectRecord>();
  private readonly lines = new Map<string, SourceLineRecord>();
  private readonly donations = new Map<string, DonationRecord>();
  private readonly allocations = new Map<string, FundAllocationRecord>();
  private readonly payments = new Map<string, DisbursementRecord>();
  private readonly donationAllocations = new Map<string, DonationAllocationRecord>();
  private readonly reversed = new Set<string>();

  constructor(private readonly regions: Map<string, RegionRecord>) {}

  apply(changes: readonly RecordChange[]): void {
    for (const change of changes) {
      switch (change.kind) {
        case "project":
          this.projects.set(change.row.id, change.row);
          break;
        case "source_line":
          this.lines.set(`${change.row.projectId}:${change.row.source}`, change.row);
          break;
        case "donation":
          this.donations.set(change.row.id, change.row);
          break;
        case "fund_allocation":
          this.allocations.set(change.row.id, change.row);
          if (change.row.reversesId) this.reversed.add(change.row.reversesId);
          break;
        case "disbursement":
          this.payments.set(change.row.id, change.row);
          if (change.row.reversesId) this.reversed.add(change.row.reversesId);
          break;
        case "donation_allocation":
          this.donationAllocations.set(change.row.id, change.row);
          if (change.row.reversesId) this.reversed.add(change.row.reversesId);
          break;
      }
    }
  }

  project = async (id: string) => this.projects.get(id);
  sourceLine = async (projectId: string, source: string) => this.lines.get(`${projectId}:${source}`);
  region = async (code: string) => this.regions.get(code);
  donation = async (id: string) => this.donations.get(id);
  fundAllocation = async (id: string) => this.allocations.get(id);
  disbursement = async (id: string) => this.payments.get(id);
  donationAllocation = async (id: string) => this.donationAllocations.get(id);
  isReversed = async (_kind: string, id: string) => this.reversed.has(id);
}
