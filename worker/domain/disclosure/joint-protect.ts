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
import { METRIC_CODES, type StatisticsLevel } from "./categories";
import { attackBlock, columnRows, type AttackFinding } from "./exact-attacker";
import { BlockModel, countyBlocks, MODEL_CATEGORIES, newReasons, propagateRows, rangeMeets, rowKey, type Reasons, type CellRef, type ModelRegion, type YearFigures } from "./joint-model";
import type { PublishedCount } from "./rounding";

/** Counties with more regions than this are decomposed by township. */
export const MAX_REGIONS_PER_BLOCK = 30;
const MAX_ROUNDS = 200;
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

export function describeRule(f: { protection: { minValues: number; mustAllowZero: boolean } }): string {
  return f.protection.mustAllowZero ? "a health count below township must keep 0 possible and ≥ 5 values" : f.protection.minValues === 2 ? "a rounded figure must keep ≥ 2 values" : "a banded, withheld or unpublished count must keep ≥ 5 values";
}

/**
 * Attacks (and, with `withholdFrom`, protects) one county. `years` holds the figures of
 * every release taken into account; the one of `currentYear` is the release being
 * published: its figures are mutated when withheld. Without `withholdFrom` the function
 * only reports (disclosure-check).
 */
export function protectCountyJointly(
  highs: Highs,
  county: string,
  townships: ReadonlyMap<string, readonly string[]>,
  years: readonly YearFigures[],
  currentYear: number,
  options: { protect: boolean; maxRegionsPerBlock?: number },
): JointReport {
  const started = Date.now();
  const blocks = countyBlocks(county, townships, options.maxRegionsPerBlock ?? MAX_REGIONS_PER_BLOCK);
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const current = sorted.find((y) => y.year === currentYear);
  let linkYears = sorted.length > 1;
  let withheld = 0;
  let lpSolves = 0;
  let provenByWitness = 0;
  /** Per block: variables already proven safe by the LP (stay safe: withholding only widens). */
  const proven = blocks.map(() => new Set<number>());
  /** Per block: variables that must be attacked by LP again (undefined: all). */
  let recheck: (Set<number> | undefined)[] = blocks.map(() => undefined);

  let rounds = 0;
  const repeats = new Map<string, number>();
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    rounds = round;
    const models = blocks.map((regions) => new BlockModel(regions, sorted, currentYear, linkYears));
    const bounds = propagateShared(models, blocks);
    if (!bounds) {
      if (linkYears) {
        // The releases contradict continuity (a household left or changed between files):
        // the attacker learns that too, and the link is then no fact to use.
        linkYears = false;
        round--;
        continue;
      }
      throw new Error(`the published figures of county ${county} contradict each other`);
    }
    // Cheap pass: what intervals already prove; the rows that proved it name the figures to withhold.
    const findings: { block: number; finding: AttackFinding; by: "intervals" | "lp" }[] = [];
    models.forEach((model, b) => {
      const { lower, upper, reasons } = bounds[b]!;
      for (let v = 0; v < model.system.n; v++) {
        const protection = model.protection[v];
        if (!protection || rangeMeets(protection, lower[v]!, upper[v]!)) continue;
        findings.push({ block: b, finding: { v, lo: lower[v]!, hi: upper[v]!, protection, binding: reasonChain(model, reasons, v) }, by: "intervals" });
      }
    });
    if (findings.length === 0) {
      // Exact pass, per block and year, on the cells not yet proven. The LP holds one year:
      // the other years reach it through the bounds propagated over the continuity rows.
      const nextRecheck: (Set<number> | undefined)[] = blocks.map(() => new Set());
      models.forEach((model, b) => {
        const { lower, upper } = bounds[b]!;
        const perYear = model.system.n / sorted.length;
        sorted.forEach((year, y) => {
          if (options.protect && year.year !== currentYear) return;
          const offset = y * perYear;
          const cells: number[] = [];
          for (let v = offset; v < offset + perYear; v++) {
            if (!model.protection[v] || proven[b]!.has(v)) continue;
            if (recheck[b] && !recheck[b]!.has(v)) continue;
            cells.push(v - offset);
          }
          if (cells.length === 0) return;
          const lpModel = new BlockModel(blocks[b]!, [year], year.year, false);
          const attack = attackBlock(highs, lpModel, lower.subarray(offset, offset + perYear), upper.subarray(offset, offset + perYear), cells, { seed: b });
          lpSolves += attack.solves;
          provenByWitness += attack.byWitness;
          if (attack.infeasible) throw new Error(`the LP of county ${county} is infeasible where intervals were not`);
          const exposed = new Set(attack.findings.map((f) => f.v));
          for (const v of cells) if (!exposed.has(v)) proven[b]!.add(v + offset);
          for (const f of attack.findings) {
            findings.push({ block: b, finding: { ...f, v: f.v + offset, binding: f.binding.map((w) => w + offset) }, by: "lp" });
            nextRecheck[b]!.add(f.v + offset);
          }
        });
      });
      recheck = nextRecheck;
    }
    if (findings.length === 0) return report([]);

    const violations = findings.map(({ block, finding, by }) => violation(models[block]!, finding, by));
    if (!options.protect || !current) return report(violations);
    // Withhold one figure per exposed cell: the binding neighbour ranked first.
    const chosen = new Map<string, { model: BlockModel; v: number; block: number }>();
    const unresolved: JointViolation[] = [];
    findings.forEach(({ block, finding, by }, i) => {
      const model = models[block]!;
      const id = cellId(model.cell(finding.v));
      const seen = (repeats.get(id) ?? 0) + 1;
      repeats.set(id, seen);
      // A cell exposed again after its first complementary suppression gets more at once
      // (every pinning figure, up to a few): one at a time converges too slowly.
      const picks = pickWithheld(model, finding, by, seen > 1 ? 1 + seen : 1);
      if (picks.length === 0) unresolved.push(violations[i]!);
      for (const pick of picks) chosen.set(cellId(model.cell(pick)), { model, v: pick, block });
    });
    if (chosen.size === 0) return report(unresolved);
    for (const { model, v } of chosen.values()) {
      const c = model.cell(v);
      const figures = current.rows.get(rowKey(c.level, c.region, c.breakdown, c.category))!;
      figures[METRIC_CODES.indexOf(c.metric)] = WITHHELD;
      withheld++;
    }
    // The withheld figures themselves now need a withheld figure's protection: attack them too.
    if (recheck.some((r) => r !== undefined)) {
      const withheldIds = new Set([...chosen.keys()]);
      models.forEach((model, b) => {
        for (let v = 0; v < model.system.n; v++) if (model.isCurrent(v) && withheldIds.has(cellId(model.cell(v)))) (recheck[b] ??= new Set()).add(v);
      });
    }
  }
  throw new Error(`disclosure protection of county ${county} did not settle in ${MAX_ROUNDS} rounds`);

  function report(unresolved: JointViolation[]): JointReport {
    return { withheld, unresolved, rounds, lpSolves, provenByWitness, blocks: blocks.length, yearsLinked: linkYears, millis: Date.now() - started };
  }
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
  // LP findings: the figures that pin the optimum most (largest reduced cost) first;
  // interval findings: the finest, smallest figures of the rows that proved the bound.
  const pinned = by === "lp" ? finding.binding.filter(eligible) : ranked(finding.binding);
  if (pinned.length > 0) return pinned.slice(0, count);
  const direct = neighbours(finding.v);
  const first = ranked(direct);
  if (first.length > 0) return first.slice(0, count);
  // The cell's own rows hold nothing of this release (a neighbouring year's count): look one row further.
  const further: number[] = [];
  for (const w of direct) for (const x of neighbours(w)) further.push(x);
  return ranked(further).slice(0, count);
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
