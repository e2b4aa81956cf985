/**
 * Proofs by village swaps (issue 16): most of the joint gate's protected counts are the
 * hidden cells of villages — their breakdowns, people and flows — since villages publish
 * their totals of registered and exited households only. Two households of the same
 * township that agree on everything a village publishes (present the year before, exited
 * this year, exited the year before) can trade villages: every published figure of both
 * years stays exactly as it was (the villages' totals count the same households per kind,
 * the township and county hold both households either way), and the register stays a real
 * register. So the swapped register is a feasible integer point for any attacker, of the
 * joint model's system and of any stronger one, and the values it gives a village cell are
 * possible values.
 *
 * For a cell (village v, category, metric, year) with true count t: pairing v's households
 * that count in it with sibling households of the same kind that count less, and swapping
 * all the pairs at once, lowers it by D; swapping the other way raises it by U. Each partial
 * set of swaps is a register too, and the attacker's LP range is an interval, so [t − D,
 * t + U] is possible. The cell is proven when that range meets its protection (0 reached, or
 * enough values). Swaps change no published figure, so a proof here stays valid whatever the
 * gate withholds later. A cell not proven here is left to the LP (joint-protect.ts).
 *
 * Cost: arithmetic on small sorted lists, no solver: milliseconds per county.
 */
import { ancestorCode } from "../region-codes";
import { householdSizeBand, METRIC_CODES, TOTAL, VILLAGE_METRICS, type StatisticsLevel } from "./categories";
import { MODEL_CATEGORIES, protectionOf, rangeMeets, rowKey, type YearFigures } from "./joint-model";
import { householdContribution, type RegisterHouseholdFacts } from "./tables";

const M = METRIC_CODES.length;
const PUBLISHED_AT_VILLAGE = new Set(VILLAGE_METRICS.map((m) => METRIC_CODES.indexOf(m)));

/** Identity of a count in the gate (joint-protect.ts cellId): year, row key, metric code. */
function countId(year: number, key: string, metric: number): string {
  return `${year}|${key}|${METRIC_CODES[metric]}`;
}

function inCategory(h: RegisterHouseholdFacts, breakdown: string, category: string): boolean {
  switch (breakdown) {
    case "none":
      return true;
    case "cause":
      return h.cause === category;
    case "measure":
      return (h.measures as readonly string[]).includes(category);
    default:
      return householdSizeBand(h.householdSize) === category;
  }
}

/**
 * Proves hidden village counts of one county. `years` are the county's figures with their
 * true counts (this release and, when linked, the previous year rebuilt from the same file);
 * `households` the current file's households of the county. Only valid while villages
 * publish no breakdown: a release that breaks villages down gets no proof from here.
 */
export function proveByVillageSwaps(households: readonly RegisterHouseholdFacts[], years: readonly YearFigures[]): { proven: Set<string>; needed: number; millis: number } {
  const started = Date.now();
  const proven = new Set<string>();
  let needed = 0;
  const withTruth = years.filter((y) => y.truth);
  for (const year of withTruth) {
    for (const key of year.rows.keys()) if (key.startsWith("village|") && !key.includes("|none|")) return { proven, needed, millis: Date.now() - started };
  }
  const yearList = withTruth.map((y) => y.year).sort((a, b) => a - b);
  // What a village publishes about a household, in every year the gate holds: it may trade
  // villages only with a household of the same kind.
  const kindOf = (h: RegisterHouseholdFacts) => yearList.map((y) => `${h.identifiedYear <= y ? 1 : 0}${h.exitYear === y ? 1 : 0}`).join("");
  const byTownship = new Map<string, Map<string, RegisterHouseholdFacts[]>>(); // township → village → households
  for (const h of households) {
    const t = ancestorCode(h.villageCode, "township");
    let villages = byTownship.get(t);
    if (!villages) byTownship.set(t, (villages = new Map()));
    const list = villages.get(h.villageCode) ?? [];
    list.push(h);
    villages.set(h.villageCode, list);
  }
  for (const year of withTruth) {
    const contributions = new Map<RegisterHouseholdFacts, number[]>();
    const contribution = (h: RegisterHouseholdFacts) => {
      let c = contributions.get(h);
      if (!c) contributions.set(h, (c = h.identifiedYear <= year.year ? householdContribution(h, year.year) : new Array<number>(M).fill(0)));
      return c;
    };
    for (const villages of byTownship.values()) {
      for (const [village, own] of villages) {
        const others = [...villages].filter(([v]) => v !== village).flatMap(([, list]) => list);
        const kinds = new Map<string, { own: RegisterHouseholdFacts[]; others: RegisterHouseholdFacts[] }>();
        for (const [list, side] of [[own, "own"], [others, "others"]] as const) {
          for (const h of list) {
            const kind = kindOf(h);
            let entry = kinds.get(kind);
            if (!entry) kinds.set(kind, (entry = { own: [], others: [] }));
            entry[side].push(h);
          }
        }
        for (const [breakdown, category] of MODEL_CATEGORIES) {
          const key = rowKey("village", village, breakdown, category);
          const truth = year.truth!.get(key);
          if (!truth) continue;
          for (let m = 0; m < M; m++) {
            if (breakdown === "none" && category === TOTAL && PUBLISHED_AT_VILLAGE.has(m)) continue; // published: the LP proves it
            const t = truth[m]!;
            const protection = protectionOf(year.rows.get(key)?.[m], "village" as StatisticsLevel, breakdown, category, t);
            if (t <= 0 || !protection) continue;
            needed++;
            let down = 0;
            let up = 0;
            for (const entry of kinds.values()) {
              const mine = entry.own.map((h) => (inCategory(h, breakdown, category) ? contribution(h)[m]! : 0));
              const theirs = entry.others.map((h) => (inCategory(h, breakdown, category) ? contribution(h)[m]! : 0));
              mine.sort((a, b) => b - a);
              theirs.sort((a, b) => a - b);
              for (let i = 0; i < mine.length && i < theirs.length && mine[i]! > theirs[i]!; i++) down += mine[i]! - theirs[i]!;
              mine.reverse();
              theirs.reverse();
              for (let i = 0; i < mine.length && i < theirs.length && theirs[i]! > mine[i]!; i++) up += theirs[i]! - mine[i]!;
            }
            if (rangeMeets(protection, Math.max(0, t - down), t + up)) proven.add(countId(year.year, key, m));
          }
        }
      }
    }
  }
  return { proven, needed, millis: Date.now() - started };
}
