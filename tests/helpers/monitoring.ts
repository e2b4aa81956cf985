/** The year-over-year attack on monitoring figures (issue 15 §2), shared by the API and domain tests. */

export interface Figure {
  value: number | null;
  disclosure: string;
}
export type Row = { year: number; level: string; region: { code: string }; breakdown: string; category: string; figures: Record<string, Figure> };

export const rowKey = (r: Row) => `${r.year}|${r.level}|${r.region.code}|${r.breakdown}|${r.category}`;

/**
 * The attack of issue 15 §2 by interval arithmetic: for each region's totals in a year,
 * registered households are cumulative (an exit stays in the register), so
 * registered(y) − registered(y − 1) = newly identified, and the net flow
 * identified − exited + returned bounds each of its parts by the others. A hidden flow
 * (banded or withheld) proven positive with fewer than 5 possible values is narrowed.
 */
export function yearOverYearAttack(rows: ReadonlyMap<string, Row>, year = 2017) {
  const interval = (f: Figure | undefined): [number, number] => {
    if (!f) return [0, Infinity];
    if (f.disclosure === "zero") return [0, 0];
    if (f.disclosure === "banded") return [1, 7];
    if (f.disclosure === "rounded") return [Math.max(8, f.value! - 2), f.value! + 2];
    return [0, Infinity];
  };
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
  const interval = (f: Figure | undefined): [number, number] => {
    if (!f) return [0, Infinity];
    if (f.disclosure === "zero") return [0, 0];
    if (f.disclosure === "banded") return [1, 7];
    if (f.disclosure === "rounded") return [Math.max(8, f.value! - 2), f.value! + 2];
    return [0, Infinity];
  };
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
