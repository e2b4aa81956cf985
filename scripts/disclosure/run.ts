/**
 * The body of `npm run disclosure-check`, as a function: crawl (scripts/disclosure/crawl.ts),
 * the pure checker (release-gate.ts) and the joint attacker (joint-check.ts) over what the
 * crawl read. It prints through `out`/`err` and returns the exit code, so the contract test
 * runs exactly what the command runs, against the Worker's own entry point.
 */
import type { Highs } from "highs";
import { describeViolation, jointAttack } from "../../worker/domain/disclosure/joint-check";
import { checkRelease, type GateOptions, type PublishedOutput } from "../../worker/domain/disclosure/release-gate";
import { crawlPublicOutputs, FULL_CRAWL, type CrawlScope, type Get } from "./crawl";

export interface CheckRun {
  get: Get;
  highs: Highs;
  gate: GateOptions;
  scope?: CrawlScope;
  origin?: string;
  out: (line: string) => void;
  err: (line: string) => void;
  onProgress?: (source: string) => void;
}

/** 0: no violation; 1: violations (listed through `err`). Throws when the portal cannot be read. */
export async function runDisclosureCheck(run: CheckRun): Promise<{ exitCode: number; outputs: PublishedOutput[] }> {
  const started = Date.now();
  const outputs = await crawlPublicOutputs(run.get, run.onProgress, run.scope ?? FULL_CRAWL);
  const bytes = outputs.reduce((sum, o) => sum + o.body.length, 0);
  const violations = checkRelease(outputs, run.gate);
  const pages = outputs.filter((o) => o.format === "html").length;
  run.out(`Checked ${outputs.length} outputs (${pages} HTML pages, ${(bytes / 1024 / 1024).toFixed(1)} MB of text) from ${run.origin ?? "the portal"} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  let exitCode = 0;
  // The joint attacker (issue 16): every county's published figures, all years, as one system.
  const attackStarted = Date.now();
  const joint = jointAttack(run.highs, outputs);
  for (const c of joint.counties) run.out(`  county ${c.county}: ${c.blocks} block(s), ${c.lpSolves} LP solves, ${c.provenByWitness} cells proven by witnesses, ${(c.millis / 1000).toFixed(1)} s`);
  run.out(`Joint attack on ${joint.counties.length} counties in ${((Date.now() - attackStarted) / 1000).toFixed(1)} s.`);
  if (joint.violations.length > 0) {
    run.err(`✖ ${joint.violations.length} figure(s) narrowed by the joint attacker:`);
    for (const v of joint.violations.slice(0, 200)) run.err(`  ${describeViolation(v)}`);
    exitCode = 1;
  }
  if (violations.length === 0) {
    run.out("✔ No rule violation: counts follow R2, no small village is broken down (R3), no health cause below township (R4), no identifier appears (R1).");
  } else {
    run.err(`✖ ${violations.length} violation(s):`);
    for (const v of violations.slice(0, 200)) run.err(`  ${v.rule}  ${v.source}  ${v.where}: ${v.message}`);
    if (violations.length > 200) run.err(`  … and ${violations.length - 200} more`);
    exitCode = 1;
  }
  return { exitCode, outputs };
}
