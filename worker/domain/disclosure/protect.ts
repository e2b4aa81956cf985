/**
 * Secondary suppression. R2 alone does not stop subtraction: with a township of 17
 * households split 1 / 8 / 8 over three villages, the published "1-7", 10, 10 and 15
 * admit only one value for the first village (17 − 8 − 8). So, after rounding, every
 * table is attacked with the interval model (intervals.ts) and, while some hidden count
 * can be narrowed below MIN_POSSIBLE_VALUES, a published figure next to it is withheld.
 *
 * Guarantees, for every figure of a release under the attacker model:
 * - a banded figure (1–7), a withheld one and a count that is not published at all (R3,
 *   R4) keep at least MIN_POSSIBLE_VALUES possible values, unless the figures prove it 0
 *   (R2 publishes 0 exactly anyway);
 * - a rounded figure is never pinned to one value.
 */
import { propagate, type SumRelation } from "./intervals";
import { knownInterval, roundCount, type PublishedCount } from "./rounding";

export const MIN_POSSIBLE_VALUES = 5;

export interface ProtectionCell {
  truth: number;
  /** false: the cell is a hidden count (not published: R3, R4); it still takes part in sums. */
  published: boolean;
  /** Lower is withheld first (village breakdowns before township totals, say). */
  withholdRank: number;
  /** Extra knowledge the publication pattern gives away (R3's threshold). */
  known?: { lo?: number; hi?: number };
  /** A helper unknown that only expresses an inequality (households without a measure): never checked. */
  auxiliary?: boolean;
}

export interface ProtectionResult {
  /** Published figure of each cell (undefined for hidden cells). */
  figures: (PublishedCount | undefined)[];
  withheld: number;
  /** Cells still below the guarantee when nothing more could be withheld (expected: none). */
  unresolved: number[];
}

function attackBaseline(cells: readonly ProtectionCell[], figures: readonly (PublishedCount | undefined)[]) {
  const lo = new Float64Array(cells.length);
  const hi = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const figure = figures[i];
    const interval = figure ? knownInterval(figure) : { lo: 0, hi: Infinity };
    const known = cells[i]!.known;
    lo[i] = Math.max(interval.lo, known?.lo ?? 0);
    hi[i] = Math.min(interval.hi, known?.hi ?? Infinity);
  }
  return { lo, hi };
}

/** What the attacker learns about every cell from the published figures and the sums between them. */
export function attackBounds(cells: readonly ProtectionCell[], figures: readonly (PublishedCount | undefined)[], relations: readonly SumRelation[]) {
  const { lo, hi } = attackBaseline(cells, figures);
  propagate(lo, hi, relations);
  return { lo, hi };
}

function violates(figure: PublishedCount | undefined, lo: number, hi: number): boolean {
  if (hi === 0) return false;
  const values = hi === Infinity ? Infinity : hi - lo + 1;
  if (figure === undefined || figure.disclosure === "banded" || figure.disclosure === "withheld") return values < MIN_POSSIBLE_VALUES;
  if (figure.disclosure === "rounded") return values < 2;
  return false;
}

/** Rounds every published cell (R2), then withholds until the guarantees hold. */
export function protectTable(cells: readonly ProtectionCell[], relations: readonly SumRelation[]): ProtectionResult {
  const figures: (PublishedCount | undefined)[] = cells.map((cell) => (cell.published ? roundCount(cell.truth) : undefined));
  const relationsOf: number[][] = cells.map(() => []);
  relations.forEach((relation, r) => {
    relationsOf[relation.parent]!.push(r);
    for (const child of relation.children) relationsOf[child]!.push(r);
  });

  // Bounds before any sum is used; withholding a cell only resets that cell's entry.
  const base = attackBaseline(cells, figures);
  let withheld = 0;
  for (;;) {
    const lo = base.lo.slice();
    const hi = base.hi.slice();
    propagate(lo, hi, relations);
    const toWithhold = new Set<number>();
    const unresolved: number[] = [];
    for (let i = 0; i < cells.length; i++) {
      if (cells[i]!.auxiliary || !violates(figures[i], lo[i]!, hi[i]!)) continue;
      const candidate = pickNeighbour(i, cells, figures, relations, relationsOf);
      if (candidate === undefined) unresolved.push(i);
      else toWithhold.add(candidate);
    }
    if (toWithhold.size === 0) return { figures, withheld, unresolved };
    for (const cell of toWithhold) {
      figures[cell] = { value: null, disclosure: "withheld" };
      base.lo[cell] = Math.max(0, cells[cell]!.known?.lo ?? 0);
      base.hi[cell] = Math.min(Infinity, cells[cell]!.known?.hi ?? Infinity);
      withheld++;
    }
  }
}

/**
 * A published figure sharing a sum with the exposed cell: a child before a parent, a
 * finer level before a coarser one, a figure carrying little (0 or 1–7) before a large one.
 */
function pickNeighbour(
  exposed: number,
  cells: readonly ProtectionCell[],
  figures: readonly (PublishedCount | undefined)[],
  relations: readonly SumRelation[],
  relationsOf: readonly number[][],
): number | undefined {
  let best: number | undefined;
  let bestScore = Infinity;
  for (const r of relationsOf[exposed]!) {
    const relation = relations[r]!;
    const consider = (cell: number, asParent: boolean) => {
      const figure = figures[cell];
      if (cell === exposed || figure === undefined || figure.disclosure === "withheld") return;
      const score = (asParent ? 1e12 : 0) + cells[cell]!.withholdRank * 1e9 + (figure.disclosure === "rounded" ? cells[cell]!.truth : 0);
      if (score < bestScore) {
        bestScore = score;
        best = cell;
      }
    };
    for (const child of relation.children) consider(child, false);
    consider(relation.parent, true);
  }
  return best;
}
