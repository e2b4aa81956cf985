/**
 * The attacker's model: what can be learned about each count from the published figures
 * and the additive identities between them (a county is the sum of its townships, a
 * township of its villages, a total of its causes…). Interval constraint propagation
 * tightens every count's interval until nothing changes; it is what a person with a
 * spreadsheet can do by subtracting figures, repeated to a fixpoint.
 *
 * protect.ts uses it to decide what to withhold; the attack tests use it to check the
 * published tables.
 */
export interface Interval {
  lo: number;
  /** Inclusive; Infinity when nothing bounds the count from above. */
  hi: number;
}

/** parent = Σ children, for one figure (one metric) over cells identified by index. */
export interface SumRelation {
  parent: number;
  children: readonly number[];
}

export class InconsistentFiguresError extends Error {
  constructor(readonly cell: number) {
    super(`published figures contradict each other at cell ${cell}`);
    this.name = "InconsistentFiguresError";
  }
}

/**
 * Tightens `lo`/`hi` in place until a fixpoint (or `maxRounds`). Every count is a whole
 * number ≥ 0. Throws InconsistentFiguresError if the figures admit no solution.
 */
export function propagate(lo: Float64Array, hi: Float64Array, relations: readonly SumRelation[], maxRounds = 100): number {
  let rounds = 0;
  for (let changed = true; changed && rounds < maxRounds; rounds++) {
    changed = false;
    for (const { parent, children } of relations) {
      let sumLo = 0;
      let finiteHi = 0;
      let infiniteChildren = 0;
      for (const c of children) {
        sumLo += lo[c]!;
        if (hi[c] === Infinity) infiniteChildren++;
        else finiteHi += hi[c]!;
      }
      const sumHi = infiniteChildren > 0 ? Infinity : finiteHi;
      if (sumLo > lo[parent]!) {
        lo[parent] = sumLo;
        changed = true;
      }
      if (sumHi < hi[parent]!) {
        hi[parent] = sumHi;
        changed = true;
      }
      const pLo = lo[parent]!;
      const pHi = hi[parent]!;
      for (const c of children) {
        // Upper bound of the other children's sum (Infinity if any other one is unbounded).
        const othersHi =
          infiniteChildren === 0 ? finiteHi - hi[c]! : infiniteChildren === 1 && hi[c] === Infinity ? finiteHi : Infinity;
        const othersLo = sumLo - lo[c]!;
        const newLo = Math.max(lo[c]!, othersHi === Infinity ? 0 : pLo - othersHi);
        const newHi = Math.min(hi[c]!, pHi - othersLo);
        if (newLo > lo[c]!) {
          lo[c] = newLo;
          changed = true;
        }
        if (newHi < hi[c]!) {
          hi[c] = newHi;
          changed = true;
        }
        if (lo[c]! > hi[c]!) throw new InconsistentFiguresError(c);
      }
      if (lo[parent]! > hi[parent]!) throw new InconsistentFiguresError(parent);
    }
  }
  return rounds;
}

/** How many whole numbers an interval admits. */
export function possibleValues(interval: Interval): number {
  return interval.hi === Infinity ? Infinity : interval.hi - interval.lo + 1;
}
