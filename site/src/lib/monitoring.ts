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

/**
 * The columns of the by-cause table at a level, as the API publishes them: registered and
 * exited households from township level up; the monitoring flows' households (causes of
 * risk) at county level only. Everything else by cause is `withheld` by design, so it is
 * not given a column of withheld cells.
 */
export function causeColumns(level: string): readonly string[] {
  return level === "county" ? ["registered", "exited", "newly_identified", "returned", "monitored", "edge", "unstable"] : ["registered", "exited"];
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
