/**
 * The API's public shapes as the site reads them, and the build-time queries pages use.
 * Each function names the API path it reads, so a page can link the JSON and CSV behind it.
 */
import { isWithin } from "../../../worker/domain/region-codes";
import { apiGet, apiList } from "./api";

export type RegionLevel = "province" | "city" | "county" | "township" | "village";

export interface Region {
  code: string;
  name_zh: string;
  name_en: string;
  level: RegionLevel;
  parent_code: string | null;
  demo: boolean;
}

export interface RegionDetail extends Region {
  ancestors: Region[];
  counts: {
    children: number;
    descendants: Partial<Record<RegionLevel, number>>;
    villages: { total: number; designated_poor: number; poor: number; exited: number };
  };
}

interface RegionRef {
  code: string;
  name_zh: string | null;
  name_en: string | null;
}

export type VillageStatus = "not_designated" | "poor" | "exited";

export interface Village {
  code: string;
  name_zh: string;
  name_en: string;
  township: RegionRef;
  county: RegionRef;
  designated_year: number | null;
  exit_year: number | null;
  status: VillageStatus;
  demo: boolean;
}

export interface Source {
  id: string;
  title_zh: string;
  title_en: string;
  issuer: string;
  published_on: string;
  url: string | null;
  reference: string | null;
}

export interface OfficialFigure {
  id: number;
  kind: "official";
  region: { code: string; name_zh: string; name_en: string };
  year: number;
  period_from: number;
  metric: string;
  metric_zh: string;
  metric_en: string;
  value: number;
  unit: string;
  note_zh: string | null;
  note_en: string | null;
  source: Source;
}

export interface DatasetField {
  name: string;
  type: string;
  unit?: string;
  description: string;
}

export interface Dataset {
  id: string;
  title_zh: string;
  title_en: string;
  description_zh: string;
  description_en: string;
  kind: string;
  licence: { id: string; name: string; url: string };
  version: number;
  last_updated: string | null;
  keywords: string[];
  fields: DatasetField[];
  endpoint: string;
  downloads: { json: string; csv: string; csv_excel: string; ndjson: string };
}

export const API = {
  regions: "/api/v1/regions",
  region: (code: string) => `/api/v1/regions/${code}`,
  children: (code: string) => `/api/v1/regions?parent=${code}`,
  villages: "/api/v1/villages",
  villagesIn: (region: Region) =>
    region.level === "county" ? `/api/v1/villages?county=${region.code}` : `/api/v1/villages?township=${region.code}`,
  officialFigures: "/api/v1/statistics/official",
  officialFiguresFor: (code: string) => `/api/v1/statistics/official?region=${code}`,
  datasets: "/api/v1/datasets",
  catalog: "/api/v1/catalog.jsonld",
  docs: "/api/v1/docs",
  openapi: "/api/v1/openapi.json",
} as const;

/** The same query as CSV (for "every page links its JSON and CSV"). */
export function csvOf(path: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}format=csv`;
}

export const allRegions = () => apiList<Region>(API.regions);
export const allVillages = () => apiList<Village>(API.villages);
export const allOfficialFigures = () => apiList<OfficialFigure>(API.officialFigures);
export const regionDetail = async (code: string) => (await apiGet<{ data: RegionDetail }>(API.region(code))).data;
export const datasets = async () => (await apiGet<{ data: Dataset[] }>(API.datasets)).data;

/**
 * The official figures for a region and everything below it: the same rows as
 * `/api/v1/statistics/official?region=<code>` (one bulk read serves every page of the build).
 */
export async function officialFiguresWithin(code: string): Promise<OfficialFigure[]> {
  return (await allOfficialFigures()).filter((f) => isWithin(f.region.code, code));
}

/** The villages in a county or township, as `/api/v1/villages?county=|township=` lists them. */
export async function villagesWithin(code: string): Promise<Village[]> {
  return (await allVillages()).filter((v) => isWithin(v.code, code));
}


export interface RegionTree {
  byCode: Map<string, Region>;
  children: Map<string, Region[]>;
  roots: Region[];
}

let tree: Promise<RegionTree> | undefined;
/** Every region with its children, from one read of /api/v1/regions (code order). */
export function regionTree(): Promise<RegionTree> {
  tree ??= (async () => {
    const regions = await allRegions();
    const byCode = new Map(regions.map((r) => [r.code, r]));
    const children = new Map<string, Region[]>();
    const roots: Region[] = [];
    for (const r of regions) {
      if (r.parent_code === null) roots.push(r);
      else children.set(r.parent_code, [...(children.get(r.parent_code) ?? []), r]);
    }
    return { byCode, children, roots };
  })();
  return tree;
}

/** Parent chain, top first (as /api/v1/regions/{code} gives it in `ancestors`). */
export function ancestorsOf(t: RegionTree, region: Region): Region[] {
  const chain: Region[] = [];
  let parent = region.parent_code ? t.byCode.get(region.parent_code) : undefined;
  while (parent) {
    chain.unshift(parent);
    parent = parent.parent_code ? t.byCode.get(parent.parent_code) : undefined;
  }
  return chain;
}

/** Village counts below a region (as `counts.villages` of /api/v1/regions/{code}). */
export function villageCounts(villages: Village[]) {
  const n = (status: VillageStatus) => villages.filter((v) => v.status === status).length;
  return { total: villages.length, designated_poor: n("poor") + n("exited"), poor: n("poor"), exited: n("exited") };
}
