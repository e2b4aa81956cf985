/**
 * The release gate's joint attack on what a running portal publishes (disclosure-check,
 * tests/contracts): every register-derived row read from the API (JSON, NDJSON, CSV) is put
 * back into the joint model of its county — all years at once — and the same attacker as
 * at import (intervals, then LP) bounds every protected count. Any count narrowed below
 * its rule is reported with the published figures that pinned it and its feasible range.
 */
import type { Highs } from "highs";
import { ancestorCode } from "../region-codes";
import { METRIC_CODES, type StatisticsLevel } from "./categories";
import { regionTree, rowKey, type YearFigures } from "./joint-model";
import { protectCountyJointly, type JointReport, type JointViolation } from "./joint-protect";
import { registerRows, type PublishedOutput } from "./release-gate";
import { BAND_TEXT, WITHHELD_TEXT, type PublishedCount } from "./rounding";
import type { PublishedRow } from "./tables";

function figureOf(text: string | undefined): PublishedCount | undefined {
  if (text === undefined || text === "") return undefined;
  if (text === BAND_TEXT) return { value: null, disclosure: "banded" };
  if (text === WITHHELD_TEXT) return { value: null, disclosure: "withheld" };
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  return value === 0 ? { value: 0, disclosure: "zero" } : { value, disclosure: "rounded" };
}

/** The published register figures of the outputs, per county and year. */
export function publishedFigures(outputs: readonly PublishedOutput[]): Map<string, YearFigures[]> {
  const byCounty = new Map<string, Map<number, YearFigures>>();
  for (const output of outputs) {
    let rows;
    try {
      rows = [...registerRows(output)];
    } catch {
      continue; // not a register body
    }
    for (const row of rows) {
      const year = Number(row.year);
      if (!row.region || !Number.isInteger(year) || !["county", "township", "village"].includes(row.level)) continue;
      const county = ancestorCode(row.region, "county");
      let years = byCounty.get(county);
      if (!years) byCounty.set(county, (years = new Map()));
      let figures = years.get(year);
      if (!figures) years.set(year, (figures = { year, rows: new Map() }));
      figures.rows.set(
        rowKey(row.level as StatisticsLevel, row.region, row.breakdown, row.category),
        METRIC_CODES.map((m) => figureOf(row.figures.get(m))),
      );
    }
  }
  return new Map([...byCounty].map(([county, years]) => [county, [...years.values()].sort((a, b) => a.year - b.year)]));
}

export interface JointCheck {
  violations: (JointViolation & { county: string })[];
  counties: (JointReport & { county: string })[];
}

export function jointAttack(highs: Highs, outputs: readonly PublishedOutput[]): JointCheck {
  return attackCounties(highs, publishedFigures(outputs));
}

/** The same attack on releases held in memory (tests, the property test). */
export function attackReleases(highs: Highs, releases: readonly { year: number; rows: readonly PublishedRow[] }[]): JointCheck {
  const byCounty = new Map<string, YearFigures[]>();
  for (const release of releases) {
    for (const row of release.rows) {
      const county = ancestorCode(row.regionCode, "county");
      let years = byCounty.get(county);
      if (!years) byCounty.set(county, (years = []));
      let figures = years.find((y) => y.year === release.year);
      if (!figures) years.push((figures = { year: release.year, rows: new Map() }));
      figures.rows.set(rowKey(row.level, row.regionCode, row.breakdown, row.category), METRIC_CODES.map((m) => row.figures[m]));
    }
  }
  for (const years of byCounty.values()) years.sort((a, b) => a.year - b.year);
  return attackCounties(highs, byCounty);
}

function attackCounties(highs: Highs, byCounty: ReadonlyMap<string, YearFigures[]>): JointCheck {
  const result: JointCheck = { violations: [], counties: [] };
  for (const [county, years] of byCounty) {
    const townships = regionTree(years).get(county) ?? new Map<string, Set<string>>();
    const report = protectCountyJointly(
      highs,
      county,
      new Map([...townships].map(([t, v]) => [t, [...v].sort()])),
      years,
      years[years.length - 1]!.year,
      { protect: false },
    );
    result.counties.push({ ...report, county });
    result.violations.push(...report.unresolved.map((v) => ({ ...v, county })));
  }
  return result;
}

/** One line per violation: the cell, its feasible range, the rule, and the published figures used. */
export function describeViolation(v: JointViolation): string {
  const c = v.cell;
  const range = v.hi === Infinity ? `≥ ${v.lo}` : v.lo === v.hi ? `exactly ${v.lo}` : `${v.lo}–${v.hi}`;
  const used = v.evidence
    .map((e) => `${e.cell.year} ${e.cell.level} ${e.cell.region} ${e.cell.breakdown}/${e.cell.category} ${e.cell.metric} = ${e.figure?.disclosure === "banded" ? BAND_TEXT : e.figure?.disclosure === "withheld" ? WITHHELD_TEXT : e.figure?.value}`)
    .join("; ");
  return `${c.year} ${c.level} ${c.region} ${c.breakdown}/${c.category} ${c.metric}: feasible ${range} (${v.rule}; found by ${v.by}); published figures used: ${used || "(bounds of the cell's own rows)"}`;
}
