/**
 * Register-derived statistics of one release (one import): counts computed from the
 * unrounded household records at county, township and village level, then published
 * under R2–R5. Run once per import (R5), never per request; the result is what the
 * statistics table stores and GET /statistics/register serves.
 */
import type { Highs } from "highs";
import { ancestorCode } from "../region-codes";
import {
  BREAKDOWNS,
  categoriesOf,
  householdSizeBand,
  isPublishedMetric,
  METRIC_CODES,
  publishedCategories,
  SMALL_VILLAGE_HOUSEHOLDS,
  STATISTICS_LEVELS,
  TOTAL,
  type Breakdown,
  type Cause,
  type Measure,
  type Metric,
  type Monitoring,
  type StatisticsLevel,
} from "./categories";
import type { SumRelation } from "./intervals";
import { rowKey, type YearFigures } from "./joint-model";
import { applyWithheldFigures, protectCountyJointly, type GateBudget, type JointProgress, type JointReport, type JointViolation } from "./joint-protect";
import { highsSolver } from "./lp-solver";
import { protectTable, type ProtectionCell } from "./protect";
import { proveByVillageSwaps } from "./village-swaps";
import { proveByWitnesses } from "./witnesses";
import { knownInterval, type PublishedCount } from "./rounding";

/** A household as the statistics need it: no identifier, no pseudonym. */
export interface RegisterHouseholdFacts {
  villageCode: string;
  householdSize: number;
  cause: Cause;
  measures: readonly Measure[];
  identifiedYear: number;
  exitYear: number | null;
  returnedYear: number | null;
  monitoring: Monitoring;
}

export interface PublishedRow {
  level: StatisticsLevel;
  regionCode: string;
  breakdown: Breakdown;
  category: string;
  figures: Record<Metric, PublishedCount>;
}

export interface RegisterTables {
  rows: PublishedRow[];
  /** Figures withheld by secondary suppression (protect.ts, then the joint gate). */
  withheld: number;
  /** Of which withheld by the joint gate (joint-protect.ts). */
  withheldJointly: number;
  /** Figures not published by design (people by household size), shown `withheld`. */
  dropped: number;
  /** Figures that could not be protected (a bug if ever non-zero; the import refuses them). */
  unresolved: number;
  violations: JointViolation[];
  /** The joint gate's work per county. */
  gate: (JointReport & { county: string; linkedYears: number[]; witnesses: { needed: number; proven: number; edits: number; millis: number } })[];
}

/** The published figures of another year of the same region (the releases next to this one). */
export interface NeighbourRelease {
  year: number;
  rows: readonly PublishedRow[];
}

export interface TableOptions {
  /**
   * Run the joint gate (joint-protect.ts: every metric, level, breakdown and the previous
   * year in one system, intervals then LP) and withhold until it passes. Every import runs
   * it (registerTables in worker/writes/register-imports.ts); off only for the per-metric
   * figures the bench compares with (docs/register-and-disclosure.md).
   */
  joint?: boolean;
  /** Releases of the years before and after, whose figures the attacker also has. */
  neighbours?: readonly NeighbourRelease[];
  solver?: Highs;
  /**
   * Household edits tried per count by the witness pre-pass (witnesses.ts) before the LP;
   * 0 (default): off. On the demo it proves about 45 % of the counts but costs more time than
   * the LP's own witness rounds save, so it stays an option until its edits are cheaper.
   */
  witnessTries?: number;
  /** LP solves a township block may spend (joint-protect.ts MAX_SOLVES_PER_BLOCK). */
  maxSolvesPerBlock?: number;
  /**
   * Attack the county's own counts with the whole county's LP, and the linked year's township
   * blocks with their whole LP, when the restrictions cannot prove a count, instead of
   * withholding next to it (joint-protect.ts): minutes per block.
   */
  exactCounty?: boolean;
  /** Continue a gate that paused (the console import's gate steps, worker/import/steps.ts). */
  resume?: GateProgress;
  /** Pause between township blocks once this many have been worked (joint-protect.ts GateBudget). */
  budget?: GateBudget;
}

/**
 * A joint gate paused between blocks, as JSON: the counties it finished (their withheld
 * figures and report: applying the figures to the tables reproduces their result) and where
 * it stands in the county it paused in.
 */
export interface GateProgress {
  done: Record<string, { withheld: string[]; report: RegisterTables["gate"][number] }>;
  paused: { county: string; progress: JointProgress };
}

const WITHHELD: PublishedCount = { value: null, disclosure: "withheld" };

const METRIC_COUNT = METRIC_CODES.length;
/** [monitored, edge, unstable] metric indices, for households and for people (issue 15 §2: monitored = edge + unstable). */
const MONITORING_KINDS = (["households", "people"] as const).map((unit) => (["monitored", "edge", "unstable"] as const).map((kind) => METRIC_CODES.indexOf(`${kind}_${unit}`)));

/** The figures one household adds to a year's tables (households, people pairs; METRIC_CODES order). */
export function householdContribution(h: RegisterHouseholdFacts, year: number): number[] {
  const size = h.householdSize;
  const flags = [
    h.identifiedYear <= year,
    h.exitYear === year,
    h.identifiedYear === year,
    h.returnedYear === year,
    h.monitoring !== "none",
    // Issue 15 §2: the two kinds of monitored household, tallied apart (edge + unstable = monitored).
    h.monitoring === "edge",
    h.monitoring === "monitored",
  ];
  return flags.flatMap((on) => (on ? [1, size] : [0, 0]));
}

function householdCategories(h: RegisterHouseholdFacts): [Breakdown, string][] {
  return [
    ["none", TOTAL],
    ["cause", h.cause],
    ["household_size", householdSizeBand(h.householdSize)],
    ...h.measures.map((m): [Breakdown, string] => ["measure", m]),
  ];
}

function regionAt(villageCode: string, level: StatisticsLevel): string {
  return level === "village" ? villageCode : ancestorCode(villageCode, level);
}

/** Unrounded counts of one year per county (cell key → ten counts), and the county → township → village tree. */
export function tallyCounts(households: Iterable<RegisterHouseholdFacts>, year: number) {
  const counts = new Map<string, Map<string, number[]>>(); // county → (cellKey → counts)
  const villagesByCounty = new Map<string, Map<string, Set<string>>>(); // county → township → villages
  for (const h of households) {
    if (h.identifiedYear > year) continue; // not in that year's register (rebuilding an earlier year)
    const contribution = householdContribution(h, year);
    const county = ancestorCode(h.villageCode, "county");
    const township = ancestorCode(h.villageCode, "township");
    let towns = villagesByCounty.get(county);
    if (!towns) villagesByCounty.set(county, (towns = new Map()));
    let villages = towns.get(township);
    if (!villages) towns.set(township, (villages = new Set()));
    villages.add(h.villageCode);
    let table = counts.get(county);
    if (!table) counts.set(county, (table = new Map()));
    for (const level of STATISTICS_LEVELS) {
      const region = regionAt(h.villageCode, level);
      for (const [breakdown, category] of householdCategories(h)) {
        const key = cellKey(level, region, breakdown, category);
        let values = table.get(key);
        if (!values) table.set(key, (values = new Array<number>(METRIC_COUNT).fill(0)));
        for (let m = 0; m < METRIC_COUNT; m++) values[m]! += contribution[m]!;
      }
    }
  }
  return { counts, villagesByCounty };
}

/**
 * Whether the counts rebuilt from this file for an earlier year are what that year's
 * release published (every published figure admits its count, the same regions have
 * households). Only then is continuity a fact the gate can hold both years to; a file that
 * corrected the past (a household moved or changed size) breaks the link for everyone.
 */
function reproduces(published: YearFigures, truth: ReadonlyMap<string, readonly number[]>): boolean {
  for (const [key, figures] of published.rows) {
    const counts = truth.get(key);
    if (key.includes("|none|") && !counts) return false;
    for (let m = 0; m < METRIC_COUNT; m++) {
      const figure = figures[m];
      if (!figure) continue;
      const { lo, hi } = knownInterval(figure);
      const count = counts?.[m] ?? 0;
      if (count < lo || count > hi) return false;
    }
  }
  for (const key of truth.keys()) if (key.includes("|none|") && !published.rows.has(key)) return false;
  return true;
}

/**
 * Computes and protects the published tables of one release year. The joint gate
 * (joint-protect.ts) attacks the release together with the previous year's release when
 * the file reproduces that release's counts (see reproduces); a later year's release,
 * whose households this file does not hold, is attacked with it by disclosure-check.
 */
export async function computeRegisterTables(households: Iterable<RegisterHouseholdFacts>, year: number, options: TableOptions = {}): Promise<RegisterTables & { paused?: GateProgress }> {
  const list = [...households];
  const { counts, villagesByCounty } = tallyCounts(list, year);
  const previousYear = options.joint && (options.neighbours ?? []).some((r) => r.year === year - 1) ? tallyCounts(list, year - 1).counts : undefined;

  const solver = options.joint ? (options.solver ?? (await highsSolver())) : undefined;
  const neighbourRows = new Map<string, YearFigures[]>(); // county → other years' figures
  for (const release of options.neighbours ?? []) {
    if (release.year !== year - 1) continue;
    for (const row of release.rows) {
      const county = ancestorCode(row.regionCode, "county");
      let list = neighbourRows.get(county);
      if (!list) neighbourRows.set(county, (list = []));
      let figures = list.find((f) => f.year === release.year);
      if (!figures) list.push((figures = { year: release.year, rows: new Map() }));
      figures.rows.set(rowKey(row.level, row.regionCode, row.breakdown, row.category), METRIC_CODES.map((m) => (isPublishedMetric(row.breakdown, m, row.level, { riskCauses: true }) ? row.figures[m] : undefined)));
    }
  }
  const result: RegisterTables = { rows: [], withheld: 0, withheldJointly: 0, dropped: 0, unresolved: 0, violations: [], gate: [] };
  const done: GateProgress["done"] = {};
  for (const county of [...villagesByCounty.keys()].sort()) {
    // Issue 15: causes of risk (RISK_CAUSE_METRICS) are published only where the joint gate protects them.
    const tables = countyTables(county, villagesByCounty.get(county)!, counts.get(county)!, { riskCauses: solver !== undefined });
    tables.figures.year = year;
    if (!solver) {
      result.rows.push(...tables.rows);
      result.withheld += tables.withheld;
      result.dropped += tables.dropped;
      result.unresolved += tables.unresolved;
      continue;
    }
    const finished = options.resume?.done[county];
    if (finished) {
      // Settled by an earlier invocation: its withheld figures reproduce its result.
      applyWithheldFigures(tables.figures.rows, finished.withheld);
      addCounty(tables, finished.report);
      done[county] = finished;
      continue;
    }
    const previous = neighbourRows.get(county)?.[0];
    const truth = previousYear?.get(county) ?? new Map<string, number[]>();
    const linked = previous && reproduces(previous, truth) ? [{ ...previous, truth }] : [];
    const countyHouseholds = list.filter((h) => h.villageCode.startsWith(county.slice(0, 6)));
    const swaps = proveByVillageSwaps(countyHouseholds, [tables.figures, ...linked]);
    const witnesses = options.witnessTries ? proveByWitnesses(countyHouseholds, [tables.figures, ...linked], { triesPerCount: options.witnessTries }) : { proven: new Set<string>(), needed: 0, edits: 0, millis: 0 };
    for (const id of swaps.proven) witnesses.proven.add(id);
    if ((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.JOINT_DEBUG) console.error(`village swaps ${county} ${year}: ${swaps.proven.size}/${swaps.needed} proven, ${swaps.millis} ms`);
    if ((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.JOINT_DEBUG) console.error(`witnesses ${county} ${year}: ${witnesses.proven.size}/${witnesses.needed} proven, ${witnesses.edits} edits, ${witnesses.millis} ms`);
    const joint = protectCountyJointly(solver, county, countyTownships(villagesByCounty.get(county)!, linked), [tables.figures, ...linked], year, {
      protect: true,
      proven: witnesses.proven,
      maxSolvesPerBlock: options.maxSolvesPerBlock,
      exactCounty: options.exactCounty,
      resume: options.resume?.paused.county === county ? options.resume.paused.progress : undefined,
      budget: options.budget,
    });
    const { paused, withheldFigures, ...report } = joint;
    if (paused) return { ...result, paused: { done, paused: { county, progress: paused } } };
    const gate = { ...report, county, linkedYears: linked.map((l) => l.year), witnesses: { needed: witnesses.needed, proven: witnesses.proven.size, edits: witnesses.edits, millis: witnesses.millis } };
    addCounty(tables, gate);
    done[county] = { withheld: withheldFigures ?? [], report: gate };
  }
  return result;

  function addCounty(tables: ReturnType<typeof countyTables>, gate: RegisterTables["gate"][number]): void {
    for (const row of tables.rows) {
      const figures = tables.figures.rows.get(rowKey(row.level, row.regionCode, row.breakdown, row.category))!;
      METRIC_CODES.forEach((metric, m) => (row.figures[metric] = figures[m] ?? WITHHELD));
    }
    result.rows.push(...tables.rows);
    result.withheld += tables.withheld + gate.withheld;
    result.withheldJointly += gate.withheld;
    result.dropped += tables.dropped;
    result.unresolved += tables.unresolved + gate.unresolved.length;
    result.violations.push(...gate.unresolved);
    result.gate.push(gate);
  }
}

/** Townships and villages of a county in this release and the neighbouring ones. */
function countyTownships(current: Map<string, Set<string>>, neighbours: readonly YearFigures[]): Map<string, string[]> {
  const all = new Map<string, Set<string>>();
  for (const [t, villages] of current) all.set(t, new Set(villages));
  for (const figures of neighbours) {
    for (const key of figures.rows.keys()) {
      const [level, code] = key.split("|") as [StatisticsLevel, string];
      if (level === "county") continue;
      const t = ancestorCode(code, "township");
      let villages = all.get(t);
      if (!villages) all.set(t, (villages = new Set()));
      if (level === "village") villages.add(code);
    }
  }
  return new Map([...all].map(([t, v]) => [t, [...v].sort()]));
}

function cellKey(level: StatisticsLevel, region: string, breakdown: Breakdown, category: string): string {
  return `${level}|${region}|${breakdown}|${category}`;
}

interface CellSpec {
  level: StatisticsLevel;
  region: string;
  breakdown: Breakdown;
  category: string;
  published: boolean;
  counts: number[];
}

/** One county's cells and identities; counties never share a published sum. */
function countyTables(county: string, townships: Map<string, Set<string>>, counts: Map<string, number[]>, publication: { riskCauses: boolean }) {
  const specs: CellSpec[] = [];
  const index = new Map<string, number>();
  const zero = new Array<number>(METRIC_COUNT).fill(0);
  const addRegion = (level: StatisticsLevel, region: string, breakdownsPublished: boolean) => {
    for (const breakdown of BREAKDOWNS) {
      const shown = breakdown === "none" || breakdownsPublished ? publishedCategories(breakdown, level) : [];
      for (const category of categoriesOf(breakdown)) {
        const key = cellKey(level, region, breakdown, category);
        index.set(key, specs.length);
        specs.push({ level, region, breakdown, category, published: shown.includes(category), counts: counts.get(key) ?? zero });
      }
    }
  };
  const registeredHouseholds = (village: string) => counts.get(cellKey("village", village, "none", TOTAL))?.[0] ?? 0;
  // R3: only when villages are broken down at all does the pattern say which side of the threshold a village is.
  const villageBreakdowns = BREAKDOWNS.some((b) => b !== "none" && publishedCategories(b, "village").length > 0);

  addRegion("county", county, true);
  const sortedTownships = [...townships.keys()].sort();
  for (const township of sortedTownships) {
    addRegion("township", township, true);
    for (const village of [...townships.get(township)!].sort()) {
      addRegion("village", village, registeredHouseholds(village) >= SMALL_VILLAGE_HOUSEHOLDS);
    }
  }

  const relations: SumRelation[] = [];
  const cell = (level: StatisticsLevel, region: string, breakdown: Breakdown, category: string) => index.get(cellKey(level, region, breakdown, category))!;
  for (const breakdown of BREAKDOWNS) {
    for (const category of categoriesOf(breakdown)) {
      relations.push({ parent: cell("county", county, breakdown, category), children: sortedTownships.map((t) => cell("township", t, breakdown, category)) });
      for (const township of sortedTownships) {
        relations.push({
          parent: cell("township", township, breakdown, category),
          children: [...townships.get(township)!].sort().map((v) => cell("village", v, breakdown, category)),
        });
      }
    }
  }
  // Every household has exactly one cause and one size band: a total is the sum of either cut.
  const regionsAtLevels: [StatisticsLevel, string][] = [
    ["county", county],
    ...sortedTownships.flatMap((t): [StatisticsLevel, string][] => [["township", t], ...[...townships.get(t)!].map((v): [StatisticsLevel, string] => ["village", v])]),
  ];
  // A household may have several measures, so a measure's count is only at most the total:
  // total = measure + (households without it), the latter an auxiliary unknown.
  const withoutMeasure: { total: number; measure: number }[] = [];
  for (const [level, region] of regionsAtLevels) {
    for (const breakdown of ["cause", "household_size"] as const) {
      relations.push({ parent: cell(level, region, "none", TOTAL), children: categoriesOf(breakdown).map((c) => cell(level, region, breakdown, c)) });
    }
    for (const measure of categoriesOf("measure")) {
      const pair = { total: cell(level, region, "none", TOTAL), measure: cell(level, region, "measure", measure) };
      relations.push({ parent: pair.total, children: [pair.measure, specs.length + withoutMeasure.length] });
      withoutMeasure.push(pair);
    }
  }

  const levelRank: Record<StatisticsLevel, number> = { village: 0, township: 2, county: 4 };
  const figures: PublishedCount[][] = specs.map(() => []);
  let withheld = 0;
  let unresolved = 0;
  let dropped = 0;
  const metricCells = (m: number): ProtectionCell[] => {
    const cells: ProtectionCell[] = specs.map((spec) => {
      const metricShown = isPublishedMetric(spec.breakdown, METRIC_CODES[m]!, spec.level, publication);
      if (spec.published && !metricShown) dropped++;
      const protection: ProtectionCell = {
        truth: spec.counts[m]!,
        published: spec.published && metricShown,
        withholdRank: levelRank[spec.level] + (spec.breakdown === "none" ? 1 : 0),
      };
      // Whether a village is broken down tells anyone which side of R3's threshold it is.
      if (villageBreakdowns && m === 0 && spec.level === "village" && spec.breakdown === "none") {
        protection.known = registeredHouseholds(spec.region) >= SMALL_VILLAGE_HOUSEHOLDS ? { lo: SMALL_VILLAGE_HOUSEHOLDS } : { hi: SMALL_VILLAGE_HOUSEHOLDS - 1 };
      }
      return protection;
    });
    for (const pair of withoutMeasure) {
      cells.push({ truth: specs[pair.total]!.counts[m]! - specs[pair.measure]!.counts[m]!, published: false, withholdRank: 0, auxiliary: true });
    }
    return cells;
  };
  for (let m = 0; m < METRIC_COUNT; m++) {
    if (MONITORING_KINDS.some((triple) => triple.includes(m))) continue;
    const result = protectTable(metricCells(m), relations);
    withheld += result.withheld;
    unresolved += result.unresolved.length;
    for (let i = 0; i < specs.length; i++) {
      const figure = result.figures[i];
      if (figure) figures[i]![m] = figure;
    }
  }
  // Issue 15 §2: monitored = edge + unstable in every cell, a tie between three metrics that
  // the one-metric tables above cannot see (three banded figures beside a rounded 15 proved
  // each kind ≥ 6). The three are protected as one table: each metric's own sums, copied per
  // metric, plus monitored = edge + unstable per cell; a kind (a child) is withheld before
  // the combined figure (the parent), so the combined figure stays as it was published before.
  for (const triple of MONITORING_KINDS) {
    const n = specs.length + withoutMeasure.length;
    const cells = triple.flatMap((m) => metricCells(m));
    const tripleRelations: SumRelation[] = triple.flatMap((_, k) => relations.map((r) => ({ parent: r.parent + k * n, children: r.children.map((c) => c + k * n) })));
    for (let i = 0; i < specs.length; i++) tripleRelations.push({ parent: i, children: [i + n, i + 2 * n] });
    const result = protectTable(cells, tripleRelations);
    withheld += result.withheld;
    unresolved += result.unresolved.length;
    triple.forEach((m, k) => {
      for (let i = 0; i < specs.length; i++) {
        const figure = result.figures[i + k * n];
        if (figure) figures[i]![m] = figure;
      }
    });
  }

  // The release's figures as the joint attacker sees them (unpublished metrics undefined), with the truth.
  const yearFigures: YearFigures = { year: 0, rows: new Map(), truth: new Map() };
  const rows: PublishedRow[] = [];
  specs.forEach((spec, i) => {
    const key = rowKey(spec.level, spec.region, spec.breakdown, spec.category);
    yearFigures.truth!.set(key, spec.counts);
    if (!spec.published) return;
    yearFigures.rows.set(key, METRIC_CODES.map((_, m) => figures[i]![m]));
    const published = {} as Record<Metric, PublishedCount>;
    METRIC_CODES.forEach((metric, m) => (published[metric] = figures[i]![m] ?? WITHHELD));
    rows.push({ level: spec.level, regionCode: spec.region, breakdown: spec.breakdown, category: spec.category, figures: published });
  });
  return { rows, withheld, unresolved, dropped, figures: yearFigures };
}
