/**
 * Dynamic monitoring (动态管理, 防返贫监测; issue 15 §2): per year and region, households
 * and people newly identified, exited, returned to poverty and under monitoring — together,
 * and apart as edge households (边缘易致贫户) and unstable exited households (脱贫不稳定户) —
 * next to the registered count they are part of; at county level the households of these
 * flows by cause of risk (categories.ts RISK_CAUSE_METRICS).
 *
 * Nothing here is computed from household records: every figure is one the register
 * import's disclosure gate already stored (register_statistics, R2–R5 and the protection
 * against subtraction, worker/domain/disclosure/). A monitoring row is a projection of a
 * published register row, so it can add nothing an attacker does not already have, and no
 * new figure (a difference, a net flow) is ever derived here: such a number would be one
 * the gate never checked.
 */
import type { Metric } from "../domain/disclosure/categories";

/**
 * The cuts monitoring offers: totals, and causes (from township level up, as the gate
 * publishes them: registered and exited households and people at township and county level,
 * the monitoring flows' households at county level only).
 */
export const MONITORING_BREAKDOWNS = ["none", "cause"] as const;
export type MonitoringBreakdown = (typeof MONITORING_BREAKDOWNS)[number];

/**
 * Publication order of the figures (also the CSV column order): the year's flows first
 * (under monitoring together, then edge and unstable apart: monitored = edge + unstable),
 * then the register they belong to.
 */
export const MONITORING_METRICS = [
  "newly_identified_households",
  "newly_identified_people",
  "exited_households",
  "exited_people",
  "returned_households",
  "returned_people",
  "monitored_households",
  "monitored_people",
  "edge_households",
  "edge_people",
  "unstable_households",
  "unstable_people",
  "registered_households",
  "registered_people",
] as const satisfies readonly Metric[];

/** The monitoring page of a region and year (site), and its API list. */
export const monitoringPaths = (region: string, year?: number) => {
  const query = `region=${region}${year !== undefined ? `&year=${year}` : ""}`;
  return { api: `/api/v1/monitoring?${query}`, page: `/monitoring/?${query}` };
};

/** The return-to-poverty notices of a region published in a year (Asia/Shanghai days). */
export const returnNoticesPath = (region: string, year: number) =>
  `/api/v1/notices?type=return_to_poverty&region=${region}&published_from=${year}-01-01&published_to=${year}-12-31`;
