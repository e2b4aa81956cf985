/**
 * The exact attacker: the smallest and largest value of a count that the whole system of
 * joint-model.ts admits, by linear programming (HiGHS). The LP relaxation's bounds,
 * rounded inward to whole numbers, enclose what an integer program finds, so a range that
 * meets the rule here meets it against an integer attacker too only up to the relaxation's
 * gap; the rounding inward already closes the usual gap of these network-like systems.
 *
 * Cost: one persistent model per block. Most cells are proven safe by witnesses: a few
 * solves with ±1 objectives over the unproven cells (each from scratch with presolve and
 * dual simplex, dropped past an iteration cap) give feasible points, and a cell whose
 * observed values already span its required range needs no solve of its own. Only the rest
 * get a min (and, if still unproven, a max) solve, warm-started from the last basis.
 */
import type { Highs } from "highs";
import { rangeMeets, type BlockModel, type Protection } from "./joint-model";

export interface AttackFinding {
  v: number;
  lo: number;
  hi: number;
  protection: Protection;
  /** Variables whose bounds carry a reduced cost at the attacker's optimum, largest first: the figures that pin it. */
  binding: number[];
}

export interface BlockAttack {
  infeasible: boolean;
  findings: AttackFinding[];
  solves: number;
  /** Cells proven by witnesses without a solve of their own. */
  byWitness: number;
}

const EPS = 1e-6;

/** One LP solve as a benchmark sees it (bench/linked-block.ts). */
export interface SolveRecord {
  kind: "first" | "witness" | "min" | "max";
  wallMs: number;
  cpuMs: number;
  iterations: number;
  cols: number;
  rows: number;
  status: number;
  /** Cells still unproven before this solve. */
  unproven: number;
}

/**
 * Hooks for benchmarks only (bench/linked-block.ts): `call` sees each attack's inputs (to
 * capture one block's LP and replay it), `solve` each solve's cost. Nothing in the product
 * sets them; when unset they cost one property read per call and per solve.
 */
export const attackProbe: {
  call?: (model: BlockModel, lower: Float64Array, upper: Float64Array, cells: readonly number[], options: AttackOptions) => void;
  solve?: (record: SolveRecord) => void;
} = {};

export interface AttackOptions {
  seed?: number;
  witnessRounds?: number;
  points?: readonly ArrayLike<number>[];
  maxSolves?: number;
  /** Cells only the shared witness solves may prove (no solve of their own): reported as findings when they do not. */
  witnessOnly?: ReadonlySet<number>;
  /** Solver settings (benchmarks compare them; the default is the measured winner). */
  lp?: string;
}

/** How one solve starts: from scratch (presolve, dual simplex) or from the last basis. */
type SolveMode = "fresh-dual" | "fresh-ipm" | "warm-primal" | "warm-dual";
const MODE_OPTIONS: Record<SolveMode, Record<string, string | number | boolean>> = {
  "fresh-dual": { presolve: "on", solver: "simplex", simplex_strategy: 1 },
  "fresh-ipm": { presolve: "on", solver: "ipm", run_crossover: "on" },
  "warm-primal": { presolve: "off", solver: "simplex", simplex_strategy: 4 },
  "warm-dual": { presolve: "off", solver: "simplex", simplex_strategy: 1 },
};
interface Variant {
  witness: SolveMode;
  cell: SolveMode;
  /** Witness rounds at most (options.witnessRounds wins). */
  rounds?: number;
  /** Skip a cell's max solve when its min solve's point already proves it. */
  skipMax?: boolean;
  /** A witness objective over at most this many cells changes little: solved like a cell's own (from the last basis). */
  warmWitnessUpTo?: number;
  /** Simplex iterations a witness solve may take before it is dropped. */
  witnessIterations?: number;
  /** Witness objectives by capped targets (see setTargets), no zero-objective first solve. */
  targets?: boolean;
}
/**
 * Solver settings compared by bench/linked-block.ts on the demo's linked 2017 township
 * blocks (docs/register-and-disclosure.md, "Cost"); "default" is the measured winner.
 * Witness objectives change hundreds of costs at once: from the last basis primal simplex
 * needed 4,000–11,000 iterations at ~2.4 ms each on the 7,772 × 32,182 LP of Nanling
 * 340223101000, while presolve and dual simplex from scratch need 3,000–6,000 iterations
 * at ~0.7 ms (presolve leaves 5,352 × 21,047). A cell's own objective changes one cost:
 * primal simplex from the last basis needs 0–1,000 iterations there, far fewer than
 * from scratch (~3,000). A witness objective now and then takes 15,000–37,000
 * iterations; it is dropped at 8,000 (witnesses only ever add proofs; dropping one is sound).
 * A witness objective over at most 16 cells is solved like a cell's own: the county
 * block's restriction (8 cells) took ~28 s of CPU from scratch against 7.6 s warm.
 */
const VARIANTS: Record<string, Variant> = {
  default: { witness: "fresh-dual", cell: "warm-primal", skipMax: true, witnessIterations: 8000, warmWitnessUpTo: 16 },
  "warm-primal": { witness: "warm-primal", cell: "warm-primal" },
  "warm-dual": { witness: "warm-dual", cell: "warm-dual" },
  "presolve-each": { witness: "fresh-dual", cell: "fresh-dual" },
  ipm: { witness: "fresh-ipm", cell: "fresh-ipm" },
  hybrid: { witness: "fresh-dual", cell: "warm-primal", skipMax: true },
  // Measured and dropped (130 s of CPU against 60 s on Nanling 340223101000): kept to re-measure.
  targets: { witness: "fresh-dual", cell: "warm-primal", skipMax: true, targets: true },
  "hybrid-cap": { witness: "fresh-dual", cell: "warm-primal", skipMax: true, witnessIterations: 8000 },
  "hybrid-4": { witness: "fresh-dual", cell: "warm-primal", skipMax: true, rounds: 4 },
  "hybrid-8": { witness: "fresh-dual", cell: "warm-primal", skipMax: true, rounds: 8 },
};

const cpuNow = (): number => {
  const usage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : 0;
};

/** Deterministic ±1 from a cell and a round (no Math.random: the gate must choose the same suppressions every run). */
function sign(v: number, round: number, seed: number): number {
  let x = (v * 2654435761 + round * 40503 + seed * 97) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822507) >>> 0;
  x ^= x >>> 13;
  return x & 1 ? 1 : -1;
}

export function attackBlock(
  highs: Highs,
  model: BlockModel,
  lower: Float64Array,
  upper: Float64Array,
  cells: readonly number[],
  options: AttackOptions = {},
): BlockAttack {
  attackProbe.call?.(model, lower, upper, cells, options);
  const variant = VARIANTS[options.lp ?? "default"]!;
  const s = model.system;
  // Known feasible points (the true counts at import) prove most cells without any solve:
  // a count that is 0 in a feasible point keeps 0 possible.
  const pointLo = new Map<number, number>();
  const pointHi = new Map<number, number>();
  for (const point of options.points ?? []) {
    for (const v of cells) {
      const value = point[v]!;
      pointLo.set(v, Math.min(pointLo.get(v) ?? Infinity, value));
      pointHi.set(v, Math.max(pointHi.get(v) ?? -Infinity, value));
    }
  }
  const needSolve = options.points ? cells.filter((v) => !rangeMeets(model.protection[v]!, pointLo.get(v)!, pointHi.get(v)!)) : cells;
  if (needSolve.length === 0) return { infeasible: false, findings: [], solves: 0, byWitness: cells.length };
  const inf = highs.infinity;
  const clamp = (x: number) => (x === Infinity ? inf : x === -Infinity ? -inf : x);
  // Counts the intervals already fix (most flows of most cells are 0) leave the LP: their
  // value moves into the row bounds. The LP then holds only what can still vary.
  const column = new Int32Array(s.n).fill(-1);
  const free: number[] = [];
  for (let v = 0; v < s.n; v++) if (lower[v]! < upper[v]!) column[v] = free.push(v) - 1;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (let r = 0; r + 1 < s.rowStart.length; r++) {
    let constant = 0;
    const before = indices.length;
    for (let k = s.rowStart[r]!; k < s.rowStart[r + 1]!; k++) {
      const v = s.rowIndex[k]!;
      if (column[v]! < 0) constant += s.rowValue[k]! * lower[v]!;
      else {
        indices.push(column[v]!);
        values.push(s.rowValue[k]!);
      }
    }
    if (indices.length === before) continue;
    starts.push(indices.length);
    rowLower.push(clamp(s.rowLo[r]! - constant));
    rowUpper.push(clamp(s.rowHi[r]! - constant));
  }
  const numCols = free.length;
  const numRows = rowLower.length;
  const full = (x: ArrayLike<number>, fixed: (v: number) => number) => {
    const out = new Float64Array(s.n);
    for (let v = 0; v < s.n; v++) out[v] = column[v]! < 0 ? fixed(v) : x[column[v]!]!;
    return out;
  };
  if (numCols === 0) {
    const findings = needSolve.filter((v) => !rangeMeets(model.protection[v]!, lower[v]!, upper[v]!)).map((v) => ({ v, lo: lower[v]!, hi: upper[v]!, protection: model.protection[v]!, binding: [] }));
    return { infeasible: false, findings, solves: 0, byWitness: cells.length - findings.length };
  }
  // Target columns (variant.targets): one gain column g and one row per cell that can
  // still vary, g − x ≤ −a (up) or g + x ≤ b (down), the gain capped at what proves the
  // cell. Idle (g fixed at 0, the row free) they leave the attacker's system as it is.
  const targetCells = variant.targets ? needSolve.filter((v) => column[v]! >= 0) : [];
  const T = targetCells.length;
  for (let i = 0; i < T; i++) {
    indices.push(numCols + i, column[targetCells[i]!]!);
    values.push(1, 1);
    starts.push(indices.length);
    rowLower.push(-inf);
    rowUpper.push(inf);
  }
  const lp = highs.createModel({
    numCols: numCols + T,
    numRows: numRows + T,
    colCost: new Float64Array(numCols + T),
    colLower: Float64Array.from({ length: numCols + T }, (_, c) => (c < numCols ? clamp(lower[free[c]!]!) : 0)),
    colUpper: Float64Array.from({ length: numCols + T }, (_, c) => (c < numCols ? clamp(upper[free[c]!]!) : 0)),
    rowLower: Float64Array.from(rowLower),
    rowUpper: Float64Array.from(rowUpper),
    matrix: { format: "csr", numRows: numRows + T, numCols: numCols + T, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
  });
  try {
    // How each solve starts is the variant's (VARIANTS, measured): the first from scratch
    // (presolve, dual simplex), witnesses from scratch too, a cell's own min and max from
    // the last basis, which stays primal feasible when only the objective changes. The
    // bounds are LP optima either way; witness points are feasible points either way.
    lp.options.set({ output_flag: false });
    const { optimal, infeasible, unbounded, unboundedOrInfeasible, iterationLimit } = highs.constants.modelStatus;
    const { minimize, maximize } = highs.constants.objectiveSense;
    let solves = 0;
    let dual: Float64Array | undefined;
    let capped = false;
    const run = (kind: SolveRecord["kind"]): Float64Array | undefined => {
      const probe = attackProbe.solve;
      const wall0 = probe ? performance.now() : 0;
      const cpu0 = probe ? cpuNow() : 0;
      const mode: SolveMode = kind === "first" ? "fresh-dual" : kind === "witness" ? (costed.length <= (variant.warmWitnessUpTo ?? -1) ? variant.cell : variant.witness) : variant.cell;
      if (solves > 0 && mode.startsWith("fresh")) lp.clearSolver();
      lp.options.set({ ...MODE_OPTIONS[mode], simplex_iteration_limit: kind === "witness" && variant.witnessIterations ? variant.witnessIterations : 2147483647 });
      lp.run();
      solves++;
      probe?.({ kind, wallMs: performance.now() - wall0, cpuMs: cpuNow() - cpu0, iterations: Number(lp.info.get("simplex_iteration_count")), cols: numCols, rows: numRows, status: lp.getModelStatus(), unproven: unproven.length });
      const status = lp.getModelStatus();
      // A witness solve stopped by its iteration cap: its point need not be feasible (dual
      // simplex), so it is dropped; nothing is concluded from it.
      capped = status === iterationLimit && kind === "witness";
      if (capped) return undefined;
      if (status === optimal) {
        const solution = lp.getSolution();
        dual = full(solution.colDual, () => 0);
        return full(solution.colValue, (v) => lower[v]!);
      }
      if (status === infeasible || status === unboundedOrInfeasible) throw new InfeasibleBlock();
      if (status === unbounded) return undefined;
      throw new Error(`LP solver stopped with model status ${status}`);
    };

    const seenLo = new Map<number, number>(pointLo);
    const seenHi = new Map<number, number>(pointHi);
    let unproven = [...needSolve];
    const observe = (x: Float64Array) => {
      for (const v of unproven) {
        const value = x[v]!;
        if (!(value >= (seenLo.get(v) ?? Infinity))) seenLo.set(v, value);
        if (!(value <= (seenHi.get(v) ?? -Infinity))) seenHi.set(v, value);
      }
      unproven = unproven.filter((v) => !rangeMeets(model.protection[v]!, Math.ceil(seenLo.get(v)! - EPS), Math.floor(seenHi.get(v)! + EPS)));
    };
    if (!variant.targets) {
      const first = run("first");
      if (first) observe(first);
    }
    let costed: number[] = [];
    const setCosts = (entries: readonly (readonly [number, number])[]) => {
      for (const c of costed) lp.changeColCost(c, 0);
      const live = entries.filter(([v]) => column[v]! >= 0);
      for (const [v, c] of live) lp.changeColCost(column[v]!, c);
      costed = live.map(([v]) => column[v]!);
    };
    // Witnesses: one solve bounds every unproven cell at once. All cells down (most reach 0,
    // which proves them), all up, then random ±1 mixes, while a round still proves enough
    // cells to beat solving them one by one.
    const maxRounds = options.witnessRounds ?? variant.rounds ?? 16;
    /**
     * Targets instead of plain ±1 costs: each unproven cell gains up to what proves it
     * (from its seen range [a, b] in whole values: up to a + w, or down to b − w or to 0,
     * w = required values − 1), weighted so that each cell proven counts 1. The LP then
     * maximises the (fractional) number of cells one point proves, and no cell is pushed
     * further than it needs (which cost the plain objective thousands of iterations).
     * Sound: the gain columns and rows only restrict x (g is bounded below by what any
     * feasible x allows, so they restrict nothing), so every point found is a feasible
     * point of the attacker's system, which is all a witness needs.
     */
    const setTargets = (round: number) => {
      for (let i = 0; i < T; i++) {
        const v = targetCells[i]!;
        const row = numRows + i;
        const g = numCols + i;
        const protection = model.protection[v]!;
        if (!unproven.includes(v)) {
          lp.changeColCost(g, 0);
          lp.changeColBounds(g, 0, 0);
          lp.changeRowBounds(row, -inf, inf);
          continue;
        }
        const a = Math.ceil(seenLo.get(v)! - EPS);
        const b = Math.floor(seenHi.get(v)! + EPS);
        const w = protection.minValues - 1;
        const up = !protection.mustAllowZero && (round === 1 || (round >= 2 && sign(v, round, options.seed ?? 0) > 0));
        const cap = up ? w : protection.mustAllowZero ? b : Math.min(w, b);
        lp.changeCoefficient(row, column[v]!, up ? -1 : 1);
        lp.changeRowBounds(row, -inf, up ? -a : b);
        lp.changeColBounds(g, clamp(up ? lower[v]! - a : b - upper[v]!), cap);
        lp.changeColCost(g, -1 / cap);
      }
    };
    for (let round = 0; round < maxRounds && unproven.length > 4; round++) {
      const before = unproven.length;
      if (variant.targets) setTargets(round);
      else setCosts(unproven.map((v) => [v, round === 0 ? 1 : round === 1 ? -1 : sign(v, round, options.seed ?? 0)] as const));
      lp.changeObjectiveSense(minimize);
      const x = run("witness");
      if (x) observe(x);
      // A round dropped at its iteration cap says nothing about how well witnesses work.
      if (round >= 2 && !capped && before - unproven.length < Math.max(2, before / 20)) break;
    }
    const byWitness = cells.length - unproven.length;
    if (variant.targets) {
      // Idle every target: the cells' own solves see the attacker's system alone.
      for (let i = 0; i < T; i++) {
        lp.changeColCost(numCols + i, 0);
        lp.changeColBounds(numCols + i, 0, 0);
        lp.changeRowBounds(numRows + i, -inf, inf);
      }
    }

    const findings: AttackFinding[] = [];
    for (const v of [...unproven]) {
      if (!unproven.includes(v)) continue; // proven by an earlier cell's optimum
      if (options.witnessOnly?.has(v)) {
        findings.push({ v, lo: Math.ceil(seenLo.get(v)! - EPS), hi: Math.floor(seenHi.get(v)! + EPS), protection: model.protection[v]!, binding: [] });
        unproven = unproven.filter((w) => w !== v);
        continue;
      }
      if (options.maxSolves !== undefined && solves >= options.maxSolves) throw new SolveBudgetExceeded(solves);
      if (column[v]! < 0) {
        // Fixed by the intervals already: its range is that one value.
        if (!rangeMeets(model.protection[v]!, lower[v]!, upper[v]!)) findings.push({ v, lo: lower[v]!, hi: upper[v]!, protection: model.protection[v]!, binding: [] });
        unproven = unproven.filter((w) => w !== v);
        continue;
      }
      setCosts([[v, 1]]);
      const bounds: number[] = [];
      const binding = new Map<number, number>();
      for (const sense of [minimize, maximize]) {
        lp.changeObjectiveSense(sense);
        const x = run(sense === minimize ? "min" : "max");
        if (!x) {
          bounds.push(sense === minimize ? -Infinity : Infinity);
          continue;
        }
        bounds.push(x[v]!);
        if (sense === minimize && x[v]! <= EPS) {
          // 0 stays possible: nothing is disclosed, whatever the maximum.
          bounds.push(Infinity);
          observe(x);
          break;
        }
        // The figures that pin the optimum: variables whose bound carries a reduced cost.
        dual!.forEach((d, w) => {
          if (w !== v && Math.abs(d) > EPS) binding.set(w, Math.max(binding.get(w) ?? 0, Math.abs(d)));
        });
        observe(x);
        // The points seen so far (this minimum among them) already span the required range:
        // feasible points prove it, the maximum can add nothing.
        if (variant.skipMax && !unproven.includes(v)) break;
      }
      if (!unproven.includes(v)) continue;
      const lo = Math.max(0, Math.ceil(bounds[0]! - EPS));
      const hi = bounds[1] === Infinity ? Infinity : Math.floor(bounds[1]! + EPS);
      const protection = model.protection[v]!;
      if (!rangeMeets(protection, lo, hi)) findings.push({ v, lo, hi, protection, binding: [...binding].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([w]) => w) });
      unproven = unproven.filter((w) => w !== v);
    }
    return { infeasible: false, findings, solves, byWitness };
  } catch (error) {
    if (error instanceof InfeasibleBlock) return { infeasible: true, findings: [], solves: 0, byWitness: 0 };
    throw error;
  } finally {
    lp.dispose();
  }
}

class InfeasibleBlock extends Error {}

/** The block's fixed budget of LP solves ran out (the caller decides what that means). */
export class SolveBudgetExceeded extends Error {
  constructor(readonly solves: number) {
    super(`the exact attacker's budget of LP solves ran out after ${solves}`);
    this.name = "SolveBudgetExceeded";
  }
}

const rowsCache = new WeakMap<BlockModel, number[][]>();

/** Rows of each variable (the system is stored by row); computed once per model. */
export function columnRows(model: BlockModel): number[][] {
  const cached = rowsCache.get(model);
  if (cached) return cached;
  const s = model.system;
  const rows: number[][] = Array.from({ length: s.n }, () => []);
  for (let r = 0; r + 1 < s.rowStart.length; r++) for (let k = s.rowStart[r]!; k < s.rowStart[r + 1]!; k++) rows[s.rowIndex[k]!]!.push(r);
  rowsCache.set(model, rows);
  return rows;
}
