/**
 * Accountability disclosures (纪检监察 扶贫领域 问责): the fixed vocabularies of a case record
 * and the rules a record must keep. Pure.
 */
export const CASE_PROBLEMS = ["embezzlement", "false_claims", "identification_favouritism", "fund_misuse", "bribery", "dereliction", "work_style", "other"] as const;
export type CaseProblem = (typeof CASE_PROBLEMS)[number];

export const CASE_OUTCOMES = ["party_government_discipline", "referral_to_prosecutors", "no_case"] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** Chinese labels, for the site and the zh-CN exports. */
export const PROBLEM_ZH: Record<CaseProblem, string> = {
  embezzlement: "贪污侵占",
  false_claims: "虚报冒领",
  identification_favouritism: "优亲厚友、识别不精准",
  fund_misuse: "挪用扶贫资金",
  bribery: "吃拿卡要、索贿受贿",
  dereliction: "不作为、乱作为",
  work_style: "形式主义、官僚主义等作风问题",
  other: "其他",
};
export const OUTCOME_ZH: Record<CaseOutcome, string> = {
  party_government_discipline: "党纪政纪处分",
  referral_to_prosecutors: "移送司法机关",
  no_case: "不予立案",
};

/**
 * Null when the counts agree with the outcome, else the field and why (the same rules as
 * the table's CHECKs, so a refusal names the field instead of failing in the database).
 */
export function outcomeProblem(outcome: CaseOutcome, disciplined: number, referred: number): { path: string; message: string } | null {
  if (outcome === "referral_to_prosecutors" && referred === 0) return { path: "body.people_referred", message: "a referral to prosecutors refers at least one person" };
  if (outcome !== "referral_to_prosecutors" && referred > 0) return { path: "body.people_referred", message: "only an outcome of referral_to_prosecutors refers people" };
  if (outcome === "party_government_discipline" && disciplined === 0) return { path: "body.people_disciplined", message: "party or government discipline disciplines at least one person" };
  if (outcome === "no_case" && disciplined > 0) return { path: "body.people_disciplined", message: "no_case disciplines nobody" };
  return null;
}
