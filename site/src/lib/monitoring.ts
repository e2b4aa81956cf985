/** Types, API paths and figure text of the dynamic-monitoring page (the API's shapes: worker/schemas/monitoring.ts). */

export interface PublishedFigure {
  value: number | null;
  banded: boolean;
  disclosure: "zero" | "rounded" | "banded" | "withheld";
}

export interface MonitoringRow {
  year: number;
  level: "county" | "township" | "village";
  region: { code: string; name_zh: string | null; name_en: string | null };
  breakdown: "none" | "cause";
  category: string;
  category_zh: string;
  category_en: string;
  figures: Record<string, PublishedFigure>;
  return_notices: string;
  provenance: { demo: boolean };
}

/**
 * The flows in the order the page shows them, then the register they belong to. Under
 * monitoring (`monitored`) is edge + unstable; the two kinds follow it (issue 15 §2).
 */
export const MONITORING_COLUMNS = ["newly_identified", "exited", "returned", "monitored", "edge", "unstable", "registered"] as const;

/** The monitoring flows the API may publish by cause of risk (county level, where the joint gate ran). */
export const RISK_CAUSE_COLUMNS = ["returned", "monitored", "edge", "unstable"] as const;

/**
 * The columns of the by-cause table, as the API published the rows: registered and exited
 * households always (township level up); a cause-of-risk column (returned, monitored, edge,
 * unstable households: county level, releases through the joint gate) only when some row
 * publishes it. A column the rules withhold everywhere is not shown as a column of
 * `withheld` cells; the note above the table says why.
 */
export function causeColumns(rows: readonly MonitoringRow[]): string[] {
  const shown = RISK_CAUSE_COLUMNS.filter((m) => rows.some((r) => r.figures[`${m}_households`] && r.figures[`${m}_households`]!.disclosure !== "withheld"));
  return ["registered", "exited", ...shown];
}

export const MONITORING_API = {
  list: (params: Record<string, string | number | undefined>) => {
    const query = Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== "")
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
    return `/api/v1/monitoring${query ? `?${query}` : ""}`;
  },
};

/** A published figure as text: the number, the band or the withheld mark (never a number the API did not give). */
export function figureText(figure: PublishedFigure | undefined, marks: { band: string; withheld: string }): string {
  if (!figure || figure.disclosure === "withheld") return marks.withheld;
  if (figure.disclosure === "banded") return marks.band;
  return String(figure.value ?? 0);
}

/** The level below a region's (the rows of the "regions below" table), or null for a village. */
export function childLevel(level: string): "county" | "township" | "village" | null {
  if (level === "province" || level === "city") return "county";
  if (level === "county") return "township";
  if (level === "township") return "village";
  return null;
}
