/**
 * Demo accountability cases for Cili county (source 002): "by the end of October 2018, 393
 * cases of discipline and law violations in the poverty-alleviation field handled, 339
 * people given party or government discipline, 7 sent to judicial organs, 2.76 million yuan
 * recovered, 0.58 million yuan returned to residents". The demo's case records add up to
 * exactly those totals, spread over 2016 – October 2018, each written through the same
 * write function as the admin API (worker/writes/accountability.ts).
 *
 * The officials named in the demo's few "bulletin" cases are invented ("（演示）"), and so
 * are their bulletins (a .invalid address): no real person is named.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { chunk } from "../db/batch";
import { bumpDatasetVersion } from "../db/queries/dataset-versions";
import type { Db } from "../db/client";
import { getRegion } from "../db/queries/regions";
import { newId, type IdPrefix } from "../domain/funds/ids";
import { CASE_PROBLEMS, type CaseOutcome, type CaseProblem } from "../accountability/rules";
import { recordCase, type CaseInput } from "../writes/accountability";
import { DEMO_ACTOR, demoAudit } from "./audit";
import { PLACES } from "./official-figures";
import type { Random } from "./random";

/** Cili's announced figures (source 002). */
export const CILI_ACCOUNTABILITY = { cases: 393, disciplined: 339, referred: 7, recoveredFen: 2_760_000 * 100, returnedFen: 580_000 * 100 } as const;

const NO_CASE = 61;
const pad = (n: number) => String(n).padStart(2, "0");

/** `total` split over `parts` non-negative whole yuan amounts with random weights, summing exactly. */
function split(random: Random, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.2 + random.next() * random.next() * 4);
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum / 100) * 100);
  out[0]! += total - out.reduce((a, b) => a + b, 0);
  return out;
}

export async function seedAccountability(db: Db, random: Random, loadedAt = new Date()): Promise<{ cases: number }> {
  const county = (await getRegion(db, PLACES.cili))!;
  const ids = (prefix: IdPrefix) => newId(prefix, () => Uint8Array.from({ length: 10 }, () => random.int(0, 255)));
  const f = CILI_ACCOUNTABILITY;
  const outcomes: CaseOutcome[] = [
    ...Array<CaseOutcome>(f.referred).fill("referral_to_prosecutors"),
    ...Array<CaseOutcome>(NO_CASE).fill("no_case"),
    ...Array<CaseOutcome>(f.cases - f.referred - NO_CASE).fill("party_government_discipline"),
  ];
  // One person disciplined per disciplinary case, and the rest spread as second persons.
  const disciplined = outcomes.map((o): number => (o === "party_government_discipline" ? 1 : 0));
  let extra = f.disciplined - disciplined.reduce((a, b) => a + b, 0);
  while (extra > 0) {
    const i = random.int(f.referred + NO_CASE, f.cases - 1);
    disciplined[i]! += 1;
    extra--;
  }
  // Money recovered in about two thirds of the cases; returned to residents in a fifth.
  const recovering = outcomes.map((o, i) => (o === "no_case" ? false : i < f.referred || random.next() < 0.66));
  const recoveredParts = split(random, f.recoveredFen, recovering.filter(Boolean).length);
  const returning = recovering.map((r) => r && random.next() < 0.3);
  const returnedParts = split(random, f.returnedFen, returning.filter(Boolean).length);
  let r = 0;
  let t = 0;
  const inputs: CaseInput[] = outcomes.map((outcome, i) => {
    const year = random.pick([2016, 2017, 2017, 2018, 2018, 2018]);
    const closedOn = `${year}-${pad(random.int(1, year === 2018 ? 10 : 12))}-${pad(random.int(1, 28))}`;
    const problem: CaseProblem = outcome === "referral_to_prosecutors" ? random.pick(["embezzlement", "false_claims", "bribery"] as const) : random.pick(CASE_PROBLEMS);
    const named = outcome !== "no_case" && i % 40 === 0;
    return {
      region_code: county.code,
      closed_on: closedOn,
      problem,
      outcome,
      people_disciplined: disciplined[i]!,
      people_referred: outcome === "referral_to_prosecutors" ? 1 : 0,
      recovered_fen: recovering[i] ? recoveredParts[r++]! : 0,
      returned_fen: returning[i] ? returnedParts[t++]! : 0,
      ...(named
        ? {
            official: { position: "某村党支部书记（演示）", name: `王某${i}（演示）` },
            bulletin: { title: `扶贫领域典型问题通报（演示 ${year}-${i}）`, url: `https://bulletins.demo.invalid/cili/${year}/${i}`, date: closedOn },
          }
        : {}),
      demo: true,
    };
  });
  const statements: BatchItem<"sqlite">[] = [];
  for (const input of inputs) {
    // The clock of each write: the day after the case closed (when the office published it).
    const now = new Date(`${input.closed_on}T12:00:00+08:00`);
    now.setUTCDate(now.getUTCDate() + 1);
    const plan = await recordCase({ actor: DEMO_ACTOR, now, db, regions: new Map([[county.code, county]]), newId: ids }, input);
    // The case and its audit row; one version bump at the end rather than one per case.
    statements.push(plan.statements[0]!, ...demoAudit(db, plan.audit, loadedAt));
  }
  statements.push(bumpDatasetVersion(db, "accountability"));
  for (const part of chunk(statements, 200)) await db.batch([part[0]!, ...part.slice(1)]);
  return { cases: inputs.length };
}
