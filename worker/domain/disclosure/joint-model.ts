/**
 * The joint attacker model (privacy.md, "The attacker the rules must hold against"): every
 * figure of a county — households and people of every flow, every breakdown, every level,
 * this release and the releases of the neighbouring years — as one linear system over the
 * true counts, with the relations that hold in every register:
 * - sums: county = Σ townships, township = Σ villages, total = Σ causes = Σ size bands;
 * - households and people of one cell: h ≤ p ≤ 50·h; p = k·h in size band k ≤ 5, p ≥ 6·h in 6+;
 * - flows (exited, newly identified, returned, monitored, edge, unstable) and each measure are subsets:
 *   h_sub ≤ h, p_sub ≤ p, and the rest (h − h_sub households, p − p_sub people) again has
 *   between 1 and 50 people per household;
 * - continuity: registered(y) = registered(y − 1) + newly identified(y), cell by cell;
 * - monitoring: edge + unstable = monitored, households and people, cell by cell (issue 15);
 * - what the publication pattern says (R3: when a release breaks villages down at all, a
 *   village broken down has ≥ 20 households and one that is not has fewer).
 * A published figure bounds its count (knownInterval); a withheld or unpublished count is
 * only ≥ 0. Health counts below township (R4) are unknowns like any other and are checked.
 *
 * Pure: no solver here. intervals over the system (propagateRows) are the cheap pre-pass;
 * exact-attacker.ts bounds the same system with linear programming.
 */
import { ancestorCode } from "../region-codes";
import {
  CAUSE_CODES,
  HEALTH_CAUSES,
  HEALTH_MEASURES,
  HOUSEHOLD_SIZES,
  MEASURE_CODES,
  METRIC_CODES,
  SMALL_VILLAGE_HOUSEHOLDS,
  TOTAL,
  type Breakdown,
  type StatisticsLevel,
} from "./categories";
import { knownInterval, type PublishedCount } from "./rounding";

/** Every cell of a region: the total, then causes, measures and size bands (29). */
export const MODEL_CATEGORIES: readonly (readonly [Breakdown, string])[] = [
  ["none", TOTAL],
  ...CAUSE_CODES.map((c) => ["cause", c] as const),
  ...MEASURE_CODES.map((c) => ["measure", c] as const),
  ...HOUSEHOLD_SIZES.map((s) => ["household_size", s.code] as const),
];
const K = MODEL_CATEGORIES.length;
const M = METRIC_CODES.length;
/** Metric index = 2·flow + (people ? 1 : 0); flow 0 is `registered`, 2 is `newly identified`. */
const FLOWS = M / 2;
const REGISTERED = 0;
const NEWLY_IDENTIFIED = 2;
/** Metric indices of the monitored households (edge or unstable) and of each kind (issue 15 §2). */
const MONITORED = METRIC_CODES.indexOf("monitored_households");
const EDGE = METRIC_CODES.indexOf("edge_households");
const UNSTABLE = METRIC_CODES.indexOf("unstable_households");
export const MAX_HOUSEHOLD_SIZE = 50;

export function rowKey(level: StatisticsLevel, region: string, breakdown: string, category: string): string {
  return `${level}|${region}|${breakdown}|${category}`;
}

/** The published figures of one year of a county: row key → one figure per metric (METRIC_CODES order). */
export interface YearFigures {
  year: number;
  rows: Map<string, (PublishedCount | undefined)[]>;
  /** The true counts (row key → ten counts): the release being protected, or the previous year rebuilt from its file. */
  truth?: Map<string, readonly number[]>;
}

export interface ModelRegion {
  level: StatisticsLevel;
  code: string;
  /** Index of the parent region within the block, -1 for the block's root. */
  parent: number;
  /**
   * Decomposition with the margins fixed (joint-protect.ts): the part of this region's count
   * that lies outside the block (the other townships of a county, at their true counts), so
   * that region = rest + Σ children in the block. Absent: region = Σ children.
   */
  rest?: (year: number, key: string, metric: number) => number;
}

/** Sparse rows lo ≤ Σ a·x ≤ hi over the block's variables. */
export interface LinearSystem {
  n: number;
  lower: Float64Array;
  upper: Float64Array;
  rowStart: number[];
  rowIndex: number[];
  rowValue: number[];
  rowLo: number[];
  rowHi: number[];
}

export interface CellRef {
  year: number;
  level: StatisticsLevel;
  region: string;
  breakdown: Breakdown;
  category: string;
  metric: (typeof METRIC_CODES)[number];
}

/** What the rules require of a count's feasible range. */
export interface Protection {
  /** Once proven positive, at least this many whole values (2 for a rounded figure, 5 for a band, a withheld or unpublished count). */
  minValues: number;
  /** A health count below township: 0 must stay possible (else it is "published" as ≥ 1). */
  mustAllowZero: boolean;
}

export class BlockModel {
  readonly system: LinearSystem;
  /** Protection per variable (undefined: a published exact 0, or a region absent that year). */
  readonly protection: (Protection | undefined)[];
  /** Published figure per variable (undefined: not published). */
  readonly figure: (PublishedCount | undefined)[];
  readonly truth: (number | undefined)[];

  constructor(
    readonly regions: readonly ModelRegion[],
    readonly years: readonly YearFigures[],
    readonly currentYear: number,
    linkYears: boolean,
  ) {
    const n = years.length * regions.length * K * M;
    this.system = { n, lower: new Float64Array(n), upper: new Float64Array(n), rowStart: [0], rowIndex: [], rowValue: [], rowLo: [], rowHi: [] };
    this.protection = new Array(n);
    this.figure = new Array(n);
    this.truth = new Array(n);
    this.bound();
    this.relate(linkYears);
  }

  index(yearIndex: number, regionIndex: number, category: number, metric: number): number {
    return ((yearIndex * this.regions.length + regionIndex) * K + category) * M + metric;
  }

  /** The region (index into `regions`) of variable v. */
  regionOf(v: number): number {
    return Math.floor(v / (M * K)) % this.regions.length;
  }

  /** The year (index into `years`) of variable v. */
  yearOf(v: number): number {
    return Math.floor(v / (M * K * this.regions.length));
  }

  cell(v: number): CellRef {
    const metric = v % M;
    const category = Math.floor(v / M) % K;
    const regionIndex = Math.floor(v / (M * K)) % this.regions.length;
    const yearIndex = Math.floor(v / (M * K * this.regions.length));
    const region = this.regions[regionIndex]!;
    const [breakdown, cat] = MODEL_CATEGORIES[category]!;
    return { year: this.years[yearIndex]!.year, level: region.level, region: region.code, breakdown, category: cat, metric: METRIC_CODES[metric]! };
  }

  isCurrent(v: number): boolean {
    return this.years[Math.floor(v / (M * K * this.regions.length))]!.year === this.currentYear;
  }

  /** Re-bounds one variable after its figure changed (withheld). */
  setFigure(v: number, figure: PublishedCount): void {
    this.figure[v] = figure;
    const c = this.cell(v);
    const interval = knownInterval(figure);
    const r3 = this.r3Known(this.years.find((y) => y.year === c.year)!, c.level, c.region, MODEL_CATEGORIES[Math.floor(v / M) % K]!, v % M);
    this.system.lower[v] = Math.max(interval.lo, r3.lo);
    this.system.upper[v] = Math.min(interval.hi, r3.hi);
    this.protection[v] = protectionOf(figure, c.level, c.breakdown, c.category, this.truth[v]);
  }

  private r3Known(year: YearFigures, level: StatisticsLevel, region: string, [breakdown]: readonly [Breakdown, string], metric: number) {
    if (level !== "village" || breakdown !== "none" || metric !== 0 || !villagesBrokenDown(year)) return { lo: 0, hi: Infinity };
    const brokenDown = year.rows.has(rowKey(level, region, "measure", MEASURE_CODES[0])) || year.rows.has(rowKey(level, region, "household_size", "1"));
    return brokenDown ? { lo: SMALL_VILLAGE_HOUSEHOLDS, hi: Infinity } : { lo: 0, hi: SMALL_VILLAGE_HOUSEHOLDS - 1 };
  }

  private bound(): void {
    const { lower, upper } = this.system;
    this.years.forEach((year, y) => {
      this.regions.forEach((region, r) => {
        const present = year.rows.has(rowKey(region.level, region.code, "none", TOTAL));
        MODEL_CATEGORIES.forEach((category, c) => {
          const key = rowKey(region.level, region.code, category[0], category[1]);
          const figures = year.rows.get(key);
          const truth = year.truth?.get(key);
          for (let m = 0; m < M; m++) {
            const v = this.index(y, r, c, m);
            if (!present) {
              // No row for the region that year: it has no household in that release.
              lower[v] = 0;
              upper[v] = 0;
              this.truth[v] = year.truth ? 0 : undefined;
              continue;
            }
            const figure = figures?.[m];
            this.figure[v] = figure;
            this.truth[v] = year.truth ? (truth?.[m] ?? 0) : undefined;
            const interval = figure ? knownInterval(figure) : { lo: 0, hi: Infinity };
            const r3 = this.r3Known(year, region.level, region.code, category, m);
            lower[v] = Math.max(interval.lo, r3.lo);
            upper[v] = Math.min(interval.hi, r3.hi);
            this.protection[v] = protectionOf(figure, region.level, category[0], category[1], this.truth[v]);
          }
        });
      });
    });
  }

  private row(terms: readonly (readonly [number, number])[], lo: number, hi: number): void {
    const s = this.system;
    for (const [v, a] of terms) {
      s.rowIndex.push(v);
      s.rowValue.push(a);
    }
    s.rowStart.push(s.rowIndex.length);
    s.rowLo.push(lo);
    s.rowHi.push(hi);
  }

  private relate(linkYears: boolean): void {
    const children = this.regions.map(() => [] as number[]);
    this.regions.forEach((region, r) => {
      if (region.parent >= 0) children[region.parent]!.push(r);
    });
    const causes = range(1, 1 + CAUSE_CODES.length);
    const measures = range(1 + CAUSE_CODES.length, 1 + CAUSE_CODES.length + MEASURE_CODES.length);
    const sizes = range(1 + CAUSE_CODES.length + MEASURE_CODES.length, K);
    this.years.forEach((year, y) => {
      this.regions.forEach((region, r) => {
        const at = (c: number, m: number) => this.index(y, r, c, m);
        for (let c = 0; c < K; c++) {
          const sizeBand = sizes.indexOf(c); // 0..4 → k = 1..5, 5 → 6 or more
          for (let f = 0; f < FLOWS; f++) {
            const h = at(c, 2 * f);
            const p = at(c, 2 * f + 1);
            if (sizeBand >= 0 && sizeBand < 5) this.row([[p, 1], [h, -(sizeBand + 1)]], 0, 0);
            else {
              this.row([[p, 1], [h, sizeBand === 5 ? -6 : -1]], 0, Infinity);
              this.row([[h, MAX_HOUSEHOLD_SIZE], [p, -1]], 0, Infinity);
            }
            if (f !== REGISTERED) this.subset(at(c, 0), at(c, 1), h, p, sizeBand >= 0 && sizeBand < 5);
          }
          if (measures.includes(c)) for (let f = 0; f < FLOWS; f++) this.subset(at(0, 2 * f), at(0, 2 * f + 1), at(c, 2 * f), at(c, 2 * f + 1), false);
          this.monitoringKinds(at, c);
        }
        for (let m = 0; m < M; m++) {
          for (const parts of [causes, sizes]) this.row([[at(0, m), 1], ...parts.map((c): [number, number] => [at(c, m), -1])], 0, 0);
          for (let c = 0; c < K; c++) {
            if (children[r]!.length === 0) continue;
            const rest = region.rest?.(year.year, rowKey(region.level, region.code, MODEL_CATEGORIES[c]![0], MODEL_CATEGORIES[c]![1]), m) ?? 0;
            this.row([[at(c, m), 1], ...children[r]!.map((child): [number, number] => [this.index(y, child, c, m), -1])], rest, rest);
          }
        }
      });
    });
    if (!linkYears) return;
    for (let y = 1; y < this.years.length; y++) {
      if (this.years[y]!.year !== this.years[y - 1]!.year + 1) continue;
      for (let r = 0; r < this.regions.length; r++) {
        for (let c = 0; c < K; c++) {
          for (const people of [0, 1]) {
            this.row(
              [
                [this.index(y, r, c, REGISTERED + people), 1],
                [this.index(y - 1, r, c, REGISTERED + people), -1],
                [this.index(y, r, c, 2 * NEWLY_IDENTIFIED + people), -1],
              ],
              0,
              0,
            );
          }
        }
      }
    }
  }

  // ── Issue 15 §2 (monitoring4, session 6): edge and unstable households ──────────────
  /**
   * A household under monitoring is either an edge household (边缘易致贫户) or an unstable
   * exited one (脱贫不稳定户), never both: edge + unstable = monitored, households and
   * people, in every cell. Each kind is a subset of the registered households like every
   * flow (the loop above), and of the monitored ones (implied by the sum and x ≥ 0). Each
   * part of the sum is again households of 1–50 people (the subset rows of each kind).
   */
  private monitoringKinds(at: (c: number, m: number) => number, c: number): void {
    for (const people of [0, 1]) this.row([[at(c, MONITORED + people), 1], [at(c, EDGE + people), -1], [at(c, UNSTABLE + people), -1]], 0, 0);
  }

  /** (h_sub, p_sub) ⊆ (h, p): the rest is again households of 1–50 people. */
  private subset(h: number, p: number, hSub: number, pSub: number, exactSize: boolean): void {
    this.row([[h, 1], [hSub, -1]], 0, Infinity);
    this.row([[p, 1], [pSub, -1]], 0, Infinity);
    if (exactSize) return; // p = k·h on both sides already says it
    this.row([[p, 1], [pSub, -1], [h, -1], [hSub, 1]], 0, Infinity);
    this.row([[h, MAX_HOUSEHOLD_SIZE], [hSub, -MAX_HOUSEHOLD_SIZE], [p, -1], [pSub, 1]], 0, Infinity);
  }
}

const brokenDownCache = new WeakMap<YearFigures["rows"], boolean>();

/**
 * Whether the release breaks any village down. Only then does a village without breakdown
 * rows say it is below R3's threshold: with village totals only (issue 16), or a partial
 * output (the monitoring rows alone), the missing rows say nothing.
 */
export function villagesBrokenDown(year: YearFigures): boolean {
  let known = brokenDownCache.get(year.rows);
  if (known === undefined) {
    known = false;
    for (const key of year.rows.keys()) {
      if (key.startsWith("village|") && !key.includes("|none|")) {
        known = true;
        break;
      }
    }
    brokenDownCache.set(year.rows, known);
  }
  return known;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

export function isHiddenHealth(level: StatisticsLevel, breakdown: string, category: string): boolean {
  return level === "village" && ((breakdown === "cause" && HEALTH_CAUSES.includes(category)) || (breakdown === "measure" && HEALTH_MEASURES.includes(category)));
}

export function protectionOf(figure: PublishedCount | undefined, level: StatisticsLevel, breakdown: string, category: string, truth: number | undefined): Protection | undefined {
  if (figure?.disclosure === "zero") return undefined;
  if (figure?.disclosure === "rounded") return { minValues: 2, mustAllowZero: false };
  return { minValues: 5, mustAllowZero: figure === undefined && isHiddenHealth(level, breakdown, category) && truth !== 0 };
}

/**
 * Whether a feasible range [lo, hi] meets a protection. A count the attacker cannot prove
 * positive (0 stays possible) discloses no household, whatever its upper bound: R2 itself
 * publishes 0 exactly. A count proven positive must keep the band's width (or, rounded,
 * two values); a health count below township must not be proven positive at all.
 */
export function rangeMeets(protection: Protection, lo: number, hi: number): boolean {
  if (hi <= 0 || lo <= 0) return true;
  if (protection.mustAllowZero) return false;
  return hi === Infinity || hi - lo + 1 >= protection.minValues;
}

/** The row that last tightened each variable's lower and upper bound (-1: its own figure). */
export interface Reasons {
  lo: Int32Array;
  hi: Int32Array;
}

export function newReasons(n: number): Reasons {
  return { lo: new Int32Array(n).fill(-1), hi: new Int32Array(n).fill(-1) };
}

/**
 * Sound interval propagation over the rows (whole numbers ≥ 0): tightens lower/upper in
 * place to a fixpoint. Returns false when the rows admit no solution.
 */
export function propagateRows(system: LinearSystem, lower: Float64Array, upper: Float64Array, reasons?: Reasons, maxRounds = 60): boolean {
  const { rowStart, rowIndex, rowValue, rowLo, rowHi } = system;
  const eps = 1e-9;
  for (let round = 0, changed = true; changed && round < maxRounds; round++) {
    changed = false;
    for (let r = 0; r + 1 < rowStart.length; r++) {
      let minAct = 0;
      let maxAct = 0;
      let minInf = 0;
      let maxInf = 0;
      for (let k = rowStart[r]!; k < rowStart[r + 1]!; k++) {
        const a = rowValue[k]!;
        const v = rowIndex[k]!;
        const [forMin, forMax] = a > 0 ? [lower[v]!, upper[v]!] : [upper[v]!, lower[v]!];
        if (forMin === Infinity || forMin === -Infinity) minInf++;
        else minAct += a * forMin;
        if (forMax === Infinity || forMax === -Infinity) maxInf++;
        else maxAct += a * forMax;
      }
      if (minInf === 0 && minAct > rowHi[r]! + eps) return false;
      if (maxInf === 0 && maxAct < rowLo[r]! - eps) return false;
      for (let k = rowStart[r]!; k < rowStart[r + 1]!; k++) {
        const a = rowValue[k]!;
        const v = rowIndex[k]!;
        const [forMin, forMax] = a > 0 ? [lower[v]!, upper[v]!] : [upper[v]!, lower[v]!];
        const ownMinInf = forMin === Infinity || forMin === -Infinity;
        const ownMaxInf = forMax === Infinity || forMax === -Infinity;
        // Activity of the other terms.
        const othersMin = minInf - (ownMinInf ? 1 : 0) > 0 ? -Infinity : minAct - (ownMinInf ? 0 : a * forMin);
        const othersMax = maxInf - (ownMaxInf ? 1 : 0) > 0 ? Infinity : maxAct - (ownMaxInf ? 0 : a * forMax);
        // a·x ≤ rowHi − othersMin and a·x ≥ rowLo − othersMax
        const upperOfAx = rowHi[r]! === Infinity || othersMin === -Infinity ? Infinity : rowHi[r]! - othersMin;
        const lowerOfAx = rowLo[r]! === -Infinity || othersMax === Infinity ? -Infinity : rowLo[r]! - othersMax;
        let newLo = lower[v]!;
        let newHi = upper[v]!;
        if (a > 0) {
          if (upperOfAx !== Infinity) newHi = Math.min(newHi, Math.floor(upperOfAx / a + eps));
          if (lowerOfAx !== -Infinity) newLo = Math.max(newLo, Math.ceil(lowerOfAx / a - eps));
        } else {
          if (upperOfAx !== Infinity) newLo = Math.max(newLo, Math.ceil(upperOfAx / a - eps));
          if (lowerOfAx !== -Infinity) newHi = Math.min(newHi, Math.floor(lowerOfAx / a + eps));
        }
        if (newLo > lower[v]! || newHi < upper[v]!) {
          if (newLo > newHi) return false;
          if (reasons && newLo > lower[v]!) reasons.lo[v] = r;
          if (reasons && newHi < upper[v]!) reasons.hi[v] = r;
          lower[v] = newLo;
          upper[v] = newHi;
          changed = true;
          // Activities are stale now; the next round recomputes them.
        }
      }
    }
  }
  return true;
}

/** A county's regions as blocks: one block, or (large counties) the county with its townships plus one block per township. */
export function countyBlocks(county: string, townships: ReadonlyMap<string, readonly string[]>, maxRegionsPerBlock: number): ModelRegion[][] {
  const villages = [...townships.values()].reduce((s, v) => s + v.length, 0);
  const sorted = [...townships.keys()].sort();
  if (1 + sorted.length + villages <= maxRegionsPerBlock) {
    const regions: ModelRegion[] = [{ level: "county", code: county, parent: -1 }];
    for (const t of sorted) {
      const parent = regions.length;
      regions.push({ level: "township", code: t, parent: 0 });
      for (const v of [...townships.get(t)!].sort()) regions.push({ level: "village", code: v, parent });
    }
    return [regions];
  }
  return [
    [{ level: "county", code: county, parent: -1 }, ...sorted.map((t): ModelRegion => ({ level: "township", code: t, parent: 0 }))],
    ...sorted.map((t): ModelRegion[] => [{ level: "township", code: t, parent: -1 }, ...[...townships.get(t)!].sort().map((v): ModelRegion => ({ level: "village", code: v, parent: 0 }))]),
  ];
}

/** County → township → villages of the regions that have rows in any of the years. */
export function regionTree(years: readonly YearFigures[]): Map<string, Map<string, Set<string>>> {
  const tree = new Map<string, Map<string, Set<string>>>();
  for (const year of years) {
    for (const key of year.rows.keys()) {
      const [level, code] = key.split("|") as [StatisticsLevel, string];
      const county = ancestorCode(code, "county");
      let towns = tree.get(county);
      if (!towns) tree.set(county, (towns = new Map()));
      if (level === "county") continue;
      const township = ancestorCode(code, "township");
      let villages = towns.get(township);
      if (!villages) towns.set(township, (villages = new Set()));
      if (level === "village") villages.add(code);
    }
  }
  return tree;
}
