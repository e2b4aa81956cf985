/**
 * Accountability case records published by the discipline-inspection office. A record is
 * written once (a correction is a new record); it may cite the citizen report that started
 * the case, which only that reporter's receipt page ever reflects (see routes/reports).
 */
import { eq } from "drizzle-orm";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import { getRegion } from "../db/queries/regions";
import { accountabilityCases, reports } from "../db/schema";
import { isCalendarDate, isFutureDate } from "../domain/funds/dates";
import { newId } from "../domain/funds/ids";
import { ancestorCode, isWithin } from "../domain/region-codes";
import { outcomeProblem, type CaseOutcome, type CaseProblem } from "../accountability/rules";
import type { RegionRecord } from "./funds-context";
import { invalid, requireRole, requireScope, WriteRefusal, type WriteContext, type WritePlan } from "./plan";

export type CaseRecord = typeof accountabilityCases.$inferSelect;

export interface CaseInput {
  region_code: string;
  closed_on: string;
  problem: CaseProblem;
  outcome: CaseOutcome;
  people_disciplined: number;
  people_referred: number;
  recovered_fen: number;
  returned_fen: number;
  official?: { position: string; name?: string };
  bulletin?: { title: string; url: string; date: string };
  report_id?: string;
  demo?: boolean;
}

export interface CaseContext extends WriteContext {
  /** Regions known in memory (the demo generator); D1 otherwise. */
  regions?: Map<string, RegionRecord>;
  newId?: typeof newId;
}

const LEVELS = new Set(["county", "township", "village"]);

export async function recordCase(ctx: CaseContext, input: CaseInput): Promise<WritePlan & { record: CaseRecord }> {
  requireRole(ctx.actor, "editor");
  const { db, now } = ctx;
  const region = ctx.regions?.get(input.region_code) ?? (await getRegion(db, input.region_code));
  if (!region) throw new WriteRefusal("not_found", "region_not_found", `No region has the code ${input.region_code}.`, [{ path: "body.region_code", message: "unknown region code" }]);
  if (!LEVELS.has(region.level)) throw invalid([{ path: "body.region_code", message: `must be a county, township or village (this is a ${region.level})` }]);
  requireScope(ctx.actor, region.code, "body.region_code");
  if (!isCalendarDate(input.closed_on)) throw invalid([{ path: "body.closed_on", message: "must be a real date (YYYY-MM-DD)" }]);
  if (isFutureDate(input.closed_on, now)) throw invalid([{ path: "body.closed_on", message: "must not be in the future (Asia/Shanghai)" }]);
  const counts = outcomeProblem(input.outcome, input.people_disciplined, input.people_referred);
  if (counts) throw new WriteRefusal("unprocessable", "outcome_mismatch", `The counts do not agree with the outcome ${input.outcome}: ${counts.message}.`, [counts]);
  if (input.official && !input.bulletin) {
    throw invalid([{ path: "body.bulletin", message: "an official is named only as the office's public bulletin names them: give the bulletin" }]);
  }
  if (input.bulletin && !isCalendarDate(input.bulletin.date)) throw invalid([{ path: "body.bulletin.date", message: "must be a real date (YYYY-MM-DD)" }]);
  // A name is published only as a bulletin already published it: one dated ahead is not yet public.
  if (input.bulletin && isFutureDate(input.bulletin.date, now)) throw invalid([{ path: "body.bulletin.date", message: "must not be in the future (Asia/Shanghai)" }]);
  const countyCode = ancestorCode(region.code, "county");
  if (input.report_id) {
    const report = (await db.select({ id: reports.id, regionCode: reports.regionCode }).from(reports).where(eq(reports.id, input.report_id)).limit(1))[0];
    if (!report) throw new WriteRefusal("not_found", "not_found", `Report ${JSON.stringify(input.report_id)} does not exist.`, [{ path: "body.report_id", message: "unknown report" }]);
    requireScope(ctx.actor, report.regionCode, "body.report_id");
    if (!isWithin(report.regionCode, countyCode) && !isWithin(countyCode, report.regionCode)) {
      throw new WriteRefusal("unprocessable", "report_elsewhere", `Report ${report.id} is about another place than this case's county.`, [{ path: "body.report_id", message: "the report is about another county" }]);
    }
  }
  const record: CaseRecord = {
    id: (ctx.newId ?? newId)("acc"),
    regionCode: region.code,
    countyCode,
    closedOn: input.closed_on,
    year: Number(input.closed_on.slice(0, 4)),
    problem: input.problem,
    outcome: input.outcome,
    peopleDisciplined: input.people_disciplined,
    peopleReferred: input.people_referred,
    recoveredFen: input.recovered_fen,
    returnedFen: input.returned_fen,
    officialPosition: input.official?.position ?? null,
    officialName: input.official?.name ?? null,
    bulletinTitle: input.bulletin?.title ?? null,
    bulletinUrl: input.bulletin?.url ?? null,
    bulletinDate: input.bulletin?.date ?? null,
    reportId: input.report_id ?? null,
    isDemo: input.demo ?? false,
    recordedAt: now.toISOString(),
  };
  const cited = new WriteRefusal("conflict", "report_already_cited", `Report ${input.report_id} is already cited by another case.`, [{ path: "body.report_id", message: "already cited by a case" }]);
  return {
    body: { data: { id: record.id, county_code: countyCode, year: record.year } },
    record,
    // Only the accountability dataset: citing a report changes no public output of the reports
    // (the reporter's receipt lookup is never cached), and a bump of the reports dataset, whose
    // version is in clear in their ETags, would publish that this case came from a report.
    statements: [db.insert(accountabilityCases).values(record), bumpDatasetVersion(db, "accountability", now)],
    conflict: cited,
    raced: [{ constraint: "accountability_cases.report_id", refusal: cited }],
    audit: {
      action: "accountability.record",
      targetType: "accountability_case",
      targetId: record.id,
      regionCode: region.code,
      summary: `Recorded case ${record.id} (${input.problem} → ${input.outcome}, closed ${input.closed_on})${input.report_id ? `, citing report ${input.report_id}` : ""}`,
    },
  };
}
