/**
 * Which funds pages exist: one per region with projects (its city and county) and year,
 * plus "all years". Derived from the project library when the page renders.
 */
import { apiGet, type PageApi } from "./api";
import { regionTree, type Region } from "./data";
import { FUNDS_API } from "./funds";

export interface FundsView {
  region: Region;
  /** undefined: all years. */
  year?: number;
  years: number[];
}

const cityOf = (code: string) => `${code.slice(0, 4)}00000000`;
const countyOf = (code: string) => `${code.slice(0, 6)}000000`;

export async function fundsRegions(api: PageApi): Promise<{ region: Region; years: number[] }[]> {
  // The projects' counties and years as the API's totals (one row per county and year), not
  // every project: bounded whatever the number of projects.
  const [tree, groups] = await Promise.all([regionTree(api, ["city", "county"]), apiGet<{ data: { county: string; year: number }[] }>(api, `${FUNDS_API.projects()}?group_by=county,year`)]);
  const years = new Map<string, Set<number>>();
  for (const p of groups.data) {
    for (const code of new Set([cityOf(p.county), countyOf(p.county)])) {
      if (!tree.byCode.has(code)) continue;
      years.set(code, (years.get(code) ?? new Set()).add(p.year));
    }
  }
  return [...years.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, ys]) => ({ region: tree.byCode.get(code)!, years: [...ys].sort() }));
}

export async function fundsViews(api: PageApi): Promise<FundsView[]> {
  return (await fundsRegions(api)).flatMap(({ region, years }) => [{ region, years }, ...years.map((year) => ({ region, year, years }))]);
}


export const fundsPath = (code: string, year?: number) => `/funds/${code}/${year === undefined ? "" : `${year}/`}`;
