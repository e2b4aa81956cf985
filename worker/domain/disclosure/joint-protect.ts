/**
 * The release gate's joint check and complementary suppression (privacy.md): the figures of
 * a county's release are attacked with the joint model (joint-model.ts), first by interval
 * propagation (cheap, sound) and then by the exact LP attacker (exact-attacker.ts); while a
 * protected count is narrowed below its rule, a published figure of this release that pins
 * it is withheld, and the county is attacked again. Withholding only ever widens what the
 * attacker can conclude, so a cell once proven safe stays safe and only the exposed cells
 * (and the newly withheld ones) are attacked again.
 *
 * Large counties are decomposed: the county with its townships is one block, each township
 * with its villages another. Township figures are shared: interval propagation runs over
 * all blocks in turn until the shared bounds stop moving, so what the county's sums say
 * about a township reaches its villages (and back) at interval strength; the LP is exact
 * within each block.
 */
import type { Highs } from "highs";
import { CAUSE_CODES, METRIC_CODES, type Metric, type StatisticsLevel } from "./categories";
import { attackBlock, columnRows, type AttackFinding } from "./exact-attacker";
import { BlockModel, countyBlocks, MODEL_CATEGORIES, newReasons, propagateRows, protectionOf, rangeMeets, rowKey, type Reasons, type CellRef, type ModelRegion, type YearFigures } from "./joint-model";
import type { PublishedCount } from "./rounding";

/** Counties with more regions than this are decomposed by township. */
export const MAX_REGIONS_PER_BLOCK = 400;
const MAX_ROUNDS = 200;
const DEBUG: ((line: string) => void) | undefined = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.JOINT_DEBUG ? (line) => console.error(line) : undefined;
const WITHHELD: PublishedCount = { value: null, disclosure: "withheld" };

export interface JointViolation {
  cell: CellRef;
  /** Feasible whole values the attacker can prove. */
  lo: number;
  hi: number;
  rule: string;
  /** Published figures in the rows that pin it (the attacker's evidence). */
  evidence: { cell: CellRef; figure: PublishedCount | undefined }[];
  by: "intervals" | "lp";
}

export interface JointReport {
  withheld: number;
  /** Violations left when nothing more of this release could be withheld (a bug if any at import). */
  unresolved: JointViolation[];
  rounds: number;
  lpSolves: number;
  provenByWitness: number;
  blocks: number;
  yearsLinked: boolean;
  millis: number;
}

/**
 * Where a county's protection stands between two invocations (the console import's gate steps,
 * worker/import/steps.ts): everything `protectByTownship` carries from one block to the next,
 * as plain JSON. Resuming from it continues exactly where it paused: the same blocks in the
 * same order see the same withheld figures and proofs, so the result equals one uninterrupted
 * run (tests/domain/disclosure-gate-steps.test.ts).
 */
export interface JointProgress {
  /** The pass over the blocks (township blocks, then the county block) and the next block in it. */
  pass: number;
  block: number;
  /** Figures of the current release withheld so far: `rowKey|metric`. */
  withheld: string[];
  /** Counts deferred from a township block to the county block (cellId). */
  deferred: string[];
  /** Per block (townships in order, then the county), the counts proven (cellId). */
  proven: string[][];
  stats: { withheld: number; lpSolves: number; provenByWitness: number; rounds: number };
  unresolved: JointViolation[];
  millis: number;
}

/**
 * How much one invocation may do: it pauses before the next block once `worked` (blocks that
 * built a model and attacked it, counted across counties) reaches `blocks`. Only a count of
 * blocks, not a clock: workerd's clock stands still while code computes.
 */
export interface GateBudget {
  blocks: number;
  worked: number;
}

/**
 * Withholds figures recorded as `rowKey|metric` (JointProgress.withheld) in a release's rows:
 * how a resumed gate, or a county an earlier invocation finished, gets its suppressions back.
 */
export function applyWithheldFigures(rows: YearFigures["rows"], figures: readonly string[]): void {
  for (const figure of figures) {
    const at = figure.lastIndexOf("|");
    rows.get(figure.slice(0, at))![METRIC_CODES.indexOf(figure.slice(at + 1) as Metric)] = WITHHELD;
  }
}

export function describeRule(f: { protection: { minValues: number; mustAllowZero: boolean } }): string {
  return f.protection.mustAllowZero ? "a health count below township must keep 0 possible and ≥ 5 values" : f.protection.minValues === 2 ? "a rounded figure must keep ≥ 2 values" : "a banded, withheld or unpublished count must keep ≥ 5 values";
}

/**
 * Attacks (`protect: false`: disclosure-check, tests) or protects (`protect: true`: import)
 * one county.
 *
 * Protecting knows the true counts of the release (and of the previous year, rebuilt from
 * the same file), and decomposes the county by township with the county margins fixed:
 * block T holds the county, township T and T's villages, and the county's count is
 * pinned to (the other townships' true counts) + T's. That is a restriction of the
 * attacker's system — every feasible point of the block, with the other townships at
 * their true counts, is a feasible point of the whole county — so a range the block
 * proves wide enough is at least as wide for the real attacker: sound, and conservative
 * (the block may withhold a little more than the whole county would need). Blocks are
 * independent (withholding only widens the feasible set), so each is settled on its own.
 * A block is attacked by intervals (cheap: what they prove narrow is narrow), then the
 * true counts serve as a witness (a count that is 0 keeps 0 possible), and only the
 * counts left get LP solves, within a fixed budget.
 *
 * Attacking without the truth (a running portal's output) uses the whole county as one
 * block up to `maxRegionsPerBlock` regions; above that the county with its townships and
 * each township with its villages are separate blocks whose shared township bounds are
 * exchanged by interval propagation (a relaxation: what it finds is real, it may miss
 * what only the whole county's LP would find — said in the report's `blocks`).
 */
export function protectCountyJointly(
  highs: Highs,
  county: string,
  townships: ReadonlyMap<string, readonly string[]>,
  years: readonly YearFigures[],
  currentYear: number,
  options: {
    protect: boolean;
    maxRegionsPerBlock?: number;
    maxSolvesPerBlock?: number;
    proven?: ReadonlySet<string>;
    exactCounty?: boolean;
    /** Protection only: continue from where an earlier invocation paused. */
    resume?: JointProgress;
    /** Protection only: when it is spent, the report carries `paused` instead of finishing. */
    budget?: GateBudget;
  },
): JointReport & { paused?: JointProgress; withheldFigures?: string[] } {
  return options.protect
    ? protectByTownship(highs, county, townships, years, currentYear, options.maxSolvesPerBlock ?? MAX_SOLVES_PER_BLOCK, options.proven ?? new Set(), options.exactCounty ?? false, options.resume, options.budget)
    : attackCounty(highs, county, townships, years, options.maxRegionsPerBlock ?? MAX_REGIONS_PER_BLOCK);
}

/**
 * Linked township blocks of at least this many columns withhold next to a count no restriction
 * proves instead of running their whole LP at once (demo Nanling 2017: 5,684–10,556 columns,
 * 5–20 s per solve under load; the test registers' blocks: 2,000–3,300, well under a second).
 */
export const LINKED_LP_COLUMNS = 4000;

/** LP solves one township block may spend per round before the import gives up on it. */
export const MAX_SOLVES_PER_BLOCK = 4000;

function protectByTownship(
  highs: Highs,
  county: string,
  townships: ReadonlyMap<string, readonly string[]>,
  years: readonly YearFigures[],
  currentYear: number,
  maxSolves: number,
  provenByWitness: ReadonlySet<string>,
  exactCounty: boolean,
  resume?: JointProgress,
  budget?: GateBudget,
): JointReport & { paused?: JointProgress; withheldFigures: string[] } {
  const started = Date.now() - (resume?.millis ?? 0);
  const cpuStarted = cpuMillis();
  // Only years whose true counts are known can be decomposed with fixed margins.
  const sorted = [...years].filter((y) => y.truth).sort((a, b) => a.year - b.year);
  const current = sorted.find((y) => y.year === currentYear);
  if (!current) throw new Error(`the release of ${currentYear} has no true counts to protect`);
  const linkYears = sorted.length > 1;
  const truthOf = (year: number, key: string, m: number) => sorted.find((y) => y.year === year)!.truth!.get(key)?.[m] ?? 0;
  const stats = resume ? { ...resume.stats } : { withheld: 0, lpSolves: 0, provenByWitness: 0, rounds: 0 };
  const unresolved: JointViolation[] = resume ? [...resume.unresolved] : [];
  /** Counts a township block found narrow but could withhold nothing for: the county block attacks them without the restriction. */
  const deferred = new Set<string>(resume?.deferred);
  /** This release's figures withheld so far (`rowKey|metric`), kept for a pause. */
  const withheldFigures: string[] = [...(resume?.withheld ?? [])];
  applyWithheldFigures(current.rows, withheldFigures);
  const withhold = (key: string, metric: Metric) => {
    current.rows.get(key)![METRIC_CODES.indexOf(metric)] = WITHHELD;
    withheldFigures.push(`${key}|${metric}`);
  };
  const townshipBlocks = [...townships.keys()].sort().map((township) => ({
    name: `township ${township}`,
    regions: [
      {
        level: "county",
        code: county,
        parent: -1,
        rest: (year: number, key: string, m: number) => truthOf(year, key, m) - truthOf(year, key.replace(`county|${county}|`, `township|${township}|`), m),
      },
      { level: "township", code: township, parent: 0 },
      ...townships.get(township)!.map((v): ModelRegion => ({ level: "village", code: v, parent: 1 })),
    ] as ModelRegion[],
    // In a township block the county's count moves only with this township's (the others
    // are pinned to the truth): its range there says nothing about the county's own.
    checks: (c: CellRef) => c.level !== "county" && !deferred.has(cellId(c)),
    owns: (level: StatisticsLevel, region: string) => level !== "county" && region.startsWith(township.slice(0, 9)),
    // Counts proven by witness registers (witnesses.ts) need no model: real registers that
    // reproduce every published figure show their values possible to any attacker.
    proven: new Set<string>(provenByWitness),
  }));
  // The county's own counts: the whole county as one block, checked only for them.
  const countyBlock = {
    name: `county ${county}`,
    regions: countyBlocks(county, townships, Infinity)[0]!,
    checks: (c: CellRef) => c.level === "county" || deferred.has(cellId(c)),
    owns: (level: StatisticsLevel, _region: string): boolean => level === "county",
    proven: new Set<string>(provenByWitness),
  };
  /** Whether a block still has a protected count (true value above 0) that nothing has proven: if not, no model is built. */
  const open = (block: (typeof townshipBlocks)[number]): boolean => {
    for (const year of sorted) {
      for (const [key, truth] of year.truth!) {
        const [level, region, breakdown, category] = key.split("|") as [StatisticsLevel, string, string, string];
        const own = block.owns(level, region);
        if (!own && (block !== countyBlock || deferred.size === 0)) continue;
        const figures = year.rows.get(key);
        for (let m = 0; m < truth.length; m++) {
          const id = `${year.year}|${key}|${METRIC_CODES[m]}`;
          if (!own && !deferred.has(id)) continue;
          if (truth[m]! <= 0 || !protectionOf(figures?.[m], level, breakdown, category, truth[m])) continue;
          if (!block.proven.has(id)) return true;
        }
      }
    }
    return false;
  };

  /** Attacks one block and withholds until its checked cells hold; returns the figures it withheld. */
  const settle = (block: (typeof townshipBlocks)[number]): number => {
    const repeats = new Map<string, number>();
    let withheldHere = 0;
    for (let round = 1; ; round++) {
      if (!open(block)) return withheldHere;
      if (round > MAX_ROUNDS) throw new Error(`disclosure protection of ${block.name} did not settle in ${MAX_ROUNDS} rounds`);
      stats.rounds++;
      const t0 = Date.now();
      const model = new BlockModel(block.regions, sorted, currentYear, linkYears);
      const lower = model.system.lower.slice();
      const upper = model.system.upper.slice();
      const reasons = newReasons(model.system.n);
      if (!propagateRows(model.system, lower, upper, reasons)) throw new Error(`the published figures of ${block.name} contradict its true counts`);
      const t1 = Date.now();
      const findings: { finding: AttackFinding; by: "intervals" | "lp" }[] = [];
      let cells: number[] = [];
      const countyCells = new Set<number>();
      for (let v = 0; v < model.system.n; v++) {
        const protection = model.protection[v];
        if (!protection || model.truth[v] === 0) continue; // 0 is possible: the truth says so
        const cell = model.cell(v);
        const checked = block.checks(cell);
        // A township block is a restriction of the county's system (the other townships at
        // their true counts), so a county count it proves wide is wide for the real attacker
        // too; one it finds narrow proves nothing (the county block decides). County counts
        // are only proven here, opportunistically, never withheld for.
        const provesOnly = !checked && block !== countyBlock && cell.level === "county";
        if ((!checked && !provesOnly) || (provesOnly ? countyBlock : block).proven.has(cellId(cell))) continue;
        if (!rangeMeets(protection, lower[v]!, upper[v]!)) {
          if (checked) findings.push({ finding: { v, lo: lower[v]!, hi: upper[v]!, protection, binding: reasonChain(model, reasons, v) }, by: "intervals" });
        } else if (provesOnly) countyCells.add(v);
        else cells.push(v);
      }
      attack: if (findings.length === 0 && cells.length > 0 && maxSolves > 0) {
        const truth = Float64Array.from(model.truth, (t) => t ?? 0);
        const tSub = Date.now();
        if (block === countyBlock) {
          const flows = proveRiskCausesByTheirFlows(highs, model, lower, upper, truth, cells);
          stats.lpSolves += flows.solves;
          for (const v of flows.proven) block.proven.add(cellId(model.cell(v)));
          cells = cells.filter((v) => !flows.proven.has(v));
          DEBUG?.(`  causes of risk by their flows alone: ${flows.proven.size} proven, ${flows.solves} solves, ${Date.now() - tSub} ms; left ${cells.filter((v) => !flows.proven.has(v)).map((v) => cellId(model.cell(v))).join(", ")}`);
          if (cells.length === 0 && countyCells.size === 0) break attack;
          if (linkYears) {
            // The linked county block (163,000 columns for Wuwei 2017) by flow groups first, in
            // the county, its townships and the villages holding the counts' households (the
            // other villages at their truth): a restriction of a restriction, so what it proves
            // wide is wide; its LPs are a small part of the restriction with two villages per
            // township free that follows.
            const regions = villagesHolding(model, truth, cells);
            model.regions.forEach((region, r) => region.level !== "village" && regions.add(r));
            const groups = proveByFlowGroups(highs, model, lower, upper, truth, cells, regions);
            stats.lpSolves += groups.solves;
            for (const v of cells) if (!groups.left.has(v)) block.proven.add(cellId(model.cell(v)));
            cells = cells.filter((v) => groups.left.has(v));
            DEBUG?.(`  county flow groups: ${groups.left.size} left, ${groups.solves} solves, ${Date.now() - tSub} ms`);
            if (cells.length === 0 && countyCells.size === 0) break attack;
          }
        }
        const few = proveWithFewVillagesFree(highs, model, lower, upper, truth, cells, countyCells);
        stats.lpSolves += few.solves;
        if (block === countyBlock && few.left.size > 0) {
          // A rare flow (returns, new identifications) lives in a few villages, rarely the
          // largest: free also every village holding households of a count still unproven.
          const more = proveWithFewVillagesFree(highs, model, lower, upper, truth, cells.filter((v) => few.left.has(v)), new Set(), villagesHolding(model, truth, [...few.left]));
          stats.lpSolves += more.solves;
          for (const v of [...few.left]) if (!more.left.has(v)) few.left.delete(v);
        }
        for (const v of countyCells) if (!few.left.has(v)) countyBlock.proven.add(cellId(model.cell(v)));
        for (const v of [...countyCells]) if (!few.left.has(v)) countyCells.delete(v);
        DEBUG?.(`  few villages free: ${cells.length - [...cells].filter((v) => few.left.has(v)).length}/${cells.length} proven, ${few.solves} solves, ${Date.now() - tSub} ms`);
        const sub = proveInVillagePairs(highs, model, lower, upper, truth, cells.filter((v) => few.left.has(v)));
        stats.lpSolves += sub.solves;
        for (const v of cells) if (!few.left.has(v) || !sub.left.has(v)) block.proven.add(cellId(model.cell(v)));
        let leftCells = cells.filter((v) => few.left.has(v) && sub.left.has(v));
        DEBUG?.(`  + village pairs: ${cells.length - leftCells.length}/${cells.length} proven, ${sub.solves} solves, ${Date.now() - tSub} ms`);
        let restricted = new Map<number, AttackFinding>();
        if (block !== countyBlock && linkYears && leftCells.length + countyCells.size > 0) {
          // The county's counts too: the township block is a restriction of the county's system
          // and a flow group a restriction of the block, so what it proves wide is wide. (Without
          // this they would wait for the county block, whose restriction with two villages per
          // township free costs 25–45 s per solve in the linked year: demo Nanling 2017, 172 s.)
          const groups = proveByFlowGroups(highs, model, lower, upper, truth, [...leftCells, ...countyCells]);
          restricted = groups.findings;
          stats.lpSolves += groups.solves;
          for (const v of leftCells) if (!groups.left.has(v)) block.proven.add(cellId(model.cell(v)));
          for (const v of [...countyCells]) if (!groups.left.has(v)) (countyBlock.proven.add(cellId(model.cell(v))), countyCells.delete(v));
          const before = leftCells.length;
          leftCells = leftCells.filter((v) => groups.left.has(v));
          DEBUG?.(`  + flow groups: ${before - leftCells.length}/${before} proven, ${groups.solves} solves, ${Date.now() - tSub} ms`);
          if (leftCells.length > 0) {
            // Both years, every flow, but of the township and the villages holding the counts'
            // households only (the other villages at their truth): a restriction again.
            let holders: { left: Set<number>; solves: number };
            try {
              holders = proveWithFewVillagesFree(highs, model, lower, upper, truth, leftCells, new Set(), villagesHolding(model, truth, leftCells), true);
            } catch (error) {
              // No verdict from the solver (see proveByFlowGroups): nothing proven here.
              DEBUG?.(`  villages holding them free: ${String(error)}`);
              holders = { left: new Set(leftCells), solves: 0 };
            }
            stats.lpSolves += holders.solves;
            for (const v of leftCells) if (!holders.left.has(v)) block.proven.add(cellId(model.cell(v)));
            const was = leftCells.length;
            leftCells = leftCells.filter((v) => holders.left.has(v));
            DEBUG?.(`  + villages holding them free: ${was - leftCells.length}/${was} proven, ${holders.solves} solves, ${Date.now() - tSub} ms`);
          }
          DEBUG?.(`  left: ${leftCells.map((v) => `${cellId(model.cell(v))} [${lower[v]}, ${upper[v]}] t${model.truth[v]}`).join("; ")}`);
        }
        // Suppression that has not let the restrictions prove a count after two rounds will
        // not: the whole county's LP decides for it then.
        // A count deferred from a township block has nothing of this release next to it to withhold.
        const stubborn = leftCells.some((v) => (repeats.get(cellId(model.cell(v))) ?? 0) >= 2 || deferred.has(cellId(model.cell(v))));
        // The linked year's township blocks likewise: their whole LP (9,700–10,600 columns for
        // the demo's Nanling 2017, two years tied by continuity) costs 5–20 s per solve and 11–17
        // solves, where the restrictions above cost a second or two. A count they leave is
        // treated as exposed, as for the county, and only a stubborn one gets the whole LP.
        // Below LINKED_LP_COLUMNS the whole LP costs about a second and withholds only what it must.
        const suppressInstead = block === countyBlock || (linkYears && model.system.n >= LINKED_LP_COLUMNS);
        if (suppressInstead && !exactCounty && !stubborn && leftCells.length > 0) {
          // The whole county's LP (every village's hidden cells: 22,000 columns for the demo's
          // Nanling, 116,000 for Wuwei) costs minutes per solve on a loaded machine. A county
          // count the restrictions above cannot prove wide is treated as exposed instead: a
          // figure next to it is withheld and the county is attacked again, until the
          // restrictions prove it. Sound (only proofs publish; a restriction's feasible points
          // are the real attacker's), at the price of a few figures the whole LP might have
          // let through (`exactCounty` runs it at once; a count still unproven after two
          // rounds of suppression gets it too).
          for (const v of leftCells) findings.push({ finding: { v, lo: lower[v]!, hi: upper[v]!, protection: model.protection[v]!, binding: restricted.get(v)?.binding ?? [] }, by: "lp" });
          DEBUG?.(`${block.name} round ${round}: ${leftCells.length} counts not proven by restriction: withholding next to them (${leftCells.map((v) => `${cellId(model.cell(v))} [${lower[v]}, ${upper[v]}] truth ${model.truth[v]} figure ${JSON.stringify(model.figure[v])}`).join("; ")})`);
          break attack;
        }
        // County counts ride along on the whole block's LP only when it runs anyway (their own
        // block decides them otherwise).
        if (leftCells.length === 0) break attack;
        const attack = attackBlock(highs, model, lower, upper, [...leftCells, ...countyCells], { points: [truth], maxSolves, seed: round, witnessOnly: countyCells });
        stats.lpSolves += attack.solves;
        stats.provenByWitness += attack.byWitness;
        DEBUG?.(`  LP: ${attack.solves} solves, ${attack.byWitness} by witness, ${attack.findings.length} findings`);
        if (attack.infeasible) throw new Error(`the LP of ${block.name} is infeasible where its true counts are not`);
        const exposed = new Set(attack.findings.map((f) => f.v));
        for (const v of [...leftCells, ...countyCells]) if (!exposed.has(v)) (countyCells.has(v) ? countyBlock : block).proven.add(cellId(model.cell(v)));
        for (const finding of attack.findings) if (!countyCells.has(finding.v)) findings.push({ finding, by: "lp" });
      }
      DEBUG?.(`${block.name} round ${round}: n=${model.system.n} rows=${model.system.rowLo.length} build+propagate ${t1 - t0} ms, attack ${Date.now() - t1} ms, cells ${cells.length}, findings ${findings.length}`);
      if (findings.length === 0) return withheldHere;
      DEBUG?.(`  findings: ${findings.slice(0, 6).map(({ finding, by }) => `${by} ${cellId(model.cell(finding.v))} [${finding.lo}, ${finding.hi}] truth ${model.truth[finding.v]} figure ${JSON.stringify(model.figure[finding.v])}`).join("; ")}`);

      const chosen = new Set<number>();
      for (const { finding, by } of findings) {
        const id = cellId(model.cell(finding.v));
        const seen = (repeats.get(id) ?? 0) + 1;
        repeats.set(id, seen);
        // A county's causes of risk go as whole tables (riskCauseTables).
        const tables = riskCauseTables(model, finding.v);
        for (const w of tables) chosen.add(w);
        // A count exposed again after its first complementary suppression gets more at once.
        const picks = tables.length > 0 ? [] : pickWithheld(model, finding, by, seen > 1 ? 1 + seen : 1);
        if (tables.length > 0) continue;
        if (picks.length === 0) {
          // Nothing of this release lies next to it (a count of the year before). In a
          // township block the other townships sit at their true counts, a restriction: a
          // range found narrow there proves nothing, so the whole county decides (county block).
          if (block !== countyBlock) deferred.add(id);
          else unresolved.push(violation(model, finding, by));
        }
        for (const pick of picks) chosen.add(pick);
      }
      if (chosen.size === 0) return withheldHere;
      for (const v of chosen) {
        const c = model.cell(v);
        withhold(rowKey(c.level, c.region, c.breakdown, c.category), c.metric);
        stats.withheld++;
        withheldHere++;
        // A withheld figure needs a withheld figure's protection (cells proven before stay
        // proven: withholding only widens what the attacker can conclude).
        for (const other of [...townshipBlocks, countyBlock]) other.proven.delete(cellId(c));
      }
    }
  };
  // Township blocks, then the county's counts; withholding there can expose nothing new in
  // a township block except the withheld figures themselves, so the loop ends.
  const blocks = [...townshipBlocks, countyBlock];
  resume?.proven.forEach((ids, b) => ids.forEach((id) => blocks[b]!.proven.add(id)));
  const report = () => ({ ...stats, unresolved, blocks: townships.size + 1, yearsLinked: linkYears, millis: Date.now() - started, withheldFigures });
  for (let pass = resume?.pass ?? 0; pass < MAX_ROUNDS; pass++) {
    let withheldByCounty = 0;
    for (let b = pass === resume?.pass ? resume.block : 0; b < blocks.length; b++) {
      if (budget && budget.worked >= budget.blocks) {
        const done = report();
        return { ...done, paused: { pass, block: b, withheld: withheldFigures, deferred: [...deferred], proven: blocks.map((block) => [...block.proven]), stats, unresolved, millis: done.millis } };
      }
      const rounds = stats.rounds;
      const withheld = settle(blocks[b]!);
      if (budget && stats.rounds > rounds) budget.worked++;
      if (blocks[b] === countyBlock) withheldByCounty = withheld;
    }
    if (withheldByCounty === 0) break;
  }
  DEBUG?.(`county ${county} ${currentYear}: ${Date.now() - started} ms wall, ${cpuMillis(cpuStarted)} ms CPU, ${stats.rounds} rounds, ${stats.lpSolves} LP solves, ${stats.withheld} withheld`);
  return report();
}

/**
 * The process's CPU time (user + system) in ms since `from`, for JOINT_DEBUG's benchmark lines
 * only: Node tells it; workerd's nodejs_compat has `process.cpuUsage` but throws "not
 * implemented" (so the gate never calls it there unless debugging, and then gets NaN).
 */
function cpuMillis(from = 0): number {
  if (!DEBUG) return NaN;
  try {
    const usage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage?.();
    return usage ? Math.round((usage.user + usage.system) / 1000) - from : NaN;
  } catch {
    return NaN;
  }
}

/** The metrics whose county cause tables are withheld together: monitored = edge + unstable ties the three. */
const RISK_TABLE_GROUPS: readonly (readonly Metric[])[] = [["returned_households"], ["monitored_households", "edge_households", "unstable_households"]];

/**
 * When an exposed count is a county's cause of risk (categories.ts RISK_CAUSE_METRICS, this
 * release), the figures to withhold are its whole tables at once: every published county
 * figure by cause of its group (returned; or monitored, edge and unstable together), the
 * exposed count's own figure included. Measured on the demo: withholding 1–3 figures next to
 * such a count per round took 3–6 rounds of the county block (25–45 s each for Wuwei), and
 * each newly withheld small count was exposed in turn — a cause's monitored figure beside
 * its edge figure still says unstable = monitored − edge, and a table with one hidden cell
 * says it as total − the others. With the group's tables hidden, a cause's count is bounded
 * only by the county's total of the flow and the registered households of the cause.
 * Deterministic (the group follows from the cell), and sound: withholding never narrows
 * another count. Empty for any other count (pickWithheld chooses then).
 */
function riskCauseTables(model: BlockModel, v: number): number[] {
  const c = model.cell(v);
  if (c.level !== "county" || c.breakdown !== "cause" || !model.isCurrent(v)) return [];
  const group = RISK_TABLE_GROUPS.find((g) => g.includes(c.metric as Metric));
  if (!group) return [];
  const county = model.regions.findIndex((r) => r.level === "county" && r.code === c.region);
  const yearIndex = model.years.findIndex((y) => y.year === c.year);
  const out: number[] = [];
  for (const metric of group) {
    const m = METRIC_CODES.indexOf(metric);
    for (const cause of CAUSE_CODES) {
      const category = MODEL_CATEGORIES.findIndex(([b, code]) => b === "cause" && code === cause);
      const w = model.index(yearIndex, county, category, m);
      const figure = model.figure[w];
      if (figure !== undefined && figure.disclosure !== "withheld") out.push(w);
    }
  }
  return out;
}

/**
 * Proves a county's counts of a flow — first of all its causes of risk (riskCauseTables'
 * groups), also the flow's other county counts (FLOW_GROUPS) — in a small restriction: only the
 * group's flows (households and people of returned; or of monitored, edge and unstable) of
 * the count's own year vary (this release's, or in a linked block the previous release's,
 * whose published counts the new release must not narrow either), in the county, its
 * townships and the villages holding households of the counts to prove; every other count
 * of the block — registered, exited, newly identified, the other villages, the other year —
 * stays at its true value. A restriction of the
 * attacker's system (its feasible points are the real attacker's, everything else at the
 * truth), so a range it proves wide is at least as wide for the real attacker; what it finds
 * narrow goes on to the restrictions below and, if need be, to suppression or the whole
 * county's LP. Why it usually proves them: a household's state can pass to another household
 * of the same village (another cause), which changes no registered count and no published
 * total. Its LP has a few thousand columns instead of the county block's tens of thousands
 * (Wuwei 2016: 107–166 s per round for the restriction below at load 6).
 */
/**
 * The flows whose county counts proveRiskCausesByTheirFlows tries (households and people, any
 * breakdown): each alone, the monitoring kinds together (monitored = edge + unstable). Not
 * registered: every flow is a subset of it, so it cannot move alone; nor newly identified:
 * with registered at its truth in both years, continuity pins it.
 */
const FLOW_GROUPS: readonly (readonly Metric[])[] = [["exited_households"], ...RISK_TABLE_GROUPS];

/**
 * The box of a restriction: the variables `free` says vary within the attacker's bounds
 * (lower, upper), every other count pinned at its true value. Every restriction below proves
 * in such a box; sound as a prover when the truth lies within (lower, upper) and satisfies
 * every row (it is a register's counts): the restricted system has the same rows over a
 * smaller box, so each of its points is a point of the whole system.
 */
function restrictedBox(model: BlockModel, lower: Float64Array, upper: Float64Array, truth: Float64Array, free: (v: number) => boolean): { lo: Float64Array; hi: Float64Array } {
  const lo = Float64Array.from(truth);
  const hi = Float64Array.from(truth);
  for (let v = 0; v < model.system.n; v++) {
    if (free(v)) {
      lo[v] = lower[v]!;
      hi[v] = upper[v]!;
    }
  }
  return { lo, hi };
}

function proveRiskCausesByTheirFlows(highs: Highs, model: BlockModel, lower: Float64Array, upper: Float64Array, truth: Float64Array, cells: readonly number[]): { proven: Set<number>; solves: number } {
  const proven = new Set<number>();
  let solves = 0;
  const M = METRIC_CODES.length;
  for (const group of FLOW_GROUPS) {
    const metrics = new Set(group.flatMap((metric) => [METRIC_CODES.indexOf(metric), METRIC_CODES.indexOf(metric.replace("_households", "_people") as Metric)]));
    // Each year's counts in their own restriction: in a linked block the previous release's
    // county counts must stay protected too, and only that year's flows can move them (a
    // restriction freeing this year's flows leaves them at the truth and proves nothing).
    for (let yearIndex = 0; yearIndex < model.years.length; yearIndex++) {
      const todo = cells.filter((v) => {
        const c = model.cell(v);
        return model.yearOf(v) === yearIndex && c.level === "county" && group.some((metric) => c.metric === metric || c.metric === metric.replace("_households", "_people"));
      });
      if (todo.length === 0) continue;
      const villages = villagesHolding(model, truth, todo);
      const freeRegion = (r: number) => model.regions[r]!.level !== "village" || villages.has(r);
      const { lo, hi } = restrictedBox(model, lower, upper, truth, (v) => model.yearOf(v) === yearIndex && metrics.has(v % M) && freeRegion(model.regionOf(v)));
      const attack = attackBlock(highs, model, lo, hi, todo, { points: [truth], witnessRounds: 8 });
      solves += attack.solves;
      if (attack.infeasible) continue;
      const exposed = new Set(attack.findings.map((f) => f.v));
      for (const v of todo) if (!exposed.has(v)) proven.add(v);
    }
  }
  return { proven, solves };
}

/**
 * Proves village counts in small restricted systems: village V and one sibling W free, every
 * other count of the block pinned at its true value. Pinning is a restriction of the
 * attacker's system (its feasible points are feasible points of the whole county, the other
 * counts taking their true values), so a range it proves wide is at least as wide for the
 * real attacker; a range it finds narrow proves nothing and is left to the whole block's LP.
 * With the township pinned, V and W can only trade households — the LP form of moving a
 * household next door — in a system of two regions instead of the township's.
 */
function proveInVillagePairs(highs: Highs, model: BlockModel, lower: Float64Array, upper: Float64Array, truth: Float64Array, cells: readonly number[]): { left: Set<number>; solves: number } {
  const left = new Set<number>(cells);
  let solves = 0;
  const byRegion = new Map<number, number[]>();
  for (const v of cells) {
    const r = model.regionOf(v);
    if (model.regions[r]!.level !== "village") continue;
    const list = byRegion.get(r) ?? [];
    list.push(v);
    byRegion.set(r, list);
  }
  // Partners: the sibling villages with the most registered households (the most room to trade).
  const size = (r: number) => truth[model.index(model.years.length - 1, r, 0, 0)] ?? 0;
  for (const [r, own] of [...byRegion].sort((a, b) => a[0] - b[0])) {
    const siblings = model.regions.map((region, i) => ({ region, i })).filter(({ region, i }) => i !== r && region.level === "village" && region.parent === model.regions[r]!.parent);
    siblings.sort((a, b) => size(b.i) - size(a.i) || a.i - b.i);
    for (const partner of siblings.slice(0, 2)) {
      const todo = own.filter((v) => left.has(v));
      if (todo.length === 0) break;
      const { lo, hi } = restrictedBox(model, lower, upper, truth, (v) => model.regionOf(v) === r || model.regionOf(v) === partner.i);
      const attack = attackBlock(highs, model, lo, hi, todo, { points: [truth], witnessRounds: 4 });
      solves += attack.solves;
      if (attack.infeasible) continue;
      const exposed = new Set(attack.findings.map((f) => f.v));
      for (const v of todo) if (!exposed.has(v)) left.delete(v);
    }
  }
  return { left, solves };
}

/** Metric index of each flow's households (its people follow at +1). */
const REGISTERED_METRIC = METRIC_CODES.indexOf("registered_households");
const NEWLY_IDENTIFIED_METRIC = METRIC_CODES.indexOf("newly_identified_households");
const MONITORING_METRICS: ReadonlySet<number> = new Set(["monitored_households", "edge_households", "unstable_households"].flatMap((m) => [METRIC_CODES.indexOf(m as Metric), METRIC_CODES.indexOf(m as Metric) + 1]));

/**
 * The group of a block's variable for proveByFlowGroups: "stock" for the registered households
 * and people of every year and the newly identified of a year linked to the one before
 * (registered(y) = registered(y − 1) + newly identified(y) ties them); otherwise one group per
 * year and flow (monitored, edge and unstable together: monitored = edge + unstable).
 */
export function flowGroup(model: BlockModel, v: number): string {
  const M = METRIC_CODES.length;
  const m = v % M;
  const flow = m - (m % 2);
  const yearIndex = model.yearOf(v);
  if (flow === REGISTERED_METRIC) return "stock";
  if (flow === NEWLY_IDENTIFIED_METRIC && yearIndex > 0 && model.years[yearIndex]!.year === model.years[yearIndex - 1]!.year + 1) return "stock";
  return `${yearIndex}|${MONITORING_METRICS.has(m) ? "monitoring" : flow}`;
}

/**
 * The box of a flow-group restriction (restrictedBox): the groups `free` says vary, in the
 * regions of `regionFree` when given (tests/domain/disclosure-joint.test.ts checks that its
 * points satisfy the whole linked system).
 */
export function restrictToFlowGroups(model: BlockModel, lower: Float64Array, upper: Float64Array, truth: Float64Array, free: (group: string) => boolean, groups?: readonly string[], regionFree?: ReadonlySet<number>): { lo: Float64Array; hi: Float64Array } {
  return restrictedBox(model, lower, upper, truth, (v) => (!regionFree || regionFree.has(model.regionOf(v))) && free(groups?.[v] ?? flowGroup(model, v)));
}

/**
 * Proves a block's counts in restrictions by flow: for each group of flowGroup (the stock —
 * registered of every year with the linked years' new identifications —, or one flow of one
 * year) only that group's households and people vary, in every region of the block (or of
 * `regionFree`: the county block frees its villages holding the counts only); every other count
 * stays at its true value. Pinning counts at their true values is a restriction of
 * the attacker's system (every feasible point of it, the pinned counts at their truth, is a
 * feasible point of the whole system), so a range it proves wide is at least as wide for the
 * real attacker; a range it finds narrow proves nothing (the whole block's LP decides). Why it
 * proves most: with the registered counts fixed the flows of one year are tied only to each
 * other (sums, subsets, edge + unstable = monitored), so a household's flow can pass to another
 * registered household of another cause, size or village; and with the flows fixed, a
 * registered household without a flow can change cause, size or village in both years at
 * once (the linked year's parallel moves). Each group's LP has a fraction of the block's
 * columns: in the linked year the whole block's LP costs 5–10 s per solve (demo Nanling),
 * these milliseconds to a second.
 */
function proveByFlowGroups(highs: Highs, model: BlockModel, lower: Float64Array, upper: Float64Array, truth: Float64Array, cells: readonly number[], regionFree?: ReadonlySet<number>): { left: Set<number>; solves: number; findings: Map<number, AttackFinding> } {
  const left = new Set<number>(cells);
  const findings = new Map<number, AttackFinding>();
  let solves = 0;
  const byGroup = new Map<string, number[]>();
  for (const v of cells) {
    const g = flowGroup(model, v);
    const list = byGroup.get(g) ?? [];
    list.push(v);
    byGroup.set(g, list);
  }
  const groups = model.system.n > 0 ? Array.from({ length: model.system.n }, (_, v) => flowGroup(model, v)) : [];
  const prove = (label: string, free: (group: string) => boolean, todo: readonly number[]) => {
    const { lo, hi } = restrictToFlowGroups(model, lower, upper, truth, free, groups, regionFree);
    const t0 = Date.now();
    let attack: ReturnType<typeof attackBlock>;
    try {
      attack = attackBlock(highs, model, lo, hi, todo, { points: [truth], witnessRounds: 8 });
    } catch (error) {
      // The solver may end a restriction's LP without a verdict (HiGHS model status 15,
      // "unknown", seen on the 400-village bench county's linked stock group): a restriction
      // that proves nothing leaves its counts to the next step. Sound: only proofs publish.
      DEBUG?.(`    ${label}: ${String(error)}: nothing proven`);
      return;
    }
    solves += attack.solves;
    DEBUG?.(`    ${label}: ${todo.length - attack.findings.length}/${todo.length} proven, ${attack.solves} solves, ${Date.now() - t0} ms${attack.infeasible ? " (infeasible)" : ""}`);
    if (attack.infeasible) return;
    const exposed = new Set(attack.findings.map((f) => f.v));
    for (const v of todo) if (!exposed.has(v)) left.delete(v);
    // What pins a count in the restriction: the figures among its free counts whose bounds
    // carry a reduced cost (the pinned counts are no figure's doing). Suppression withholds there.
    for (const f of attack.findings) findings.set(f.v, { ...f, binding: f.binding.filter((w) => lo[w]! < hi[w]!) });
  };
  for (const [group, todo] of [...byGroup].sort((a, b) => (a[0] < b[0] ? -1 : 1))) prove(`group ${group}`, (g) => g === group, todo);
  // Second, for what is left: a flow with the stock (its households may then also change
  // cause, size or village), and a year's stock count with every flow of that year (the
  // other year's flows stay pinned at their truth: the restriction the linked year needs,
  // registered(y − 1) still moving with registered(y) − newly identified(y)).
  const wider = new Map<string, number[]>();
  for (const v of left) {
    const g = groups[v]!;
    const yearIndex = model.yearOf(v);
    const key = g === "stock" ? `${yearIndex}|*` : g;
    const list = wider.get(key) ?? [];
    list.push(v);
    wider.set(key, list);
  }
  for (const [key, todo] of [...wider].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const year = key.endsWith("|*") ? key.slice(0, -1) : undefined;
    prove(`stock + ${key}`, (g) => g === "stock" || (year !== undefined ? g.startsWith(year) : g === key), todo);
  }
  return { left, solves, findings };
}

/** Villages (region indices) with a positive true count in the category and metric of any of `cells`, any year. */
function villagesHolding(model: BlockModel, truth: Float64Array, cells: readonly number[]): Set<number> {
  const perRegion = MODEL_CATEGORIES.length * METRIC_CODES.length;
  const out = new Set<number>();
  for (const v of cells) {
    const within = v % perRegion; // category and metric
    for (let y = 0; y < model.years.length; y++) {
      model.regions.forEach((region, r) => {
        if (region.level === "village" && (truth[model.index(y, r, 0, 0) + within] ?? 0) > 0) out.add(r);
      });
    }
  }
  return out;
}

/**
 * Proves counts in a restriction where only the county, the township and its two largest
 * villages vary and every other village stays at its true counts (a restriction, so a range
 * it proves wide is at least as wide for the real attacker; what it finds narrow goes on to
 * the whole block). The large villages publish their totals only (issue 16), so their hidden
 * breakdowns can absorb what the township's figures allow: the township's and county's
 * counts move as far as the real attacker's would in most cases, in an LP of a few hundred
 * free columns instead of the whole township's. In the county block: the two largest villages
 * of every township, plus `alsoFree` (the villages holding an unproven count's households).
 */
function proveWithFewVillagesFree(highs: Highs, model: BlockModel, lower: Float64Array, upper: Float64Array, truth: Float64Array, cells: readonly number[], countyCells: ReadonlySet<number>, alsoFree: ReadonlySet<number> = new Set(), solveEach = false): { left: Set<number>; solves: number } {
  const size = (r: number) => truth[model.index(model.years.length - 1, r, 0, 0)] ?? 0;
  const villages = model.regions.map((region, i) => ({ region, i })).filter(({ region }) => region.level === "village");
  villages.sort((a, b) => size(b.i) - size(a.i) || a.i - b.i);
  const free = new Set<number>([...model.regions.keys()].filter((r) => model.regions[r]!.level !== "village"));
  // The two largest villages of every township (a township block has one township; the
  // county block frees two per township, so every township's figures can move).
  const perParent = new Map<number, number>();
  for (const { region, i } of villages) {
    const taken = perParent.get(region.parent) ?? 0;
    if (taken >= 2) continue;
    perParent.set(region.parent, taken + 1);
    free.add(i);
  }
  for (const r of alsoFree) free.add(r);
  const todo = [...cells, ...countyCells].filter((v) => free.has(model.regionOf(v)));
  const left = new Set<number>([...cells, ...countyCells]);
  if (todo.length === 0) return { left, solves: 0 };
  const { lo, hi } = restrictedBox(model, lower, upper, truth, (v) => free.has(model.regionOf(v)));
  // Witness solves only, unless asked (a few stubborn counts): then a min and a max solve each.
  const attack = attackBlock(highs, model, lo, hi, todo, { points: [truth], witnessRounds: 12, witnessOnly: solveEach ? countyCells : new Set(todo) });
  if (attack.infeasible) return { left, solves: attack.solves };
  const exposed = new Set(attack.findings.map((f) => f.v));
  for (const v of todo) if (!exposed.has(v)) left.delete(v);
  return { left, solves: attack.solves };
}

/** The attacker without the truth: the published figures of every year, the county as one block (or relaxed blocks when large). */
function attackCounty(
  highs: Highs,
  county: string,
  townships: ReadonlyMap<string, readonly string[]>,
  years: readonly YearFigures[],
  maxRegionsPerBlock: number,
): JointReport {
  const started = Date.now();
  const blocks = countyBlocks(county, townships, maxRegionsPerBlock);
  const sorted = [...years].sort((a, b) => a.year - b.year);
  let linkYears = sorted.length > 1;
  let models = blocks.map((regions) => new BlockModel(regions, sorted, sorted[sorted.length - 1]!.year, linkYears));
  let bounds = propagateShared(models, blocks);
  if (!bounds && linkYears) {
    // The releases contradict continuity (a household moved or changed between files):
    // the attacker learns that too, and the link is then no fact to use.
    linkYears = false;
    models = blocks.map((regions) => new BlockModel(regions, sorted, sorted[sorted.length - 1]!.year, false));
    bounds = propagateShared(models, blocks);
  }
  if (!bounds) throw new Error(`the published figures of county ${county} contradict each other`);
  const violations: JointViolation[] = [];
  let lpSolves = 0;
  let provenByWitness = 0;
  models.forEach((model, b) => {
    const { lower, upper, reasons } = bounds[b]!;
    const cells: number[] = [];
    for (let v = 0; v < model.system.n; v++) {
      const protection = model.protection[v];
      if (!protection) continue;
      if (!rangeMeets(protection, lower[v]!, upper[v]!)) violations.push(violation(model, { v, lo: lower[v]!, hi: upper[v]!, protection, binding: reasonChain(model, reasons, v) }, "intervals"));
      else cells.push(v);
    }
    const attack = attackBlock(highs, model, lower, upper, cells, { seed: b });
    lpSolves += attack.solves;
    provenByWitness += attack.byWitness;
    if (attack.infeasible) throw new Error(`the LP of county ${county} is infeasible where intervals were not`);
    for (const finding of attack.findings) violations.push(violation(model, finding, "lp"));
  });
  return { withheld: 0, unresolved: violations, rounds: 1, lpSolves, provenByWitness, blocks: blocks.length, yearsLinked: linkYears, millis: Date.now() - started };
}

function cellId(c: CellRef): string {
  return `${c.year}|${rowKey(c.level, c.region, c.breakdown, c.category)}|${c.metric}`;
}

/** Interval propagation over all blocks, exchanging the shared township bounds until they settle. */
function propagateShared(models: readonly BlockModel[], blocks: readonly ModelRegion[][]) {
  const bounds = models.map((m) => ({ lower: m.system.lower.slice(), upper: m.system.upper.slice(), reasons: newReasons(m.system.n) }));
  if (models.length === 1) return propagateRows(models[0]!.system, bounds[0]!.lower, bounds[0]!.upper, bounds[0]!.reasons) ? bounds : undefined;
  const countyModel = models[0]!;
  const perRegion = MODEL_CATEGORIES.length * METRIC_CODES.length;
  for (let pass = 0; pass < 8; pass++) {
    for (let b = 0; b < models.length; b++) if (!propagateRows(models[b]!.system, bounds[b]!.lower, bounds[b]!.upper, bounds[b]!.reasons)) return undefined;
    let changed = false;
    for (let b = 1; b < models.length; b++) {
      const townshipInCounty = blocks[0]!.findIndex((r) => r.code === blocks[b]![0]!.code);
      for (let y = 0; y < countyModel.years.length; y++) {
        for (let k = 0; k < perRegion; k++) {
          const vc = countyModel.index(y, townshipInCounty, 0, 0) + k;
          const vt = models[b]!.index(y, 0, 0, 0) + k;
          const lo = Math.max(bounds[0]!.lower[vc]!, bounds[b]!.lower[vt]!);
          const hi = Math.min(bounds[0]!.upper[vc]!, bounds[b]!.upper[vt]!);
          if (lo > hi) return undefined;
          if (lo !== bounds[0]!.lower[vc] || hi !== bounds[0]!.upper[vc] || lo !== bounds[b]!.lower[vt] || hi !== bounds[b]!.upper[vt]) {
            changed = true;
            bounds[0]!.lower[vc] = bounds[b]!.lower[vt] = lo;
            bounds[0]!.upper[vc] = bounds[b]!.upper[vt] = hi;
          }
        }
      }
    }
    if (!changed) break;
  }
  return bounds;
}

/**
 * The variables of the rows that tightened v's bounds, and of the rows that tightened
 * theirs (breadth first, a few steps): the figures an interval attack used.
 */
function reasonChain(model: BlockModel, reasons: Reasons, v: number): number[] {
  const s = model.system;
  const seen = new Set<number>([v]);
  const out: number[] = [];
  let frontier = [v];
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const x of frontier) {
      for (const r of [reasons.lo[x]!, reasons.hi[x]!]) {
        if (r < 0) continue;
        for (let k = s.rowStart[r]!; k < s.rowStart[r + 1]!; k++) {
          const w = s.rowIndex[k]!;
          if (seen.has(w)) continue;
          seen.add(w);
          out.push(w);
          next.push(w);
        }
      }
    }
    frontier = next;
  }
  return out;
}

const LEVEL_RANK: Record<StatisticsLevel, number> = { village: 0, township: 2, county: 4 };

/**
 * The figure to withhold for an exposed cell: a published figure of this release in one of
 * its rows — one that pins it at the attacker's optimum first — finer levels and breakdowns
 * before totals, small figures before large ones, then the lowest index (deterministic).
 */
function pickWithheld(model: BlockModel, finding: AttackFinding, by: "intervals" | "lp", count: number): number[] {
  const rowsOf = columnRows(model);
  const s = model.system;
  const eligible = (w: number) => w !== finding.v && model.isCurrent(w) && model.figure[w] !== undefined && model.figure[w]!.disclosure !== "withheld";
  const neighbours = (v: number) => {
    const out = new Set<number>();
    for (const r of rowsOf[v]!) for (let k = s.rowStart[r]!; k < s.rowStart[r + 1]!; k++) out.add(s.rowIndex[k]!);
    return out;
  };
  const score = (w: number) => {
    const c = model.cell(w);
    const figure = model.figure[w]!;
    return (LEVEL_RANK[c.level] + (c.breakdown === "none" ? 1 : 0)) * 1e9 + (figure.disclosure === "rounded" ? (figure.value ?? 0) : 0) * 1e3 + w / 1e6;
  };
  const ranked = (set: Iterable<number>) => [...new Set(set)].filter(eligible).sort((a, b) => score(a) - score(b));
  // A county's totals are the figures residents and journalists read first (registered,
  // exited, monitored households): withheld only when no other figure next to the count is
  // left. Withholding any of them is sound; this only chooses which.
  const headline = (w: number) => {
    const c = model.cell(w);
    return c.level === "county" && c.breakdown === "none";
  };
  // LP findings: the figures that pin the optimum most (largest reduced cost) first;
  // interval findings: the finest, smallest figures of the rows that proved the bound.
  const pinned = by === "lp" ? finding.binding.filter(eligible) : ranked(finding.binding);
  const direct = neighbours(finding.v);
  const first = ranked(direct);
  for (const list of [pinned.filter((w) => !headline(w)), first.filter((w) => !headline(w)), pinned, first]) if (list.length > 0) return list.slice(0, count);
  // The cell's own rows hold nothing of this release (a neighbouring year's count): look
  // further out, row by row, until a figure of this release is found.
  let frontier = direct;
  const seen = new Set<number>(direct);
  for (let depth = 0; depth < 6; depth++) {
    const next = new Set<number>();
    for (const w of frontier) for (const x of neighbours(w)) if (!seen.has(x)) (seen.add(x), next.add(x));
    const found = ranked(next);
    if (found.length > 0) return found.slice(0, count);
    frontier = next;
  }
  return [];
}

function violation(model: BlockModel, finding: AttackFinding, by: "intervals" | "lp"): JointViolation {
  const rowsOf = columnRows(model);
  const s = model.system;
  const evidence = new Set<number>(finding.binding);
  if (evidence.size === 0) for (const r of rowsOf[finding.v]!) for (let k = s.rowStart[r]!; k < s.rowStart[r + 1]!; k++) evidence.add(s.rowIndex[k]!);
  evidence.delete(finding.v);
  return {
    cell: model.cell(finding.v),
    lo: finding.lo,
    hi: finding.hi,
    rule: describeRule(finding),
    evidence: [...evidence].filter((w) => model.figure[w] !== undefined).slice(0, 12).map((w) => ({ cell: model.cell(w), figure: model.figure[w] })),
    by,
  };
}
