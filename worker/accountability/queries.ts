/**
 * SQL for the public side of accountability cases. The column that links a case to the
 * report that started it is selected only by `caseForReport`, which the reporter's own
 * receipt lookup calls; no public list or export ever selects it.
 */
import { and, asc, between, count, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { changedSince, type ChangeCursor } from "../changes/updated-since";
import { accountabilityCases as cases, regions } from "../db/schema";
import { descendantRange } from "../domain/region-codes";
import { keysetAfter, keysetOrder } from "../lib/sorting";
import type { CaseOutcome, CaseProblem } from "./rules";

export interface CaseFilters {
  region?: string;
  year?: number;
  problem?: CaseProblem;
  outcome?: CaseOutcome;
}

function where(f: CaseFilters): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.region) {
    const { min, max } = descendantRange(f.region);
    parts.push(between(cases.regionCode, min, max));
  }
  if (f.year !== undefined) parts.push(between(cases.closedOn, `${f.year}-01-01`, `${f.year}-12-31`));
  if (f.problem) parts.push(eq(cases.problem, f.problem));
  if (f.outcome) parts.push(eq(cases.outcome, f.outcome));
  return and(...parts);
}

const place = alias(regions, "place");

const publicColumns = {
  id: cases.id,
  regionCode: cases.regionCode,
  regionLevel: place.level,
  regionNameZh: place.nameZh,
  regionNameEn: place.nameEn,
  countyCode: cases.countyCode,
  closedOn: cases.closedOn,
  year: cases.year,
  problem: cases.problem,
  outcome: cases.outcome,
  peopleDisciplined: cases.peopleDisciplined,
  peopleReferred: cases.peopleReferred,
  recoveredFen: cases.recoveredFen,
  returnedFen: cases.returnedFen,
  officialPosition: cases.officialPosition,
  officialName: cases.officialName,
  bulletinTitle: cases.bulletinTitle,
  bulletinUrl: cases.bulletinUrl,
  bulletinDate: cases.bulletinDate,
  isDemo: cases.isDemo,
  recordedAt: cases.recordedAt,
};

const publicCases = (db: Db) => db.select(publicColumns).from(cases).innerJoin(place, eq(place.code, cases.regionCode));

export type CaseRow = Awaited<ReturnType<typeof getCase>> & object;
export type CaseKey = [string, string];

export function listCases(db: Db, f: CaseFilters, after: CaseKey | undefined, limit: number) {
  return publicCases(db)
    .where(and(where(f), after ? keysetAfter(cases.closedOn, cases.id, false, after) : undefined))
    .orderBy(asc(cases.closedOn), asc(cases.id))
    .limit(limit);
}

/**
 * The console's list: a staff member's scope, newest closed first (what the office entered
 * last), keyset-paged on (date closed, id) in that order. The same public columns: the
 * report link stays out of lists, the console's included.
 */
export function staffCasesQuery(db: Db, scope: string | undefined, after: CaseKey | undefined, limit: number) {
  return publicCases(db)
    .where(and(where({ region: scope }), after ? keysetAfter(cases.closedOn, cases.id, true, after) : undefined))
    .orderBy(...keysetOrder(cases.closedOn, cases.id, true))
    .limit(limit);
}

/**
 * Cases recorded at or after `since`, in change order (`updated_since=`; index
 * accountability_cases_recorded). A case is written once, so recorded_at is its change time.
 */
export function changedCasesQuery(db: Db, f: CaseFilters, since: string, after: ChangeCursor | undefined, limit: number) {
  const changed = changedSince(cases.recordedAt, cases.id, since, after);
  return publicCases(db)
    .where(and(where(f), ...changed.where))
    .orderBy(...changed.orderBy)
    .limit(limit);
}

export async function getCase(db: Db, id: string) {
  return (await publicCases(db).where(eq(cases.id, id)).limit(1))[0];
}

/** For the reporter's receipt page only: whether a case cites the report, and its outcome. */
export async function caseForReport(db: Db, reportId: string): Promise<{ outcome: CaseOutcome } | undefined> {
  return (await db.select({ outcome: cases.outcome }).from(cases).where(eq(cases.reportId, reportId)).limit(1))[0];
}

/** Totals per county and year (closed), and per problem and outcome within them. */
export async function caseStatistics(db: Db, f: { region?: string; year?: number }) {
  const w = where(f);
  const county = alias(regions, "county");
  const sums = {
    cases: count(),
    disciplined: sql<number>`sum(${cases.peopleDisciplined})`,
    referred: sql<number>`sum(${cases.peopleReferred})`,
    recovered: sql<number>`sum(${cases.recoveredFen})`,
    returned: sql<number>`sum(${cases.returnedFen})`,
  };
  const [byCountyYear, byProblem, byOutcome] = await db.batch([
    db
      .select({ county: cases.countyCode, nameZh: county.nameZh, nameEn: county.nameEn, year: cases.year, ...sums })
      .from(cases)
      .leftJoin(county, eq(county.code, cases.countyCode))
      .where(w)
      .groupBy(cases.countyCode, cases.year)
      .orderBy(cases.countyCode, cases.year),
    db.select({ county: cases.countyCode, year: cases.year, key: cases.problem, n: count() }).from(cases).where(w).groupBy(cases.countyCode, cases.year, cases.problem),
    db.select({ county: cases.countyCode, year: cases.year, key: cases.outcome, n: count() }).from(cases).where(w).groupBy(cases.countyCode, cases.year, cases.outcome),
  ]);
  return { byCountyYear, byProblem, byOutcome };
}
