/**
 * Integer witnesses for the joint gate (issue 16): alternative registers that reproduce every
 * published figure of a county (this release and the linked previous one) but give a
 * protected count another value. Built by editing households of the true register — move a
 * household to another village, change its size, cause, a measure or a flow, swap two
 * households' villages, add or drop one — and recounting only the cells the edit touches.
 *
 * Why this is sound: a witness is a whole register, so its counts satisfy every relation of
 * the joint model (sums, households and people, subsets, continuity between the two years,
 * R3's threshold: all are true of every register) and every published figure (checked cell
 * by cell). It is therefore a feasible integer point of the real attacker's system, and of
 * any attacker who knows more facts of registers than the model lists: the attacker cannot
 * exclude the value it shows. Witnesses stay valid when more figures are withheld
 * (withholding only widens what a figure admits). Every state a walk passes through is a
 * witness, so a walk from the true count down to 0 shows 0 possible, and a walk over k
 * consecutive values shows k possible values — integer points, no convexity argument needed.
 *
 * Cost: pure arithmetic on count maps, no solver. A cell the walks cannot prove is left to
 * the LP (joint-protect.ts), which is exact; so a weak witness search costs time, never
 * safety.
 */
import { ancestorCode } from "../region-codes";
import {
  CAUSE_CODES,
  householdSizeBand,
  MEASURE_CODES,
  METRIC_CODES,
  SMALL_VILLAGE_HOUSEHOLDS,
  TOTAL,
  type Breakdown,
  type StatisticsLevel,
} from "./categories";
import { protectionOf, rangeMeets, rowKey, villagesBrokenDown, type YearFigures } from "./joint-model";
import { knownInterval } from "./rounding";
import { householdContribution, type RegisterHouseholdFacts } from "./tables";

const M = METRIC_CODES.length;
const LEVELS: readonly StatisticsLevel[] = ["village", "township", "county"];

/** Identity of a count across the gate: year, row key and metric code. */
export function countId(year: number, key: string, metric: number): string {
  return `${year}|${key}|${METRIC_CODES[metric]}`;
}

interface Target {
  year: number;
  key: string;
  level: StatisticsLevel;
  region: string;
  breakdown: Breakdown;
  category: string;
  metric: number;
}

export interface WitnessOptions {
  /** Candidate edits tried per count before it is left to the LP. */
  triesPerCount?: number;
}

export interface WitnessResult {
  /** Counts (countId) proven to meet their protection by a witness register. */
  proven: Set<string>;
  /** Protected counts with a true value above 0 (those that need a proof). */
  needed: number;
  edits: number;
  millis: number;
}

/**
 * Proves as many protected counts of one county as it can with witness registers.
 * `years` are the county's published figures with their true counts (the current release
 * and, when linked, the previous year rebuilt from the same file); `households` the
 * current file's households of the county.
 */
export function proveByWitnesses(households: readonly RegisterHouseholdFacts[], years: readonly YearFigures[], options: WitnessOptions = {}): WitnessResult {
  const started = Date.now();
  const tries = options.triesPerCount ?? 60;
  const yearList = years.filter((y) => y.truth).map((y) => y.year).sort((a, b) => a - b);
  const latest = yearList[yearList.length - 1]!;
  const figuresOf = new Map(years.map((y) => [y.year, y]));
  // Working counts per year (cloned from the truth; edits change them and are undone).
  const counts = new Map<number, Map<string, number[]>>();
  for (const year of yearList) counts.set(year, new Map([...figuresOf.get(year)!.truth!].map(([k, v]) => [k, [...v]])));
  const facts: RegisterHouseholdFacts[] = households.map((h) => ({ ...h, measures: [...h.measures] }));

  // Villages per township and township per county (of the current release), for relocation.
  const villagesOf = new Map<string, string[]>();
  for (const h of facts) {
    const t = ancestorCode(h.villageCode, "township");
    const list = villagesOf.get(t) ?? [];
    if (!list.includes(h.villageCode)) list.push(h.villageCode);
    villagesOf.set(t, list);
  }
  for (const list of villagesOf.values()) list.sort();
  const townships = [...villagesOf.keys()].sort();

  const seen = new Map<string, [number, number]>(); // countId → lowest and highest value seen
  const note = (year: number, key: string, m: number, value: number) => {
    const id = countId(year, key, m);
    const r = seen.get(id);
    if (!r) seen.set(id, [value, value]);
    else if (value < r[0]) r[0] = value;
    else if (value > r[1]) r[1] = value;
  };

  const keysOf = (h: RegisterHouseholdFacts): string[] => {
    const cats: [Breakdown, string][] = [["none", TOTAL], ["cause", h.cause], ["household_size", householdSizeBand(h.householdSize)], ...h.measures.map((m): [Breakdown, string] => ["measure", m])];
    const keys: string[] = [];
    for (const level of LEVELS) {
      const region = level === "village" ? h.villageCode : ancestorCode(h.villageCode, level);
      for (const [b, c] of cats) keys.push(rowKey(level, region, b, c));
    }
    return keys;
  };
  /** Adds (sign 1) or removes (-1) a household's counts; returns the touched (year, key) pairs. */
  const add = (h: RegisterHouseholdFacts, sign: number, touched: [number, string][]) => {
    const keys = keysOf(h);
    for (const year of yearList) {
      if (h.identifiedYear > year) continue;
      const contribution = householdContribution(h, year);
      const table = counts.get(year)!;
      for (const key of keys) {
        let values = table.get(key);
        if (!values) table.set(key, (values = new Array<number>(M).fill(0)));
        for (let m = 0; m < M; m++) values[m]! += sign * contribution[m]!;
        touched.push([year, key]);
      }
    }
  };
  const brokenDown = (year: YearFigures, village: string) => year.rows.has(rowKey("village", village, "measure", MEASURE_CODES[0])) || year.rows.has(rowKey("village", village, "household_size", "1"));
  /** Whether the touched counts still admit every published figure (and R3, and absent regions). */
  const admissible = (touched: readonly [number, string][]) => {
    for (const [year, key] of touched) {
      const figures = figuresOf.get(year)!;
      const values = counts.get(year)!.get(key)!;
      const [level, region] = key.split("|", 2) as [StatisticsLevel, string];
      const present = figures.rows.has(rowKey(level, region, "none", TOTAL));
      const row = figures.rows.get(key);
      for (let m = 0; m < M; m++) {
        const value = values[m]!;
        if (value < 0) return false;
        if (!present) {
          if (value !== 0) return false;
          continue;
        }
        const figure = row?.[m];
        if (figure) {
          const { lo, hi } = knownInterval(figure);
          if (value < lo || value > hi) return false;
        }
      }
      if (level === "village" && key.endsWith(`|none|${TOTAL}`) && present && villagesBrokenDown(figures)) {
        const total = values[0]!;
        if (brokenDown(figures, region) ? total < SMALL_VILLAGE_HOUSEHOLDS : total >= SMALL_VILLAGE_HOUSEHOLDS) return false;
      }
    }
    return true;
  };
  const valid = (h: RegisterHouseholdFacts) =>
    h.householdSize >= 1 &&
    h.householdSize <= 50 &&
    h.identifiedYear <= latest &&
    (h.exitYear === null || (h.exitYear >= h.identifiedYear && h.exitYear <= latest)) &&
    (h.returnedYear === null || (h.exitYear !== null && h.returnedYear >= h.exitYear && h.returnedYear <= latest));

  // An edit replaces households (index → new facts; null drops it, index = length adds one).
  type Edit = [number, RegisterHouseholdFacts | null][];
  const log: [number, RegisterHouseholdFacts | null][] = [];
  let edits = 0;
  const tryEdit = (edit: Edit): boolean => {
    edits++;
    const touched: [number, string][] = [];
    const before: [number, RegisterHouseholdFacts | null][] = [];
    for (const [, next] of edit) if (next && !valid(next)) return false;
    for (const [i, next] of edit) {
      const old = facts[i] ?? null;
      before.push([i, old]);
      if (old) add(old, -1, touched);
      if (next) add(next, 1, touched);
      facts[i] = next as RegisterHouseholdFacts;
    }
    if (!admissible(touched)) {
      for (let k = before.length - 1; k >= 0; k--) restore(before[k]!);
      return false;
    }
    log.push(...before);
    for (const [year, key] of touched) {
      const values = counts.get(year)!.get(key)!;
      for (let m = 0; m < M; m++) note(year, key, m, values[m]!);
    }
    return true;
  };
  const restore = ([i, old]: [number, RegisterHouseholdFacts | null]) => {
    const current = facts[i] ?? null;
    const sink: [number, string][] = [];
    if (current) add(current, -1, sink);
    if (old) add(old, 1, sink);
    if (old) facts[i] = old;
    else facts.length = Math.min(facts.length, i); // an added household is always the last
  };
  const undoAll = () => {
    while (log.length > 0) restore(log.pop()!);
  };

  const valueOf = (t: Target) => counts.get(t.year)!.get(t.key)?.[t.metric] ?? 0;
  const regionOf = (h: RegisterHouseholdFacts, level: StatisticsLevel) => (level === "village" ? h.villageCode : ancestorCode(h.villageCode, level));
  const inCategory = (h: RegisterHouseholdFacts, t: Target) =>
    t.breakdown === "none" ||
    (t.breakdown === "cause" && h.cause === t.category) ||
    (t.breakdown === "measure" && h.measures.includes(t.category as never)) ||
    (t.breakdown === "household_size" && householdSizeBand(h.householdSize) === t.category);
  const inFlow = (h: RegisterHouseholdFacts, t: Target) => h.identifiedYear <= t.year && householdContribution(h, t.year)[t.metric & ~1]! > 0;
  const member = (h: RegisterHouseholdFacts | null, t: Target) => !!h && regionOf(h, t.level) === t.region && inCategory(h, t) && inFlow(h, t);

  /** Other villages to move a household to, nearest first (same township, then the county's others). */
  const destinations = (h: RegisterHouseholdFacts, t: Target, offset: number): string[] => {
    const own = ancestorCode(h.villageCode, "township");
    const near = villagesOf.get(own) ?? [];
    const far = townships.filter((x) => x !== own).flatMap((x) => villagesOf.get(x)!.slice(0, 3));
    const out = [...rotate(near, offset), ...rotate(far, offset)].filter((v) => v !== h.villageCode && regionOf({ ...h, villageCode: v }, t.level) !== t.region);
    return out.slice(0, 16);
  };
  const into = (t: Target): string[] => (t.level === "village" ? [t.region] : t.level === "township" ? (villagesOf.get(t.region) ?? []) : townships.flatMap((x) => villagesOf.get(x)!));

  /** Single edits that take h out of the target (down) or put it in (up). */
  const variants = (h: RegisterHouseholdFacts, t: Target, down: boolean, offset: number): RegisterHouseholdFacts[] => {
    const out: RegisterHouseholdFacts[] = [];
    const flow = t.metric >> 1;
    const people = (t.metric & 1) === 1;
    if (down) {
      if (people && h.householdSize > 1) out.push({ ...h, householdSize: h.householdSize - 1 });
      if (t.breakdown === "cause") for (const c of rotate(CAUSE_CODES, offset)) if (c !== h.cause) out.push({ ...h, cause: c });
      if (t.breakdown === "measure") out.push({ ...h, measures: h.measures.filter((m) => m !== t.category) });
      if (t.breakdown === "household_size") for (const s of [h.householdSize - 1, h.householdSize + 1, 5]) if (householdSizeBand(Math.max(1, s)) !== t.category) out.push({ ...h, householdSize: Math.max(1, s) });
      if (flow === 1 && h.returnedYear === null) out.push({ ...h, exitYear: null }, { ...h, exitYear: t.year - 1 });
      if (flow === 2) out.push({ ...h, identifiedYear: t.year - 1 });
      if (flow === 3) out.push({ ...h, returnedYear: null });
      if (flow === 4) out.push({ ...h, monitoring: "none" });
      if (t.level !== "county") for (const v of destinations(h, t, offset)) out.push({ ...h, villageCode: v });
    } else {
      if (people) out.push({ ...h, householdSize: h.householdSize + 1 });
      const here = regionOf(h, t.level) === t.region;
      if (here && inFlow(h, t)) {
        if (t.breakdown === "cause") out.push({ ...h, cause: t.category as never });
        if (t.breakdown === "measure") out.push({ ...h, measures: [...h.measures, t.category as never] });
        if (t.breakdown === "household_size") {
          const k = t.category === "6_plus" ? 6 : Number(t.category);
          out.push({ ...h, householdSize: k });
        }
      }
      if (here && inCategory(h, t)) {
        if (flow === 1 && h.exitYear === null && h.identifiedYear <= t.year) out.push({ ...h, exitYear: t.year });
        if (flow === 2 && h.identifiedYear < t.year && (h.exitYear === null || h.exitYear >= t.year)) out.push({ ...h, identifiedYear: t.year });
        if (flow === 3 && h.exitYear !== null && h.exitYear < t.year && h.returnedYear === null) out.push({ ...h, returnedYear: t.year });
        if (flow === 4 && h.monitoring === "none") out.push({ ...h, monitoring: "edge" });
      }
      if (!here && inCategory(h, t) && inFlow(h, t)) for (const v of rotate(into(t), offset).slice(0, 8)) out.push({ ...h, villageCode: v });
    }
    return out;
  };

  /** Indices of households by township (candidates for edits near a region). */
  const byTownship = new Map<string, number[]>();
  facts.forEach((h, i) => {
    const t = ancestorCode(h.villageCode, "township");
    const list = byTownship.get(t) ?? [];
    list.push(i);
    byTownship.set(t, list);
  });
  const candidates = (t: Target): number[] => {
    const own = t.level === "county" ? townships : [ancestorCode(t.region, "township")];
    const near = own.flatMap((x) => byTownship.get(x) ?? []);
    return t.level === "county" ? near : [...near, ...townships.filter((x) => !own.includes(x)).flatMap((x) => (byTownship.get(x) ?? []).slice(0, 40))];
  };

  /** Applies an edit if it is admissible and moves the target's count in the direction; else leaves nothing. */
  const attempt = (t: Target, down: boolean, edit: Edit): boolean => {
    const before = valueOf(t);
    const mark = log.length;
    if (!tryEdit(edit)) return false;
    if (down ? valueOf(t) < before : valueOf(t) > before) return true;
    while (log.length > mark) restore(log.pop()!);
    return false;
  };
  /** One step of a walk: an edit that moves the target's count by at least one in the direction. */
  const step = (t: Target, down: boolean, budget: { left: number }, offset: number): boolean => {
    const pool = candidates(t);
    // Swap the attribute that puts a household in the count with a household elsewhere in the
    // township (the county for a township's count): the sums above stay as they were.
    const attributes = attributesOf(t);
    if (attributes.length > 0 && t.level !== "county") {
      const outside = t.level === "village" ? (byTownship.get(ancestorCode(t.region, "township")) ?? []) : townships.flatMap((x) => byTownship.get(x) ?? []);
      let tried = 0;
      for (let a = 0; a < pool.length && tried < 8; a++) {
        const i = pool[(a + offset) % pool.length]!;
        const h = facts[i];
        if (!h || regionOf(h, t.level) !== t.region || member(h, t) !== down) continue;
        tried++;
        let partners = 0;
        for (let b = 0; b < outside.length && b < 200; b++) {
          const j = outside[(b + offset + i) % outside.length]!;
          const other = facts[j];
          if (!other || regionOf(other, t.level) === t.region) continue;
          const mine = { ...h };
          const theirs = { ...other };
          for (const a of attributes) ((mine as Record<string, unknown>)[a] = other[a]), ((theirs as Record<string, unknown>)[a] = h[a]);
          if (member(mine, t) === down) continue;
          if (budget.left-- <= 0) return false;
          if (attempt(t, down, [[i, mine], [j, theirs]])) return true;
          if (++partners >= 6) break;
        }
      }
    }
    for (let a = 0; a < pool.length; a++) {
      const i = pool[(a + offset) % pool.length]!;
      const h = facts[i];
      if (!h) continue;
      if (down ? !member(h, t) : member(h, t) && (t.metric & 1) === 0) continue;
      for (const next of variants(h, t, down, offset)) {
        if (budget.left-- <= 0) return false;
        if (attempt(t, down, [[i, next]])) return true;
        // The same move with a household coming back the other way keeps both villages' totals.
        if (next.villageCode !== h.villageCode) {
          const partner = pool.find((j) => {
            const other = facts[j];
            if (!other || j === i || other.villageCode !== next.villageCode) return false;
            return down ? !member({ ...other, villageCode: h.villageCode }, t) : !member(other, t);
          });
          if (partner !== undefined) {
            if (budget.left-- <= 0) return false;
            if (attempt(t, down, [[i, next], [partner, { ...facts[partner]!, villageCode: h.villageCode }]])) return true;
          }
        }
      }
    }
    // Registered households: drop one, or add a copy of one (the count's region and category).
    if (t.metric <= 1) {
      const sample = rotate(pool, offset).find((i) => facts[i] && member(facts[i]!, t));
      if (sample !== undefined && budget.left-- > 0) {
        if (attempt(t, down, down ? [[sample, null]] : [[facts.length, { ...facts[sample]!, measures: [...facts[sample]!.measures] }]])) return true;
      }
    }
    return false;
  };

  // The counts to prove: protected (not a published 0), true value above 0.
  const targets: Target[] = [];
  for (const year of yearList) {
    const figures = figuresOf.get(year)!;
    for (const [key, values] of figures.truth!) {
      const [level, region, breakdown, category] = key.split("|") as [StatisticsLevel, string, Breakdown, string];
      for (let m = 0; m < M; m++) {
        if (values[m]! <= 0) continue;
        targets.push({ year, key, level, region, breakdown, category, metric: m });
      }
    }
  }
  const proven = new Set<string>();
  const protectionFor = (t: Target) => {
    const figures = figuresOf.get(t.year)!;
    const truth = figures.truth!.get(t.key)?.[t.metric] ?? 0;
    return protectionOf(figures.rows.get(t.key)?.[t.metric], t.level, t.breakdown, t.category, truth);
  };
  let needed = 0;
  const debug = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.JOINT_DEBUG;
  const failed = new Map<string, number>();
  targets.forEach((t, n) => {
    if (debug && n % 1000 === 0) console.error(`  witnesses: ${n}/${targets.length} counts, ${proven.size} proven, ${edits} edits, ${Date.now() - started} ms`);
    const protection = protectionFor(t);
    if (!protection) return;
    needed++;
    const id = countId(t.year, t.key, t.metric);
    const truth = valueOf(t);
    const meets = () => {
      const r = seen.get(id) ?? [truth, truth];
      return rangeMeets(protection, Math.min(r[0], truth), Math.max(r[1], truth));
    };
    if (meets()) return void proven.add(id);
    const budget = { left: tries };
    for (const down of [true, false]) {
      while (!meets() && step(t, down, budget, n));
      undoAll();
      // A health count below township must keep 0 possible: only the walk down can show it.
      if (meets() || protection.mustAllowZero) break;
    }
    if (meets()) proven.add(id);
    else if (debug) {
      const fig = figuresOf.get(t.year)!.rows.get(t.key)?.[t.metric];
      const k = `${t.year} ${t.level} ${t.breakdown} ${METRIC_CODES[t.metric]} ${fig?.disclosure ?? "unpublished"}`;
      failed.set(k, (failed.get(k) ?? 0) + 1);
    }
  });
  if (debug) console.error([...failed].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `    ${n} ${k}`).join("\n"));
  return { proven, needed, edits, millis: Date.now() - started };
}

/** The household attributes that decide whether it is in a count (besides its village). */
function attributesOf(t: Target): (keyof RegisterHouseholdFacts)[] {
  const flow = t.metric >> 1;
  const out: (keyof RegisterHouseholdFacts)[] = [];
  if (t.breakdown === "cause") out.push("cause");
  if (t.breakdown === "measure") out.push("measures");
  if (t.breakdown === "household_size" || (t.metric & 1) === 1) out.push("householdSize");
  if (flow === 1 || flow === 3) out.push("exitYear", "returnedYear");
  if (flow === 2) out.push("identifiedYear");
  if (flow === 4) out.push("monitoring");
  return out.length > 0 ? [out[0]!, ...out.slice(1).filter((a) => a === "returnedYear" || a === "exitYear")] : out;
}

function rotate<T>(list: readonly T[], offset: number): T[] {
  if (list.length === 0) return [];
  const k = offset % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}
