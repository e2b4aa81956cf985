/** The year-over-year attack on monitoring figures (issue 15 §2), shared by the API and domain tests. */
import { METRIC_CODES } from "../../worker/domain/disclosure/categories";
import { BlockModel, propagateRows, rowKey as jointRowKey, type ModelRegion, type YearFigures } from "../../worker/domain/disclosure/joint-model";
import type { PublishedRow } from "../../worker/domain/disclosure/tables";
import { ancestorCode } from "../../worker/domain/region-codes";

export interface Figure {
  value: number | null;
  disclosure: string;
}
export type Row = { year: number; level: string; region: { code: string }; breakdown: string; category: string; figures: Record<string, Figure> };

export const rowKey = (r: Row) => `${r.year}|${r.level}|${r.region.code}|${r.breakdown}|${r.category}`;

/** What a published figure tells the attacker alone: the whole values it allows. */
function interval(f: Figure | undefined): [number, number] {
  if (!f) return [0, Infinity];
  if (f.disclosure === "zero") return [0, 0];
  if (f.disclosure === "banded") return [1, 7];
  if (f.disclosure === "rounded") return [Math.max(8, f.value! - 2), f.value! + 2];
  return [0, Infinity];
}

/**
 * The attack of issue 15 §2 by interval arithmetic: for each region's totals in a year,
 * registered households are cumulative (an exit stays in the register), so
 * registered(y) − registered(y − 1) = newly identified, and the net flow
 * identified − exited + returned bounds each of its parts by the others. A hidden flow
 * (banded or withheld) proven positive with fewer than 5 possible values is narrowed.
 */
export function yearOverYearAttack(rows: ReadonlyMap<string, Row>, year = 2017) {
  let attacked = 0;
  const narrowed: string[] = [];
  for (const row of rows.values()) {
    if (row.year !== year || row.breakdown !== "none") continue;
    const before = rows.get(rowKey({ ...row, year: year - 1 }));
    if (!before) continue;
    const reg17 = interval(row.figures.registered_households);
    const reg16 = interval(before.figures.registered_households);
    const change: [number, number] = [Math.max(0, reg17[0] - reg16[1]), reg17[1] - reg16[0]];
    const identified = interval(row.figures.newly_identified_households);
    const exited = interval(row.figures.exited_households);
    const returned = interval(row.figures.returned_households);
    const net: [number, number] = [change[0] - exited[1] + returned[0], change[1] - exited[0] + returned[1]];
    const narrow = (name: string, f: Figure, own: [number, number], bound: [number, number]) => {
      if (f.disclosure !== "banded" && f.disclosure !== "withheld") return;
      const lo = Math.max(own[0], bound[0]);
      const hi = Math.min(own[1], bound[1]);
      if (hi === 0) return; // 0 stays possible: no household disclosed
      attacked++;
      if (hi - lo + 1 < 5) narrowed.push(`${rowKey(row)} ${name}: [${lo}, ${hi}]`);
    };
    narrow("newly_identified", row.figures.newly_identified_households!, identified, change);
    narrow("exited", row.figures.exited_households!, exited, [identified[0] + returned[0] - net[1], identified[1] + returned[1] - net[0]]);
    narrow("returned", row.figures.returned_households!, returned, [net[0] - identified[1] + exited[0], net[1] - identified[0] + exited[1]]);
  }
  return { attacked, narrowed };
}


/**
 * The attack on the two kinds of monitored household (issue 15 §2) by interval arithmetic:
 * in every published row (totals and causes, every year) edge + unstable = monitored, for
 * households and for people, so each kind is bounded by the combined figure minus the other.
 * A hidden kind (banded or withheld) proven positive with fewer than 5 possible values is
 * narrowed; so is a rounded one pinned to a single value.
 */
export function monitoringKindsAttack(rows: ReadonlyMap<string, Row>) {
  let attacked = 0;
  const narrowed: string[] = [];
  for (const row of rows.values()) {
    for (const unit of ["households", "people"]) {
      const total = interval(row.figures[`monitored_${unit}`]);
      for (const [kind, other] of [["edge", "unstable"], ["unstable", "edge"]] as const) {
        const f = row.figures[`${kind}_${unit}`];
        if (!f || f.disclosure === "zero") continue;
        const own = interval(f);
        const rest = interval(row.figures[`${other}_${unit}`]);
        const lo = Math.max(own[0], total[0] - rest[1]);
        const hi = Math.min(own[1], total[1] - rest[0]);
        if (hi === 0) continue; // 0 stays possible: no household disclosed
        attacked++;
        const minValues = f.disclosure === "rounded" ? 2 : 5;
        if (hi - lo + 1 < minValues) narrowed.push(`${rowKey(row)} ${kind}_${unit}: [${lo}, ${hi}]`);
      }
    }
  }
  return { attacked, narrowed };
}

/**
 * The joint attacker's interval part (worker/domain/disclosure/joint-model.ts: BlockModel and
 * propagateRows) over whole counties, all years at once: every protected count it narrows
 * below its rule, as "year level region breakdown/category metric". The LP part (exact-attacker)
 * over a whole demo county takes tens of minutes on the shared machine; the domain tests run it
 * on planted counties.
 */
export function intervalExposures(releases: readonly { year: number; rows: readonly PublishedRow[] }[]): string[] {
  const out: string[] = [];
  const counties = [...new Set(releases.flatMap((r) => r.rows.map((x) => ancestorCode(x.regionCode, "county"))))].sort();
  for (const county of counties) {
    const years: YearFigures[] = releases.map(({ year, rows }) => ({
      year,
      rows: new Map(rows.filter((r) => ancestorCode(r.regionCode, "county") === county).map((r) => [jointRowKey(r.level, r.regionCode, r.breakdown, r.category), METRIC_CODES.map((m) => r.figures[m])])),
    }));
    const regions: ModelRegion[] = [{ level: "county", code: county, parent: -1 }];
    const codes = new Set<string>();
    for (const y of years) for (const k of y.rows.keys()) codes.add(k.split("|").slice(0, 2).join("|"));
    const townships = [...codes].filter((c) => c.startsWith("township|")).map((c) => c.split("|")[1]!).sort();
    for (const t of townships) {
      regions.push({ level: "township", code: t, parent: 0 });
      const parent = regions.length - 1;
      const villages = [...codes].filter((c) => c.startsWith("village|") && c.split("|")[1]!.slice(0, 9) === t.slice(0, 9)).map((c) => c.split("|")[1]!).sort();
      for (const v of villages) regions.push({ level: "village", code: v, parent });
    }
    const model = new BlockModel(regions, years, years[years.length - 1]!.year, true);
    const lower = model.system.lower.slice();
    const upper = model.system.upper.slice();
    if (!propagateRows(model.system, lower, upper)) throw new Error(`the published figures of ${county} contradict each other`);
    for (let v = 0; v < model.system.n; v++) {
      const p = model.protection[v];
      if (!p) continue;
      const lo = lower[v]!;
      const hi = upper[v]!;
      if (p.mustAllowZero ? lo >= 1 : lo >= 1 && hi - lo + 1 < p.minValues) {
        const c = model.cell(v);
        out.push(`${c.year} ${c.level} ${c.region} ${c.breakdown}/${c.category} ${c.metric}`);
      }
    }
  }
  return out;
}
