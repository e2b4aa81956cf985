/**
 * Which datasets each on-demand page reads (through the API handlers it calls), so a cache
 * of its HTML can be keyed on their versions: a write bumps a version in the same batch, and
 * the next read of every page that shows it misses the cache (edge-cache's module keys on
 * these; see worker/pages/index.ts). Keep in step with the pages' reads (site/src/pages).
 */
const FUNDS = ["regions", "fund_projects"] as const;

/** Page routes (without the /en prefix), most specific first, with the datasets they read. */
export const PAGE_DATASETS: readonly { pattern: RegExp; datasets: readonly string[] }[] = [
  // Home: figures of the home region, open notices, funds and donations.
  { pattern: /^\/$/, datasets: ["regions", "villages", "official_figures", "notices", ...FUNDS, "donations"] },
  { pattern: /^\/regions\/(villages\/)?$/, datasets: ["regions"] },
  // A region: its detail and counts, children, villages' statuses, figures, notices, who
  // answers for it; a village's hub adds its projects, donations and its township's reports.
  { pattern: /^\/regions\/[^/]+\/$/, datasets: ["regions", "villages", "official_figures", "notices", "contacts", ...FUNDS, "donations", "reports"] },
  // The printable village notice board: the village, its notices and its contacts.
  { pattern: /^\/regions\/[^/]+\/print\/$/, datasets: ["regions", "notices", "contacts"] },
  // Search: the index, the tables its query re-checks, and the region choices.
  { pattern: /^\/search\/$/, datasets: ["regions", "search", "notices", "donations"] },
  // A return-to-poverty notice links to its region's monitoring figures (register statistics).
  { pattern: /^\/notices\/([^/]+\/)?$/, datasets: ["regions", "notices", "register_statistics"] },
  // Dynamic monitoring: the register statistics, regions and the region's return notices.
  { pattern: /^\/monitoring\/$/, datasets: ["regions", "register_statistics", "notices"] },
  // Accountability: the cases, their totals and the report's official figures beside them.
  { pattern: /^\/accountability\/(acc_[^/]+\/)?$/, datasets: ["regions", "accountability", "official_figures"] },
  { pattern: /^\/funds\/projects\/[^/]+\/$/, datasets: [...FUNDS, "donations"] },
  { pattern: /^\/funds\/(.+\/)?$/, datasets: FUNDS },
  { pattern: /^\/donations\/$/, datasets: ["donations"] },
  { pattern: /^\/donations\/[^/]+\/$/, datasets: ["donations", "fund_projects", "ledger"] },
  { pattern: /^\/reports\/$/, datasets: ["regions"] },
  // Needs: the board and a need with its ledger entries (the pledge lookup is personal: never cached).
  { pattern: /^\/needs\/$/, datasets: ["regions", "needs"] },
  { pattern: /^\/needs\/ned_[^/]+\/$/, datasets: ["regions", "needs", "ledger"] },
];

/** The datasets a page path reads; null for a path that is no cacheable page (catalogue: all). */
export function pageDatasets(pathname: string, allDatasets: readonly string[]): readonly string[] | null {
  const path = pathname.replace(/^\/en(?=\/|$)/, "") || "/";
  const withSlash = path.endsWith("/") ? path : `${path}/`;
  if (withSlash === "/data/") return allDatasets;
  return PAGE_DATASETS.find((p) => p.pattern.test(withSlash))?.datasets ?? null;
}
